/**
 * NetworkPolicies generated from the communication graph: a namespace-wide default deny in both directions,
 * and one policy per PMS service, named after it, listing every peer its pods may reach or be reached from.
 */
import type { VpcSettings } from '@pms/core';
import type { INetworkPolicyPeer } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicyPeer';
import type { INetworkPolicyPort } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicyPort';
import type { INetworkPolicySpec } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicySpec';
import { PMS_SERVICES } from './catalogue.js';
import { serviceOfNode, type CommunicationGraph, type GraphEdge } from './graph.js';
import { externalNode } from './graph-nodes.js';
import { NAMESPACE_NAME_LABEL } from './reachability.js';

/** Name of the namespace-wide default-deny policy. */
export const DEFAULT_DENY_POLICY = 'default-deny';

/** A NetworkPolicy to render: its name and spec (namespace `pms`). */
export interface PolicyDefinition {
  /** Policy name: `default-deny` or the service's name. */
  readonly name: string;
  /** What the policy does, for the docs. */
  readonly description: string;
  /** The policy's spec. */
  readonly spec: INetworkPolicySpec;
}

/**
 * The peers of a graph node: a PMS service's pods by their labels (same namespace); pods of another namespace by
 * namespace AND labels in ONE peer (ANDed, so only those pods in that namespace match); addresses by `ipBlock`s.
 */
function peersOf(node: string, vpc: VpcSettings): INetworkPolicyPeer[] {
  const service = serviceOfNode(node);
  if (service) return [{ podSelector: { matchLabels: { ...service.podLabels } } }];
  const external = externalNode(node);
  if (!external)
    throw new Error(`graph endpoint ${JSON.stringify(node)} is neither a PMS service nor a known node`);
  if (external.kind === 'addresses') return external.addresses(vpc).map((cidr) => ({ ipBlock: { cidr } }));
  return [
    {
      namespaceSelector: { matchLabels: { [NAMESPACE_NAME_LABEL]: external.namespace } },
      podSelector: { matchLabels: { ...external.podLabels } },
    },
  ];
}

/** One rule per peer, in the order peers first appear; ports in edge order. */
function rules(
  edges: readonly GraphEdge[],
  peerOf: (edge: GraphEdge) => string,
  vpc: VpcSettings,
): { peers: INetworkPolicyPeer[]; ports: INetworkPolicyPort[] }[] {
  const byPeer = new Map<string, INetworkPolicyPort[]>();
  for (const edge of edges) {
    const ports = byPeer.get(peerOf(edge)) ?? [];
    ports.push({ protocol: edge.protocol, port: edge.port });
    byPeer.set(peerOf(edge), ports);
  }
  return [...byPeer].map(([peer, ports]) => ({ peers: peersOf(peer, vpc), ports }));
}

/**
 * Every NetworkPolicy of the namespace: `default-deny` first, then one per PMS service in catalogue order.
 * Each policy names both policy types explicitly: without `Egress` in `policyTypes`, a policy without egress
 * rules would leave egress open.
 */
export function policyDefinitions(graph: CommunicationGraph, vpc: VpcSettings): PolicyDefinition[] {
  const definitions: PolicyDefinition[] = [
    {
      name: DEFAULT_DENY_POLICY,
      description:
        'Isolates every pod of the namespace in both directions; the per-service policies open the graph.',
      spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'] },
    },
  ];
  for (const service of PMS_SERVICES) {
    const ingress = rules(
      graph.edges.filter((e) => e.to === service.name),
      (e) => e.from,
      vpc,
    ).map(({ peers, ports }) => ({ from: peers, ports }));
    const egress = rules(
      graph.edges.filter((e) => e.from === service.name),
      (e) => e.to,
      vpc,
    ).map(({ peers, ports }) => ({ to: peers, ports }));
    definitions.push({
      name: service.name,
      description: `What the ${service.name} pods may receive and open.`,
      spec: {
        podSelector: { matchLabels: { ...service.podLabels } },
        policyTypes: ['Ingress', 'Egress'],
        ...(ingress.length > 0 ? { ingress } : {}),
        ...(egress.length > 0 ? { egress } : {}),
      },
    });
  }
  return definitions;
}
