/** The networking sections of the generated cluster README, derived from the catalogue, the graph and the evaluator. */
import { markdownTable, type ClusterSettings, type DocSection } from '@pms/core';
import { PMS_SERVICES, SERVICE_DNS, serviceSelectorOf, WORKLOADS, workloadOf } from './catalogue.js';
import { declaredConnections } from './cluster-reachability.js';
import { type CommunicationGraph } from './graph.js';
import { ALB, externalNode, kubeApiServerAddresses } from './graph-nodes.js';
import { FRONTEND_COMPRESSION, FRONTEND_HEADERS, type FrontendHeader } from './frontend-server.js';
import type { PolicyDefinition } from './policies.js';
import { formatPorts } from './port-set.js';
import type { Connection, Endpoint } from './reachability.js';
import { SPRING_SHUTDOWN_ENV, SPRING_SHUTDOWN_TIMEOUT_ENV, terminationGracePeriodOf } from './shutdown.js';
import {
  DEFAULT_TARGET_CPU_UTILIZATION,
  resourcesOf,
  type NetworkingSettings,
  type WorkloadEnv,
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
    `\`${SERVICE_DNS[s.name]}\``,
    `${s.port}/TCP (\`${s.portName}\`)`,
    s.kind === 'workload' ? 'Deployment (rendered here)' : `backing service (${s.installer.project})`,
    `\`${Object.entries(serviceSelectorOf(s))
      .map(([k, v]) => `${k}=${v}`)
      .join(',')}\``,
    s.description,
  ]);
  return {
    title: 'Services and DNS names',
    order: NETWORKING_DOC_ORDER,
    body: [
      'Every Service is a ClusterIP Service in namespace `pms` whose port equals its container port (port names too), as the VPC CNI policy agent requires. The backing services keep these names and ports; their operators and chart create Services of their own under other names (see Backing services).',
      markdownTable(['service', 'DNS name', 'port', 'pods', 'selector', 'what'], rows),
    ].join('\n\n'),
  };
}

/** The workloads: images, replica bounds, resources, shutdown, environment and the frontend's headers. */
export function workloadsSection(
  settings: NetworkingSettings,
  workloadEnv: WorkloadEnv = {},
  drainSeconds: Readonly<Partial<Record<string, number>>> = {},
  frontendHeaders: readonly FrontendHeader[] = [],
): DocSection {
  const rows = WORKLOADS.map((name) => {
    const w = settings.workloads[name];
    const r = resourcesOf(name, w);
    const env = workloadEnv[name] ?? {};
    const { runtime, preStopSeconds } = workloadOf(name).shutdown;
    const drain = drainSeconds[name] ?? workloadOf(name).shutdown.drainSeconds;
    return [
      name,
      `\`${w.image.repository}:${w.image.tag}\``,
      `${w.scaling.minReplicas}-${w.scaling.maxReplicas}`,
      `${w.scaling.targetCpuUtilization ?? DEFAULT_TARGET_CPU_UTILIZATION}%`,
      `${r.cpuRequest} / ${r.memoryRequest}`,
      r.memoryLimit,
      `${runtime}: ${preStopSeconds} s / ${drain} s / ${terminationGracePeriodOf(preStopSeconds, drain)} s`,
      Object.keys(env)
        .sort()
        .map((variable) => `\`${variable}=${env[variable]}\``)
        .join(', ') || '-',
    ];
  });
  return {
    title: 'Workloads',
    order: NETWORKING_DOC_ORDER + 1,
    body: [
      'Each workload has a Deployment (replicas owned by its HorizontalPodAutoscaler; rolling update with no unavailable pod and a 25 % surge), a PodDisruptionBudget of one unavailable pod, topology spread across zones (required) and hosts (preferred), and the restricted security context (non-root, read-only root filesystem, no privilege escalation, all capabilities dropped, RuntimeDefault seccomp).',
      `Shutdown (\`shutdown\` of each workload in \`PMS_SERVICES\`): a preStop \`sleep\` while the load balancer and kube-proxy stop sending, then the server drains in-flight requests (Spring Boot: \`${SPRING_SHUTDOWN_ENV}=graceful\`, \`${SPRING_SHUTDOWN_TIMEOUT_ENV}=<drain>s\`; nginx: \`worker_shutdown_timeout <drain>s\` on SIGQUIT); the grace period is preStop + drain + 5 s, so the kubelet never kills a draining server. Checked at render time on the Deployments.`,
      markdownTable(
        [
          'workload',
          'image',
          'replicas',
          'CPU target',
          'requests (CPU / memory)',
          'memory limit',
          'shutdown: preStop / drain / grace period',
          'environment (published)',
        ],
        rows,
      ),
      `The frontend's nginx adds the headers the ALB cannot set: ${[...FRONTEND_HEADERS, ...frontendHeaders].map((h) => `\`${h.name}: ${h.value}\``).join(', ')}; and compresses with gzip (level ${FRONTEND_COMPRESSION.level}) responses of at least ${FRONTEND_COMPRESSION.minLengthBytes} bytes of \`text/html\` and ${FRONTEND_COMPRESSION.types.map((t) => `\`${t}\``).join(', ')}, never images, fonts or archives (compressed already); no brotli (not in the official nginx image).`,
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
    const service = PMS_SERVICES.find((s) => s.name === name);
    const external = externalNode(name);
    if (external?.kind === 'addresses') {
      const label = name === ALB ? 'ALB' : name;
      return `  ${nodeId(name)}(["${label}<br/>${external.addresses(cluster.vpc).join('<br/>')}"])`;
    }
    if (external) return `  ${nodeId(name)}{{"${name}<br/>${external.namespace}"}}`;
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

/** What the matrix shows and what each endpoint stands for. */
export const MATRIX_LEGEND = [
  "Computed by the reachability evaluator (`clusterReachability`) from the rendered NetworkPolicies: who may open a connection to whom, on which ports, for SOME address of each end (a cell shows every port any address may use; `-` = denied for every address; blank = not governed by this namespace's policies). The render also proves that every declared port is open for EVERY address, so on this cluster both readings are the same matrix.",
  "Pods (the PMS services, `kube-dns`, the operators `cnpg-operator` and `strimzi-operator`, and `other-namespace`: a pod of another namespace) may have any address of the pod subnets (`vpc.podSubnets`), against which `ipBlock`s are judged. A backing service is modelled by its serving pod with the labels its project gives it (upstream facts), not the catalogue's.",
  '`alb` = any address of the ALB subnets: the ALB, and any other host placed there (policies see addresses only, so they treat it as the ALB; pods cannot be there, pod subnets may not overlap the ALB subnets). `kube-apiserver` = the `kubernetes` Service ClusterIP (first address of `vpc.serviceCidr`) and the control-plane subnets (`vpc.controlPlaneSubnets`), likewise.',
  '`vpc` = a VPC host that is not a pod (a node, a VPN client) outside the ALB and control-plane subnets; `internet` = any address outside the VPC and the Service CIDR.',
].join(' ');

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
    `The ALB (target type \`ip\`) is admitted by \`ipBlock\`s of its subnets only: ${input.cluster.vpc.albSubnets.map((s) => `\`${s.cidr}\``).join(', ')}. The API server is reached by \`ipBlock\`s too: ${kubeApiServerAddresses(
      input.cluster.vpc,
    )
      .map((c) => `\`${c}\``)
      .join(
        ', ',
      )} (the VPC CNI enforces egress before the Service address is translated). The operators are admitted by their namespace and pod labels.`,
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
        MATRIX_LEGEND,
        input.matrix(),
      ].join('\n\n');
    },
  };
}
