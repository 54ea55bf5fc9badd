/**
 * The PMS communication graph: ONE declaration of every connection the platform intends. NetworkPolicies,
 * the reachability proof and the README's matrix and diagram are all derived from it.
 *
 * Nodes are the PMS services (their pods), and the external nodes of `graph-nodes.ts`: the ALB, kube-dns, the
 * Kubernetes API server and the backing services' operators.
 */
import { didYouMean, type Checks } from '@pms/core';
import { UPSTREAM_PROJECTS } from './backing/upstream.js';
import {
  CATALOGUE_SOURCE,
  containerPortsOf,
  findService,
  PMS_SERVICES,
  type ServiceDefinition,
} from './catalogue.js';
import {
  ALB,
  externalNode,
  externalNodes,
  KUBE_APISERVER,
  KUBE_APISERVER_PORT,
  KUBE_DNS,
  KUBE_DNS_PODS,
  type ExternalNode,
} from './graph-nodes.js';

export {
  ALB,
  EKS_COREDNS_PODS,
  KUBE_APISERVER,
  KUBE_DNS,
  KUBE_DNS_PODS,
  KUBE_DNS_SOURCE,
} from './graph-nodes.js';

/** Where the graph is declared, for messages that send the reader there. */
export const GRAPH_SOURCE = 'PMS_GRAPH (libs/networking/src/graph.ts)';

/** A source of connections: a PMS service's pods, the ALB or an operator. */
export type GraphSource = string;
/** A destination of connections: a PMS service's pods, kube-dns or the API server. */
export type GraphDestination = string;

/** One intended connection. */
export interface GraphEdge {
  /** A PMS service name (its pods), `alb`, or an operator node (`cnpg-operator`, `strimzi-operator`). */
  readonly from: GraphSource;
  /** A PMS service name (its pods), `kube-dns` or `kube-apiserver`. */
  readonly to: GraphDestination;
  /** Destination port: the service's port or one of its internal ports, 53 for kube-dns, 443 for the API server. */
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

/** Graph node of an operator (its pods in its own namespace). */
const CNPG_OPERATOR = UPSTREAM_PROJECTS['cloudnative-pg'].operator!.node;
const STRIMZI_OPERATOR = UPSTREAM_PROJECTS.strimzi.operator!.node;

/**
 * The PMS graph. Every pod resolves DNS; the ALB reaches only the two services behind it. The backing services'
 * own connections are the ones their projects document (default deny would otherwise cut them):
 *
 * - CloudNativePG (docs/src/networking.md, docs/src/security.md "Exposed Ports" @v1.30.0): "ensure the operator
 *   can reach every cluster pod on ports 8000 and 5432, and that pods can connect to each other"; replicas stream
 *   from the primary (5432) and check each other's instance manager (8000, "Primary Isolation"); the instance
 *   manager and the jobs read and update the Cluster, Secrets and ConfigMaps through the API server.
 * - Strimzi (KafkaCluster.java `generateNetworkPolicy` @1.2.0, the policy the operator would generate): 9090 from
 *   the Kafka nodes and the operator, 9091 from the nodes and the operator, 8443 from the operator; the nodes read
 *   their TLS material through the API server (KubernetesSecretConfigProvider, KafkaBrokerConfigurationBuilder.java).
 * - Valkey (standalone): only its clients.
 */
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
    tcp('analytics', 'kafka', 9092, 'trade events: bootstrap, then the brokers directly'),
    tcp(CNPG_OPERATOR, 'postgres', 8000, 'instance status (the operator polls every instance manager)'),
    tcp(CNPG_OPERATOR, 'postgres', 5432, 'PostgreSQL (the operator)'),
    tcp('postgres', 'postgres', 5432, 'replication and the join job (replicas stream from the primary)'),
    tcp('postgres', 'postgres', 8000, 'primary-isolation checks between instance managers'),
    tcp(
      'postgres',
      KUBE_APISERVER,
      KUBE_APISERVER_PORT,
      'instance manager and jobs: Cluster status, Secrets',
    ),
    tcp(STRIMZI_OPERATOR, 'kafka', 9090, 'controller quorum (the operator, during rolling updates)'),
    tcp(STRIMZI_OPERATOR, 'kafka', 9091, 'replication listener (the operator)'),
    tcp(STRIMZI_OPERATOR, 'kafka', 8443, 'Kafka agent (the operator)'),
    tcp('kafka', 'kafka', 9090, 'KRaft controller quorum'),
    tcp('kafka', 'kafka', 9091, 'replication between brokers'),
    tcp('kafka', KUBE_APISERVER, KUBE_APISERVER_PORT, 'TLS material from Secrets (Strimzi config provider)'),
    ...PMS_SERVICES.flatMap((service) => dns(service.name)),
  ],
};

/** `from → to port/protocol`: how an edge reads in messages and docs. */
export function describeEdge(edge: Pick<GraphEdge, 'from' | 'to' | 'port' | 'protocol'>): string {
  return `${edge.from} → ${edge.to} ${edge.port}/${edge.protocol}`;
}

/** The ports a destination listens on, as the graph may use them. */
function destinationPorts(to: string): readonly number[] | undefined {
  const service = serviceOfNode(to);
  if (service) return containerPortsOf(service).map((p) => p.port);
  const node = externalNode(to);
  return node && node.ports.length > 0 ? [...new Set(node.ports.map((p) => p.port))] : undefined;
}

/** The external nodes an edge may start from: the ALB and the operators (not kube-dns, not the API server). */
function isExternalSource(node: ExternalNode | undefined): node is ExternalNode {
  return node !== undefined && node.name !== KUBE_DNS && node.name !== KUBE_APISERVER;
}

/** The external nodes an edge may end at: kube-dns and the API server (policies are rendered in `pms` only). */
function isExternalDestination(node: ExternalNode | undefined): node is ExternalNode {
  return node !== undefined && (node.name === KUBE_DNS || node.name === KUBE_APISERVER);
}

/**
 * Checks a graph: known endpoints (with "did you mean"), ports the destination listens on, no duplicates, every PMS
 * service resolves DNS, the ALB reaches only workloads, an operator only the services its project runs, nothing
 * reaches the ALB or an operator, kube-dns only for DNS and the API server only on 443/TCP. Issues are reported
 * under `source` (default `PMS_GRAPH (libs/networking/src/graph.ts)`), the constant to edit.
 */
export function validateGraph(graph: CommunicationGraph, checks: Checks, source = GRAPH_SOURCE): void {
  const at = checks.withPrefix(source);
  const services = PMS_SERVICES.map((s) => s.name);
  const sourceNodes = externalNodes()
    .filter(isExternalSource)
    .map((n) => n.name);
  const destinationNodes = externalNodes()
    .filter(isExternalDestination)
    .map((n) => n.name);
  const quoted = (names: readonly string[]) => names.map((n) => `"${n}"`).join(', ');
  const seen = new Map<string, number>();
  graph.edges.forEach((edge, index) => {
    const field = `edges[${index}]`;
    const sourceNode = externalNode(edge.from);
    if (!serviceOfNode(edge.from) && !isExternalSource(sourceNode))
      at.fail({
        field: `${field}.from`,
        value: edge.from,
        allowed: `${quoted(sourceNodes)} or a PMS service: ${services.join(', ')}`,
        problem: `no PMS service "${edge.from}" in ${CATALOGUE_SOURCE}${didYouMean(edge.from, [...sourceNodes, ...services])}`,
      });
    const destination = serviceOfNode(edge.to);
    const destinationNode = externalNode(edge.to);
    if (!destination && !isExternalDestination(destinationNode)) {
      at.fail({
        field: `${field}.to`,
        value: edge.to,
        allowed: `${quoted(destinationNodes)} or a PMS service: ${services.join(', ')}`,
        problem: `no PMS service "${edge.to}" in ${CATALOGUE_SOURCE}${didYouMean(edge.to, [...destinationNodes, ...services])}`,
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
    if (isExternalSource(sourceNode) && isExternalDestination(destinationNode)) {
      const alb = edge.from === ALB;
      at.fail({
        field: `${field}.to`,
        value: edge.to,
        allowed: alb ? 'a workload behind the ALB' : 'a PMS service',
        problem:
          alb && edge.to === KUBE_DNS
            ? 'the ALB does not resolve names in the cluster'
            : `neither ${edge.from} nor ${edge.to} is a pod of namespace pms, whose policies are the only ones rendered here`,
      });
    }
    const operatorOf = Object.values(UPSTREAM_PROJECTS).find((p) => p.operator?.node === edge.from);
    if (
      operatorOf &&
      destination &&
      !(destination.kind === 'backing' && destination.installer.project === operatorOf.id)
    ) {
      at.fail({
        field: `${field}.to`,
        value: edge.to,
        allowed: `a backing service ${operatorOf.title} runs: ${
          PMS_SERVICES.filter((s) => s.kind === 'backing' && s.installer.project === operatorOf.id)
            .map((s) => s.name)
            .join(', ') || 'none'
        }`,
        problem: `the ${operatorOf.title} operator reaches only the pods of its own instances`,
      });
    }
    if (edge.to === KUBE_APISERVER && edge.protocol !== 'TCP') {
      at.fail({
        field: `${field}.protocol`,
        value: edge.protocol,
        allowed: 'TCP',
        problem: 'the API server serves HTTPS over TCP',
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

/** The service definition of a graph endpoint, or undefined for the external nodes (`alb`, `kube-dns`, …). */
export function serviceOfNode(name: string): ServiceDefinition | undefined {
  return externalNode(name) ? undefined : findService(name);
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
