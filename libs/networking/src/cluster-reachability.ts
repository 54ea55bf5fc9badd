/**
 * Reachability of one rendered cluster: the endpoints that matter to the PMS namespace (its services, kube-dns,
 * the ALB, the rest of the VPC, the internet, a pod of another namespace) and every allowed connection between
 * them, computed by the evaluator from the rendered NetworkPolicies.
 */
import { ConfigErrors, type ClusterSettings, type ConfigIssue, type Manifest } from '@pms/core';
import { containerPortsOf, PMS_SERVICES } from './catalogue.js';
import { ALB, KUBE_DNS, KUBE_DNS_PODS, PMS_GRAPH, type CommunicationGraph } from './graph.js';
import { PMS_NAMESPACE } from './namespace.js';
import { formatPorts, isEmptyPorts, portSetOf, subtractPorts, unionPorts, type PortSet } from './port-set.js';
import { networkPoliciesOf, reachabilityMatrix, type Connection, type Endpoint } from './reachability.js';

/** Name of the endpoint standing for VPC addresses outside the ALB subnets (nodes, other pods by IP, VPN). */
export const VPC_ENDPOINT = 'vpc';
/** Name of the endpoint standing for every address outside the VPC. */
export const INTERNET_ENDPOINT = 'internet';
/** Name of the endpoint standing for a pod of another namespace. */
export const OTHER_NAMESPACE_ENDPOINT = 'other-namespace';

/** The endpoints of a cluster, in a stable order: PMS services (catalogue order), then the others. */
export function clusterEndpoints(cluster: Pick<ClusterSettings, 'vpc'>): Endpoint[] {
  const albCidrs = cluster.vpc.albSubnets.map((subnet) => subnet.cidr);
  return [
    ...PMS_SERVICES.map((service): Endpoint => ({
      name: service.name,
      pod: { namespace: PMS_NAMESPACE, labels: service.podLabels },
      ports: containerPortsOf(service).map((p) => ({ name: p.name, port: p.port, protocol: 'TCP' as const })),
    })),
    {
      name: KUBE_DNS,
      pod: { namespace: KUBE_DNS_PODS.namespace, labels: KUBE_DNS_PODS.podLabels },
      ports: [
        { name: 'dns', port: KUBE_DNS_PODS.port, protocol: 'UDP' },
        { name: 'dns-tcp', port: KUBE_DNS_PODS.port, protocol: 'TCP' },
      ],
    },
    // The ALB may use any address of its subnets: it reaches a port only if every one of them may.
    { name: ALB, addresses: albCidrs, addressMatch: 'all' },
    // Some other address of the VPC: reaches a port if any of them may.
    { name: VPC_ENDPOINT, addresses: [cluster.vpc.cidr], exceptAddresses: albCidrs, addressMatch: 'any' },
    {
      name: INTERNET_ENDPOINT,
      addresses: ['0.0.0.0/0'],
      exceptAddresses: [cluster.vpc.cidr],
      addressMatch: 'any',
    },
    { name: OTHER_NAMESPACE_ENDPOINT, pod: { namespace: 'default', labels: { app: 'any' } } },
  ];
}

/** True for a pair the PMS namespace's policies govern: at least one end is a PMS pod. */
function involvesPms(from: Endpoint, to: Endpoint): boolean {
  return from.pod?.namespace === PMS_NAMESPACE || to.pod?.namespace === PMS_NAMESPACE;
}

/**
 * Every allowed connection of a rendered cluster that starts or ends at a PMS pod, computed from its
 * NetworkPolicies. This is what the PR diff compares between two renders.
 */
export function clusterReachability(
  cluster: Pick<ClusterSettings, 'vpc'>,
  manifests: readonly Manifest[],
): Connection[] {
  return reachabilityMatrix(networkPoliciesOf(manifests), clusterEndpoints(cluster), involvesPms);
}

/** The connections a graph declares, in the same shape as `clusterReachability` (ports merged per pair). */
export function declaredConnections(graph: CommunicationGraph): Connection[] {
  const byPair = new Map<string, { from: string; to: string; ports: PortSet }>();
  for (const edge of graph.edges) {
    const key = `${edge.from}\u0000${edge.to}`;
    const previous = byPair.get(key);
    const ports = portSetOf(edge.protocol, edge.port);
    byPair.set(key, {
      from: edge.from,
      to: edge.to,
      ports: previous ? unionPorts(previous.ports, ports) : ports,
    });
  }
  return [...byPair.values()];
}

/** How the rendered policies differ from the declared graph; both empty when they allow exactly the graph. */
export interface ReachabilityProof {
  /** Declared ports the policies deny, per pair. */
  readonly missing: readonly Connection[];
  /** Ports the policies allow that the graph does not declare, per pair. */
  readonly unexpected: readonly Connection[];
}

/**
 * Compares what the rendered NetworkPolicies allow (by the evaluator, between every endpoint of the cluster that
 * involves a PMS pod) with what the graph declares.
 */
export function proveReachability(
  cluster: Pick<ClusterSettings, 'vpc'>,
  manifests: readonly Manifest[],
  graph: CommunicationGraph,
): ReachabilityProof {
  const allowed = clusterReachability(cluster, manifests);
  const declared = declaredConnections(graph);
  const key = (c: Pick<Connection, 'from' | 'to'>) => `${c.from}\u0000${c.to}`;
  const allowedBy = new Map(allowed.map((c) => [key(c), c.ports]));
  const declaredBy = new Map(declared.map((c) => [key(c), c.ports]));
  const missing: Connection[] = [];
  const unexpected: Connection[] = [];
  for (const c of declared) {
    const denied = subtractPorts(c.ports, allowedBy.get(key(c)) ?? {});
    if (!isEmptyPorts(denied)) missing.push({ from: c.from, to: c.to, ports: denied });
  }
  for (const c of allowed) {
    const extra = subtractPorts(c.ports, declaredBy.get(key(c)) ?? {});
    if (!isEmptyPorts(extra)) unexpected.push({ from: c.from, to: c.to, ports: extra });
  }
  return { missing, unexpected };
}

/**
 * Render-time proof: throws `ConfigErrors` when the rendered NetworkPolicies do not allow exactly the declared
 * graph (a declared connection denied, or an undeclared one allowed), naming both ends and the ports.
 */
export function checkReachability(
  clusterName: string,
  cluster: Pick<ClusterSettings, 'vpc'>,
  manifests: readonly Manifest[],
  graph: CommunicationGraph = PMS_GRAPH,
): void {
  const { missing, unexpected } = proveReachability(cluster, manifests, graph);
  const issues: ConfigIssue[] = [
    ...missing.map((c) => ({
      cluster: clusterName,
      field: `NetworkPolicies ${PMS_NAMESPACE}: ${c.from} → ${c.to}`,
      value: formatPorts(c.ports),
      allowed: 'every connection of the declared graph',
      problem: 'declared in the communication graph but denied by the rendered policies',
    })),
    ...unexpected.map((c) => ({
      cluster: clusterName,
      field: `NetworkPolicies ${PMS_NAMESPACE}: ${c.from} → ${c.to}`,
      value: formatPorts(c.ports),
      allowed: 'only connections of the declared graph',
      problem: 'allowed by the rendered policies but not declared in the communication graph',
    })),
  ];
  if (issues.length > 0) throw new ConfigErrors(issues);
}
