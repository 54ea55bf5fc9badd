/**
 * NetworkPolicies generated from the communication graph: a namespace-wide default deny in both directions,
 * and one policy per PMS service, named after it, listing every peer its pods may reach or be reached from.
 */
import type { INetworkPolicyPeer } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicyPeer';
import type { INetworkPolicyPort } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicyPort';
import type { INetworkPolicySpec } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicySpec';
import { PMS_SERVICES } from './catalogue.js';
import {
  ALB,
  KUBE_DNS,
  KUBE_DNS_PODS,
  serviceOfNode,
  type CommunicationGraph,
  type GraphEdge,
} from './graph.js';
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

/** Builds the peers of a graph endpoint; `albCidrs` are the ALB subnets' CIDRs. */
function peersOf(node: string, albCidrs: readonly string[]): INetworkPolicyPeer[] {
  if (node === ALB) return albCidrs.map((cidr) => ({ ipBlock: { cidr } }));
  if (node === KUBE_DNS) {
    // Namespace and pods in ONE peer: ANDed, so only kube-dns pods in kube-system match.
    return [
      {
        namespaceSelector: { matchLabels: { [NAMESPACE_NAME_LABEL]: KUBE_DNS_PODS.namespace } },
        podSelector: { matchLabels: { ...KUBE_DNS_PODS.podLabels } },
      },
    ];
  }
  const service = serviceOfNode(node);
  if (!service)
    throw new Error(`graph endpoint ${JSON.stringify(node)} is neither alb, kube-dns nor a PMS service`);
  return [{ podSelector: { matchLabels: { ...service.podLabels } } }];
}

/** One rule per peer, in the order peers first appear; ports in edge order. */
function rules(
  edges: readonly GraphEdge[],
  peerOf: (edge: GraphEdge) => string,
  albCidrs: readonly string[],
): { peers: INetworkPolicyPeer[]; ports: INetworkPolicyPort[] }[] {
  const byPeer = new Map<string, INetworkPolicyPort[]>();
  for (const edge of edges) {
    const ports = byPeer.get(peerOf(edge)) ?? [];
    ports.push({ protocol: edge.protocol, port: edge.port });
    byPeer.set(peerOf(edge), ports);
  }
  return [...byPeer].map(([peer, ports]) => ({ peers: peersOf(peer, albCidrs), ports }));
}

/**
 * Every NetworkPolicy of the namespace: `default-deny` first, then one per PMS service in catalogue order.
 * Each policy names both policy types explicitly: without `Egress` in `policyTypes`, a policy without egress
 * rules would leave egress open.
 */
export function policyDefinitions(
  graph: CommunicationGraph,
  albCidrs: readonly string[],
): PolicyDefinition[] {
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
      albCidrs,
    ).map(({ peers, ports }) => ({ from: peers, ports }));
    const egress = rules(
      graph.edges.filter((e) => e.from === service.name),
      (e) => e.to,
      albCidrs,
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
