/** The networking sections of the generated cluster README, derived from the catalogue, the graph and the evaluator. */
import { markdownTable, type ClusterSettings, type DocSection } from '@pms/core';
import { PMS_SERVICES, SERVICE_DNS, type ServiceName } from './catalogue.js';
import { declaredConnections } from './cluster-reachability.js';
import { ALB, type CommunicationGraph } from './graph.js';
import { FRONTEND_HEADERS } from './frontend-server.js';
import type { PolicyDefinition } from './policies.js';
import { formatPorts } from './port-set.js';
import type { Connection, Endpoint } from './reachability.js';
import {
  DEFAULT_RESOURCES,
  DEFAULT_TARGET_CPU_UTILIZATION,
  WORKLOADS,
  type NetworkingSettings,
} from './settings.js';

/** README order of the networking sections (after the ingress sections, before monitoring's runbook). */
export const NETWORKING_DOC_ORDER = 30;

/** Marks a matrix cell the namespace's policies do not govern (neither end is a PMS pod). */
export const NOT_GOVERNED = ' ';
/** Marks a denied pair in the matrix. */
export const DENIED = '-';

/** The services, their DNS names and the pods behind them. */
export function servicesSection(): DocSection {
  const rows = PMS_SERVICES.map((s) => [
    s.name,
    `\`${SERVICE_DNS[s.name as ServiceName]}\``,
    `${s.port}/TCP (\`${s.portName}\`)`,
    s.kind === 'workload'
      ? 'Deployment (rendered here)'
      : `chart \`${s.chart?.name}\`, release \`${s.chart?.release}\``,
    `\`${Object.entries(s.podLabels)
      .map(([k, v]) => `${k}=${v}`)
      .join(',')}\``,
    s.description,
  ]);
  return {
    title: 'Services and DNS names',
    order: NETWORKING_DOC_ORDER,
    body: [
      'Every Service is a ClusterIP Service in namespace `pms` whose port equals its container port (port names too), as the VPC CNI policy agent requires.',
      markdownTable(['service', 'DNS name', 'port', 'pods', 'pod labels', 'what'], rows),
    ].join('\n\n'),
  };
}

/** The workloads: images, replica bounds, resources and the frontend's headers. */
export function workloadsSection(settings: NetworkingSettings): DocSection {
  const rows = WORKLOADS.map((name) => {
    const w = settings.workloads[name];
    const r = w.resources ?? DEFAULT_RESOURCES[name];
    return [
      name,
      `\`${w.image.repository}:${w.image.tag}\``,
      `${w.scaling.minReplicas}-${w.scaling.maxReplicas}`,
      `${w.scaling.targetCpuUtilization ?? DEFAULT_TARGET_CPU_UTILIZATION}%`,
      `${r.cpuRequest} / ${r.memoryRequest}`,
      r.memoryLimit,
    ];
  });
  return {
    title: 'Workloads',
    order: NETWORKING_DOC_ORDER + 1,
    body: [
      'Each workload has a Deployment (replicas owned by its HorizontalPodAutoscaler), a PodDisruptionBudget of one unavailable pod, topology spread across zones (required) and hosts (preferred), and the restricted security context (non-root, read-only root filesystem, no privilege escalation, all capabilities dropped, RuntimeDefault seccomp).',
      markdownTable(
        ['workload', 'image', 'replicas', 'CPU target', 'requests (CPU / memory)', 'memory limit'],
        rows,
      ),
      `The frontend's nginx adds the headers the ALB cannot set: ${FRONTEND_HEADERS.map((h) => `\`${h.name}: ${h.value}\``).join(', ')}.`,
    ].join('\n\n'),
  };
}

/** Node id for Mermaid. */
function nodeId(name: string): string {
  return name.replace(/[^A-Za-z0-9]/g, '_');
}

/** A Mermaid flowchart of the declared graph, one arrow per pair with its ports. */
export function mermaidGraph(graph: CommunicationGraph, cluster: Pick<ClusterSettings, 'vpc'>): string {
  const names = [...new Set(graph.edges.flatMap((e) => [e.from, e.to]))];
  const node = (name: string) => {
    if (name === ALB)
      return `  ${nodeId(name)}(["ALB<br/>${cluster.vpc.albSubnets.map((s) => s.cidr).join('<br/>')}"])`;
    const service = PMS_SERVICES.find((s) => s.name === name);
    if (!service) return `  ${nodeId(name)}[("${name}")]`;
    return service.kind === 'workload'
      ? `  ${nodeId(name)}["${name} :${service.port}"]`
      : `  ${nodeId(name)}[("${name} :${service.port}")]`;
  };
  const arrows = declaredConnections(graph).map(
    (c) => `  ${nodeId(c.from)} -- "${formatPorts(c.ports)}" --> ${nodeId(c.to)}`,
  );
  return ['```mermaid', 'flowchart LR', ...names.map(node), ...arrows, '```'].join('\n');
}

/** The reachability matrix: rows are sources, columns destinations. */
export function matrixTable(
  endpoints: readonly Endpoint[],
  connections: readonly Connection[],
  governed: (from: Endpoint, to: Endpoint) => boolean,
): string {
  const cell = (from: Endpoint, to: Endpoint) => {
    if (!governed(from, to)) return NOT_GOVERNED;
    const connection = connections.find((c) => c.from === from.name && c.to === to.name);
    return connection ? formatPorts(connection.ports) : DENIED;
  };
  return markdownTable(
    ['from \\ to', ...endpoints.map((e) => e.name)],
    endpoints.map((from) => [from.name, ...endpoints.map((to) => cell(from, to))]),
  );
}

/** Inputs of the reachability section; `matrix` is computed late, from the rendered policies. */
export interface ReachabilityDocInput {
  readonly cluster: Pick<ClusterSettings, 'vpc'>;
  readonly graph: CommunicationGraph;
  readonly policies: readonly PolicyDefinition[];
  /** The matrix table, computed by the evaluator from the rendered NetworkPolicies. */
  readonly matrix: () => string;
}

/** The title of the reachability section (tests find the matrix under it). */
export const REACHABILITY_TITLE = 'Network reachability';

/** The graph as a list, the policies, the Mermaid diagram and the evaluator's matrix. */
export function reachabilitySection(input: ReachabilityDocInput): DocSection {
  const edges = markdownTable(
    ['from', 'to', 'port', 'purpose'],
    input.graph.edges.map((e) => [e.from, e.to, `${e.port}/${e.protocol}`, e.purpose]),
  );
  const policies = markdownTable(
    ['NetworkPolicy', 'what'],
    input.policies.map((p) => [`\`${p.name}\``, p.description]),
  );
  const intro = [
    'The declared communication graph (`PMS_GRAPH` in `libs/networking/src/graph.ts`) is the only source of the NetworkPolicies below; anything it does not list is denied, in both directions.',
    `The ALB (target type \`ip\`) is admitted by \`ipBlock\`s of its subnets only: ${input.cluster.vpc.albSubnets.map((s) => `\`${s.cidr}\``).join(', ')}.`,
  ].join(' ');
  return {
    title: REACHABILITY_TITLE,
    order: NETWORKING_DOC_ORDER + 2,
    get body() {
      return [
        intro,
        mermaidGraph(input.graph, input.cluster),
        '### Declared connections',
        edges,
        '### NetworkPolicies (namespace `pms`)',
        policies,
        '### Reachability matrix',
        `Computed by the reachability evaluator (\`clusterReachability\`) from the rendered NetworkPolicies: who may open a connection to whom, on which ports. \`${DENIED}\` = denied; blank = not governed by this namespace's policies. \`vpc\` = any VPC address outside the ALB subnets, \`internet\` = any address outside the VPC, \`other-namespace\` = a pod of another namespace.`,
        input.matrix(),
      ].join('\n\n');
    },
  };
}
