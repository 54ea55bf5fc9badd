/**
 * Reachability of one rendered cluster: the endpoints that matter to the PMS namespace (its services, kube-dns,
 * the API server, the backing services' operators, the ALB, the rest of the VPC, the internet, a pod of another
 * namespace) and every allowed connection between them, computed by the evaluator from the rendered
 * NetworkPolicies. A backing service is modelled by its serving pod as its project labels it (upstream facts), not
 * by the catalogue's labels.
 *
 * Every pod endpoint (PMS pods, kube-dns, the operators, the other namespace's pod) may have any address of
 * `cluster.vpc.podSubnets`, so `ipBlock`s are judged against pod addresses too. The API server is the
 * `kubernetes` Service's ClusterIP and the control-plane subnets; the `vpc` endpoint leaves those subnets out as it
 * leaves out the ALB's (a host there is treated as what the subnets hold), and the `internet` endpoint leaves out
 * the Service CIDR (ClusterIPs are no internet addresses). There is no separate endpoint for
 * "a host in the ALB subnets that is not the ALB": pods cannot be there (`vpc.podSubnets` may not overlap the
 * ALB subnets), and any other host there (a node under VPC CNI custom networking, a bastion, another load
 * balancer) has the same addresses as the ALB, so every NetworkPolicy treats it exactly as the `alb` endpoint:
 * the `alb` row, asked with `'any'`, is what such a host may reach.
 */
import { throwIfAny, type ClusterSettings, type ConfigIssue, type Manifest } from '@pms/core';
import { backingPodsOf, servingPodLabels } from './backing/pods.js';
import { containerPortsOf, PMS_SERVICES, type BackingService } from './catalogue.js';
import { GRAPH_SOURCE, PMS_GRAPH, type CommunicationGraph } from './graph.js';
import { externalNodes } from './graph-nodes.js';
import { PMS_NAMESPACE } from './namespace.js';
import { formatSelector } from './label-selector.js';
import {
  formatPorts,
  isEmptyPorts,
  portSetOf,
  PROTOCOLS,
  subtractPorts,
  unionPorts,
  type PortSet,
  type Protocol,
} from './port-set.js';
import {
  explainSide,
  networkPoliciesOf,
  reachabilityMatrix,
  type AddressQuantifier,
  type Connection,
  type Endpoint,
  type NetworkPolicyObject,
} from './reachability.js';

/** Name of the endpoint standing for VPC addresses outside the ALB subnets that are not pods (nodes, VPN). */
export const VPC_ENDPOINT = 'vpc';
/** Name of the endpoint standing for every address outside the VPC. */
export const INTERNET_ENDPOINT = 'internet';
/** Name of the endpoint standing for a pod of another namespace (with a pod-subnet address). */
export const OTHER_NAMESPACE_ENDPOINT = 'other-namespace';
/** Namespace and labels of the other namespace's pod: labels no PMS policy selects. */
export const OTHER_NAMESPACE_POD = { namespace: 'default', labels: { app: 'any' } } as const;

/**
 * The endpoints of a cluster, in a stable order: PMS services (catalogue order), the graph's external nodes
 * (kube-dns, the API server, the operators, the ALB), then the rest of the VPC, the internet and another namespace.
 */
export function clusterEndpoints(cluster: Pick<ClusterSettings, 'vpc'>): Endpoint[] {
  const albCidrs = cluster.vpc.albSubnets.map((subnet) => subnet.cidr);
  // A pod (or node) may get any address of the pod subnets.
  const podCidrs = [...cluster.vpc.podSubnets];
  return [
    ...PMS_SERVICES.map((service): Endpoint => {
      const ports = service.kind === 'backing' ? backingPorts(service) : containerPortsOf(service);
      return {
        name: service.name,
        pod: {
          namespace: PMS_NAMESPACE,
          labels: service.kind === 'backing' ? servingPodLabels(service) : service.podLabels,
        },
        addresses: podCidrs,
        ports: ports.map((p) => ({ name: p.name, port: p.port, protocol: 'TCP' as const })),
      };
    }),
    ...externalNodes().map((node): Endpoint =>
      node.kind === 'pods'
        ? {
            name: node.name,
            pod: { namespace: node.namespace, labels: node.podLabels },
            addresses: podCidrs,
            ports: node.ports.map((p) => ({
              ...(p.name ? { name: p.name } : {}),
              port: p.port,
              protocol: p.protocol,
            })),
          }
        : // Any address of the node's blocks: for the ALB its interfaces and any other host placed there.
          {
            name: node.name,
            addresses: node.addresses(cluster.vpc),
            ports: node.ports.map((p) => ({
              ...(p.name ? { name: p.name } : {}),
              port: p.port,
              protocol: p.protocol,
            })),
          },
    ),
    // A host of the VPC that is no pod (a node, a VPN client), outside the ALB and control-plane subnets.
    {
      name: VPC_ENDPOINT,
      addresses: [cluster.vpc.cidr],
      exceptAddresses: [...albCidrs, ...cluster.vpc.controlPlaneSubnets],
    },
    {
      name: INTERNET_ENDPOINT,
      addresses: ['0.0.0.0/0'],
      exceptAddresses: [cluster.vpc.cidr, cluster.vpc.serviceCidr],
    },
    {
      name: OTHER_NAMESPACE_ENDPOINT,
      pod: { namespace: OTHER_NAMESPACE_POD.namespace, labels: OTHER_NAMESPACE_POD.labels },
      addresses: podCidrs,
    },
  ];
}

/** A backing service's container ports as its project declares them (the catalogue's when the project is unknown). */
function backingPorts(service: BackingService): readonly { readonly name: string; readonly port: number }[] {
  return backingPodsOf(service)?.ports ?? containerPortsOf(service);
}

/** True for a pair the PMS namespace's policies govern: at least one end is a PMS pod. */
function involvesPms(from: Endpoint, to: Endpoint): boolean {
  return from.pod?.namespace === PMS_NAMESPACE || to.pod?.namespace === PMS_NAMESPACE;
}

/**
 * Every allowed connection of a rendered cluster that starts or ends at a PMS pod, computed from its
 * NetworkPolicies. With `'any'` (the default) a port counts when some address of the source may open it: what
 * the README shows and the PR diff compares. With `'all'` only ports every address may open.
 */
export function clusterReachability(
  cluster: Pick<ClusterSettings, 'vpc'>,
  manifests: readonly Manifest[],
  quantifier: AddressQuantifier = 'any',
): Connection[] {
  const policies = networkPoliciesOf(manifests);
  const endpoints = clusterEndpoints(cluster);
  // The README and the render's proof ask the same question of the same policies: answer it once.
  const key = JSON.stringify([policies, endpoints, quantifier]);
  let connections = answered.get(key);
  if (!connections) {
    connections = reachabilityMatrix(policies, endpoints, quantifier, involvesPms);
    if (answered.size >= ANSWERS_KEPT) answered.delete(answered.keys().next().value!);
    answered.set(key, connections);
  }
  return connections.map((c) => ({ ...c }));
}

/** Recent answers of `clusterReachability`, by value of its inputs (a pure function, so reuse is exact). */
const answered = new Map<string, Connection[]>();
const ANSWERS_KEPT = 16;

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
 * involves a PMS pod) with what the graph declares. A declared port is missing unless EVERY address of the
 * source may open it on every address of the destination (`'all'`); a port is unexpected as soon as SOME
 * address may open it (`'any'`). Both empty means the allowed set equals the graph for every address.
 */
export function proveReachability(
  cluster: Pick<ClusterSettings, 'vpc'>,
  manifests: readonly Manifest[],
  graph: CommunicationGraph,
): ReachabilityProof {
  const guaranteed = clusterReachability(cluster, manifests, 'all');
  const possible = clusterReachability(cluster, manifests, 'any');
  const declared = declaredConnections(graph);
  const key = (c: Pick<Connection, 'from' | 'to'>) => `${c.from}\u0000${c.to}`;
  const guaranteedBy = new Map(guaranteed.map((c) => [key(c), c.ports]));
  const declaredBy = new Map(declared.map((c) => [key(c), c.ports]));
  const missing: Connection[] = [];
  const unexpected: Connection[] = [];
  for (const c of declared) {
    const denied = subtractPorts(c.ports, guaranteedBy.get(key(c)) ?? {});
    if (!isEmptyPorts(denied)) missing.push({ from: c.from, to: c.to, ports: denied });
  }
  for (const c of possible) {
    const extra = subtractPorts(c.ports, declaredBy.get(key(c)) ?? {});
    if (!isEmptyPorts(extra)) unexpected.push({ from: c.from, to: c.to, ports: extra });
  }
  return { missing, unexpected };
}

/**
 * Render-time proof: throws (`throwIfAny`) when the rendered NetworkPolicies do not allow exactly the declared
 * graph (a declared connection denied, or an undeclared one allowed), naming both ends and the ports.
 */
export function checkReachability(
  cluster: Pick<ClusterSettings, 'name' | 'vpc'>,
  manifests: readonly Manifest[],
  graph: CommunicationGraph = PMS_GRAPH,
): void {
  const clusterName = cluster.name;
  const { missing, unexpected } = proveReachability(cluster, manifests, graph);
  const policies = networkPoliciesOf(manifests);
  const endpoints = new Map(clusterEndpoints(cluster).map((e) => [e.name, e]));
  const explain = (c: Connection, denied: boolean) =>
    explainConnection(policies, endpoints.get(c.from)!, endpoints.get(c.to)!, c.ports, denied);
  const issues: ConfigIssue[] = [
    ...missing.map((c) => ({
      cluster: clusterName,
      field: `NetworkPolicies ${PMS_NAMESPACE}: ${c.from} → ${c.to}`,
      value: formatPorts(c.ports),
      allowed: `every connection of the declared graph (${GRAPH_SOURCE})`,
      problem: `declared in the communication graph but denied by the rendered policies: ${explain(c, true)}`,
    })),
    ...unexpected.map((c) => ({
      cluster: clusterName,
      field: `NetworkPolicies ${PMS_NAMESPACE}: ${c.from} → ${c.to}`,
      value: formatPorts(c.ports),
      allowed: `only connections of the declared graph (${GRAPH_SOURCE})`,
      problem: `allowed by the rendered policies but not declared in the communication graph: ${explain(c, false)}`,
    })),
  ];
  throwIfAny(issues);
}

/** `pods {a=b} in pms`, or the addresses of an endpoint outside the cluster. */
function describeEndpoint(endpoint: Endpoint): string {
  if (endpoint.pod)
    return `${endpoint.name} (pods {${formatSelector({ matchLabels: endpoint.pod.labels })}} in ${endpoint.pod.namespace})`;
  return `${endpoint.name} (${(endpoint.addresses ?? []).join(', ')}${endpoint.exceptAddresses?.length ? ` except ${endpoint.exceptAddresses.join(', ')}` : ''})`;
}

/**
 * Why a connection is denied (`denied`) or allowed, on the first port of `ports`: for each side, the policies selecting
 * the subject (or that none has the direction in its `policyTypes`), and the rule and peers at fault.
 */
export function explainConnection(
  policies: readonly NetworkPolicyObject[],
  from: Endpoint,
  to: Endpoint,
  ports: PortSet,
  denied: boolean,
): string {
  const first = firstPort(ports);
  if (!first) return '';
  const [protocol, port] = first;
  const sides = [
    { side: explainSide(policies, 'Egress', from, to, to, protocol, port), subject: from, other: to },
    { side: explainSide(policies, 'Ingress', to, from, to, protocol, port), subject: to, other: from },
  ];
  const parts: string[] = [];
  for (const { side, subject, other } of sides) {
    const direction = side.direction.toLowerCase();
    if (!subject.pod) continue; // outside the cluster: no policy applies to it
    if (denied) {
      if (side.selecting.length === 0 || side.allowing.length > 0) continue;
      const opening = side.openingPort.length
        ? `; the rules opening ${port}/${protocol} (${side.openingPort.map((r) => `${r.policy} ${r.path}: ${r.peers}`).join(' | ')}) do not match ${describeEndpoint(other)}`
        : `; none of their ${direction} rules opens ${port}/${protocol}`;
      parts.push(
        `the ${direction} of ${describeEndpoint(subject)} is isolated by ${side.selecting.join(', ')}${opening}`,
      );
    } else if (side.selecting.length === 0) {
      parts.push(
        `${describeEndpoint(subject)} is not isolated for ${side.direction}: no NetworkPolicy selecting it has ${side.direction} in its policyTypes`,
      );
    } else {
      parts.push(
        `${side.allowing.map((r) => `${r.policy} ${r.path} (${r.peers})`).join(' and ')} admit${side.allowing.length === 1 ? 's' : ''} ${other.name} in the ${direction} of ${subject.name}`,
      );
    }
  }
  return `on ${port}/${protocol}, ${parts.join('; ') || 'no policy decides it'}`;
}

/** The first `[protocol, port]` of a port set. */
function firstPort(ports: PortSet): [Protocol, number] | undefined {
  for (const protocol of PROTOCOLS) {
    const range = ports[protocol]?.[0];
    if (range) return [protocol, range[0]];
  }
  return undefined;
}
