/**
 * The PMS communication graph: ONE declaration of every connection the platform intends. NetworkPolicies,
 * the reachability proof and the README's matrix and diagram are all derived from it.
 */
import { didYouMean, type Checks } from '@pms/core';
import {
  CATALOGUE_SOURCE,
  containerPortsOf,
  findService,
  PMS_SERVICES,
  type ServiceDefinition,
} from './catalogue.js';

/** The ALB: reaches pods from its network interfaces in the ALB subnets (`vpc.albSubnets`), target type `ip`. */
export const ALB = 'alb';
/** The cluster DNS (CoreDNS, still labelled `k8s-app: kube-dns` on EKS) in `kube-system`. */
export const KUBE_DNS = 'kube-dns';

/** Where the graph is declared, for messages that send the reader there. */
export const GRAPH_SOURCE = 'PMS_GRAPH (libs/networking/src/graph.ts)';
/** How messages name the kube-dns selector: the constant and its file. */
export const KUBE_DNS_SOURCE = 'KUBE_DNS_PODS (libs/networking/src/graph.ts)';

/**
 * The CoreDNS pods EKS runs, as they are: an upstream fact, held apart from `KUBE_DNS_PODS` (what this project's
 * policies select) so that the gate can check the one against the other. EKS deploys CoreDNS (the `coredns` add-on)
 * as Deployment `coredns` in `kube-system` with the pod labels `k8s-app: kube-dns` and
 * `eks.amazonaws.com/component: coredns` (the EKS CoreDNS manifest; EKS user guide "Manage CoreDNS",
 * `kubectl get pods -n kube-system -l k8s-app=kube-dns`), listening on 53/UDP and 53/TCP.
 */
export const EKS_COREDNS_PODS = {
  namespace: 'kube-system',
  podLabels: { 'k8s-app': 'kube-dns', 'eks.amazonaws.com/component': 'coredns' },
  port: 53,
} as const;

/** Where kube-dns runs and how its pods are labelled, as NetworkPolicies select it. */
export const KUBE_DNS_PODS = {
  namespace: 'kube-system',
  podLabels: { 'k8s-app': 'kube-dns' },
  port: 53,
} as const;

/** A source of connections: a PMS service's pods or the ALB. */
export type GraphSource = string;
/** A destination of connections: a PMS service's pods or kube-dns. */
export type GraphDestination = string;

/** One intended connection. */
export interface GraphEdge {
  /** A PMS service name (its pods) or `alb`. */
  readonly from: GraphSource;
  /** A PMS service name (its pods) or `kube-dns`. */
  readonly to: GraphDestination;
  /** Destination container port: the service's port, one of its internal ports, or 53 for kube-dns. */
  readonly port: number;
  /** Transport protocol. */
  readonly protocol: 'TCP' | 'UDP';
  /** Why the connection exists, for the generated docs. */
  readonly purpose: string;
}

/** The intended connections of the PMS namespace. */
export interface CommunicationGraph {
  /** Every allowed connection; anything not listed is denied. */
  readonly edges: readonly GraphEdge[];
}

const tcp = (from: string, to: string, port: number, purpose: string): GraphEdge => ({
  from,
  to,
  port,
  protocol: 'TCP',
  purpose,
});

/** DNS over UDP and TCP (large answers, truncation) from the pods of one service. */
const dns = (from: string): GraphEdge[] => [
  { from, to: KUBE_DNS, port: KUBE_DNS_PODS.port, protocol: 'UDP', purpose: 'DNS' },
  { from, to: KUBE_DNS, port: KUBE_DNS_PODS.port, protocol: 'TCP', purpose: 'DNS (large answers)' },
];

/** The PMS graph. Every pod resolves DNS; the ALB reaches only the two services behind it. */
export const PMS_GRAPH: CommunicationGraph = {
  edges: [
    tcp(ALB, 'frontend', 80, 'SPA requests and target-group health checks'),
    tcp(ALB, 'apigateway', 8080, 'REST, WebSockets and target-group health checks'),
    tcp('frontend', 'apigateway', 8080, 'API calls from the SPA server'),
    tcp('apigateway', 'auth', 8081, 'authentication'),
    tcp('apigateway', 'analytics', 8086, 'analytics APIs and WebSocket streams'),
    tcp('apigateway', 'redis', 6379, 'sessions'),
    tcp('auth', 'postgres', 5432, 'users and credentials'),
    tcp('analytics', 'postgres', 5432, 'analytics data'),
    tcp('analytics', 'kafka', 9092, 'trade events'),
    tcp('kafka', 'kafka', 9093, 'KRaft controller quorum'),
    tcp('kafka', 'kafka', 9094, 'replication between brokers'),
    ...PMS_SERVICES.flatMap((service) => dns(service.name)),
  ],
};

/** `from → to port/protocol`: how an edge reads in messages and docs. */
export function describeEdge(edge: Pick<GraphEdge, 'from' | 'to' | 'port' | 'protocol'>): string {
  return `${edge.from} → ${edge.to} ${edge.port}/${edge.protocol}`;
}

/** The ports a destination listens on, as the graph may use them. */
function destinationPorts(to: string): readonly number[] | undefined {
  if (to === KUBE_DNS) return [KUBE_DNS_PODS.port];
  const service = serviceOfNode(to);
  return service ? containerPortsOf(service).map((p) => p.port) : undefined;
}

/**
 * Checks a graph: known endpoints (with "did you mean"), ports the destination listens on, no duplicates, every PMS
 * service resolves DNS, the ALB reaches only workloads, nothing reaches the ALB or leaves for kube-dns except DNS.
 * Issues are reported under `source` (default `PMS_GRAPH (libs/networking/src/graph.ts)`), the constant to edit.
 */
export function validateGraph(graph: CommunicationGraph, checks: Checks, source = GRAPH_SOURCE): void {
  const at = checks.withPrefix(source);
  const services = PMS_SERVICES.map((s) => s.name);
  const seen = new Map<string, number>();
  graph.edges.forEach((edge, index) => {
    const field = `edges[${index}]`;
    const sourceOk = edge.from === ALB || serviceOfNode(edge.from) !== undefined;
    if (!sourceOk)
      at.fail({
        field: `${field}.from`,
        value: edge.from,
        allowed: `"${ALB}" or a PMS service: ${services.join(', ')}`,
        problem: `no PMS service "${edge.from}" in ${CATALOGUE_SOURCE}${didYouMean(edge.from, [ALB, ...services])}`,
      });
    const destination = serviceOfNode(edge.to);
    if (edge.to !== KUBE_DNS && !destination) {
      at.fail({
        field: `${field}.to`,
        value: edge.to,
        allowed: `"${KUBE_DNS}" or a PMS service: ${services.join(', ')}`,
        problem: `no PMS service "${edge.to}" in ${CATALOGUE_SOURCE}${didYouMean(edge.to, [KUBE_DNS, ...services])}`,
      });
    }
    if (edge.from === ALB && destination && destination.kind !== 'workload') {
      at.fail({
        field: `${field}.to`,
        value: edge.to,
        allowed: 'a workload behind the ALB',
        problem: `the ALB must not reach the ${destination.kind} service ${edge.to}`,
      });
    }
    if (edge.from === ALB && edge.to === KUBE_DNS) {
      at.fail({
        field: `${field}.to`,
        value: edge.to,
        allowed: 'a workload behind the ALB',
        problem: 'the ALB does not resolve names in the cluster',
      });
    }
    at.oneOf(`${field}.protocol`, edge.protocol, ['TCP', 'UDP']);
    const ports = destinationPorts(edge.to);
    if (ports && !ports.includes(edge.port)) {
      at.fail({
        field: `${field}.port`,
        value: edge.port,
        allowed: `a port ${edge.to} listens on: ${ports.join(', ')}`,
        problem: `${describeEdge(edge)} targets no container port`,
      });
    }
    const key = describeEdge(edge);
    const previous = seen.get(key);
    if (previous !== undefined) {
      at.fail({
        field,
        value: key,
        allowed: 'each connection once',
        problem: `duplicates edges[${previous}]`,
      });
    } else {
      seen.set(key, index);
    }
  });
  for (const service of services) {
    for (const protocol of ['UDP', 'TCP'] as const) {
      const key = describeEdge({ from: service, to: KUBE_DNS, port: KUBE_DNS_PODS.port, protocol });
      if (!seen.has(key)) {
        at.fail({
          field: 'edges',
          value: key,
          allowed: 'a DNS edge (UDP and TCP 53 to kube-dns) from every PMS service',
          problem: `${service} cannot resolve names`,
        });
      }
    }
  }
}

/** The service definition of a graph endpoint, or undefined for `alb` and `kube-dns`. */
export function serviceOfNode(name: string): ServiceDefinition | undefined {
  return name === ALB || name === KUBE_DNS ? undefined : findService(name);
}

/**
 * The catalogue services no edge of `graph` reaches from another node (only their own pods, if anything): declared,
 * rendered, and receiving no traffic. The render warns about them; it does not refuse them (a service may be
 * declared before its first caller).
 */
export function orphanServices(
  graph: CommunicationGraph,
  services: readonly ServiceDefinition[] = PMS_SERVICES,
): ServiceDefinition[] {
  return services.filter(
    (service) => !graph.edges.some((e) => e.to === service.name && e.from !== service.name),
  );
}
