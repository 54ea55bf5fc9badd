/**
 * The PMS service catalogue: one typed definition of every Service in namespace `pms`, its port, the labels of the
 * pods behind it and, for the workloads this project renders, their health values (probes and, behind the ALB,
 * the target-group health check). Ingress backends, target groups, NetworkPolicies, monitoring and docs are derived
 * from it.
 */
import type { HttpProbe, TargetGroupHealthCheck, WorkloadHealth } from './health.js';
import { PMS_NAMESPACE } from './namespace.js';
import type { ServerRuntime, WorkloadShutdown } from './shutdown.js';

/** Where the catalogue is declared, for messages that send the reader there. */
export const CATALOGUE_FILE = 'libs/networking/src/catalogue.ts';
/** How messages name the catalogue: the constant and its file, e.g. `PMS_SERVICES (libs/networking/src/catalogue.ts)`. */
export const CATALOGUE_SOURCE = `PMS_SERVICES (${CATALOGUE_FILE})`;

/**
 * How messages name a field of a catalogue entry: `PMS_SERVICES (libs/networking/src/catalogue.ts) frontend.health`
 * (`source` empty: `frontend.health`). Use it as a `Checks` prefix (`checks.withPrefix(...)`).
 */
export function catalogueField(service: string, field: string, source = CATALOGUE_SOURCE): string {
  return [source, `${service}${field ? `.${field}` : ''}`].filter(Boolean).join(' ');
}

/** What every entry of the catalogue declares, whoever runs its pods. */
interface ServiceBase<N extends string = string> {
  /** Service name, also the DNS label: `<name>.pms.svc.cluster.local`. */
  readonly name: N;
  /** Service port; equal to the container port (the VPC CNI policy agent requires it). */
  readonly port: number;
  /** Name of the port on the Service and the container. */
  readonly portName: string;
  /** Application protocol of the port (`http`, `tcp`, …), used for `appProtocol`. */
  readonly appProtocol: 'http' | 'tcp';
  /** The labels of the pods behind the Service (for backing services: the labels their chart sets). */
  readonly podLabels: Readonly<Record<string, string>>;
  /** What the service is, for the generated docs. */
  readonly description: string;
  /**
   * Further container ports of the pods that only peers of the same service use (e.g. Kafka's controller
   * quorum and broker replication). Not on the Service; the graph may declare edges to them.
   * @default none
   */
  readonly internalPorts?: readonly InternalPort[];
}

/** A workload this project renders (Deployment, probes, autoscaler). */
export interface WorkloadService<N extends string = string> extends ServiceBase<N> {
  /** Rendered here. */
  readonly kind: 'workload';
  /** Its health values: readiness and liveness probes, and the target-group health check if the ALB routes to it. */
  readonly health: WorkloadHealth;
  /** How it stops: its server, the preStop delay and the drain the grace period and target group are derived from. */
  readonly shutdown: WorkloadShutdown;
}

/** A backing service installed from its own chart; only its Service, pod labels and chart values are declared here. */
export interface BackingService<N extends string = string> extends ServiceBase<N> {
  /** Installed from a chart. */
  readonly kind: 'backing';
  /** The chart that runs the pods, its release and the values it must be installed with. */
  readonly chart: BackingChart;
}

/** One entry of the catalogue: a workload rendered here or a backing service from its own chart. */
export type ServiceDefinition = WorkloadService | BackingService;

/** Who runs the pods behind a Service. */
export type ServiceKind = ServiceDefinition['kind'];

/** A workload behind the ALB: one whose health values carry a target-group health check. */
export type AlbBackendService = WorkloadService & {
  readonly health: WorkloadHealth & { readonly targetGroup: TargetGroupHealthCheck };
};

/** A container port used only between pods of one service. */
export interface InternalPort {
  /** Container port name in the chart. */
  readonly name: string;
  /** Container port number. */
  readonly port: number;
  /** What it carries, for the docs. */
  readonly purpose: string;
}

/** One value a backing service's chart MUST be installed with, and what breaks without it. */
export interface RequiredChartValue {
  /** Dotted path in the chart's values, e.g. `primary.networkPolicy.enabled`. */
  readonly path: string;
  /** The value to set. */
  readonly value: string | number | boolean;
  /** Why this project's model needs it. */
  readonly why: string;
  /**
   * The catalogue port (by name) this value pins, when it sets a container port; tests hold it equal to the
   * catalogue. @default none
   */
  readonly containerPort?: string;
}

/** The Helm chart behind a backing service, and how it must be installed next to our objects. */
export interface BackingChart {
  /** Chart name, e.g. `postgresql`; the chart sets `app.kubernetes.io/name` to it (we never set `nameOverride`). */
  readonly name: string;
  /** Helm repository of the chart (OCI). */
  readonly repository: string;
  /** Release name; the chart sets `app.kubernetes.io/instance` to it. Equal to the service name. */
  readonly release: string;
  /**
   * The chart's `fullnameOverride`: every object the chart creates is named `<fullnameOverride>` or
   * `<fullnameOverride>-…` (its own Services, StatefulSet, Secrets, ConfigMaps). Chosen so that none of them can
   * be one of our objects: without it the Kafka chart's client Service would be named `kafka`, like ours, and
   * Helm / Argo CD would refuse (or fight over) the shared object. It does not change the pod labels.
   */
  readonly fullnameOverride: string;
  /**
   * Further values the chart must be installed with (besides `fullnameOverride`): its own NetworkPolicies off
   * (they would add allow rules the graph and the evaluator never see), the architecture the graph assumes, and
   * the container ports the catalogue declares.
   */
  readonly requiredValues: readonly RequiredChartValue[];
}

/** Where the Bitnami charts are published. */
export const BITNAMI_CHARTS = 'oci://registry-1.docker.io/bitnamicharts';

/** Why every Bitnami chart's own NetworkPolicy must be off. */
const OWN_POLICY_OFF =
  "the chart's own NetworkPolicy (on by default, with allowExternal / allowExternalEgress) would add allow rules the graph and the evaluator never see";

const workload = <N extends string, H extends WorkloadHealth>(
  name: N,
  port: number,
  portName: string,
  description: string,
  health: H,
  shutdown: WorkloadShutdown,
): WorkloadService<N> & { readonly health: H } => ({
  name,
  port,
  portName,
  appProtocol: 'http',
  kind: 'workload',
  podLabels: { 'app.kubernetes.io/name': name, 'app.kubernetes.io/part-of': 'pms' },
  description,
  health,
  shutdown,
});

const backing = <N extends string>(
  name: N,
  chart: string,
  port: number,
  portName: string,
  description: string,
  requiredValues: readonly RequiredChartValue[],
  internalPorts?: readonly InternalPort[],
): BackingService<N> => ({
  name,
  port,
  portName,
  appProtocol: 'tcp',
  kind: 'backing',
  // The labels the Bitnami charts for PostgreSQL, Redis and Kafka put on their pods:
  // `app.kubernetes.io/name: <chart>` and `app.kubernetes.io/instance: <release>`; releases are named after the service.
  podLabels: { 'app.kubernetes.io/name': chart, 'app.kubernetes.io/instance': name },
  description,
  chart: {
    name: chart,
    repository: BITNAMI_CHARTS,
    release: name,
    fullnameOverride: `${name}-chart`,
    requiredValues,
  },
  ...(internalPorts ? { internalPorts } : {}),
});

/**
 * The seed's target-group health check on `path`: HTTP on the traffic port, 200-299, every 30 s, 2/2, with what a
 * success means (`meaning`, default: the path answers).
 */
export const seedTargetGroup = (path: string, meaning = `${path} answers 2xx`): TargetGroupHealthCheck => ({
  path,
  meaning,
  protocol: 'HTTP',
  port: 'traffic-port',
  successCodes: '200-299',
  intervalSeconds: 30,
  timeoutSeconds: 5,
  healthyThresholdCount: 2,
  unhealthyThresholdCount: 2,
});

/** The seed's probe on `path`: after 30 s, every 10 s, timeout 5 s, 1 success, 3 failures. */
export const seedProbe = (path: string): HttpProbe => ({
  path,
  initialDelaySeconds: 30,
  periodSeconds: 10,
  timeoutSeconds: 5,
  successThreshold: 1,
  failureThreshold: 3,
});

/**
 * The shutdown of a workload behind the ALB: a preStop of 30 s (above the ALB's deregistration propagation,
 * `ALB_DEREGISTRATION_PROPAGATION_SECONDS` = 20 s, with margin), then `drainSeconds` for in-flight REST requests. A
 * WebSocket backend drains longer: for the cluster's `ingress.websocket.drainSeconds`.
 */
export const albBackendShutdown = (runtime: ServerRuntime, drainSeconds: number): WorkloadShutdown => ({
  runtime,
  preStopSeconds: 30,
  drainSeconds,
});

/**
 * The shutdown of a workload reached only inside the cluster: a preStop of 10 s (above kube-proxy's endpoint
 * propagation, `ENDPOINT_PROPAGATION_SECONDS` = 5 s), then `drainSeconds` for in-flight requests.
 */
export const inClusterShutdown = (runtime: ServerRuntime, drainSeconds: number): WorkloadShutdown => ({
  runtime,
  preStopSeconds: 10,
  drainSeconds,
});

/** Spring Boot's actuator probes (the seed's values). */
const springBootProbes = () => ({
  readiness: seedProbe('/actuator/health/readiness'),
  liveness: seedProbe('/actuator/health/liveness'),
});

/** Every Service in namespace `pms`, in a stable order. */
export const PMS_SERVICES = [
  // The frontend's probes and target-group check use a path the SPA's nginx server answers itself. Static files:
  // in-flight requests finish within seconds.
  workload(
    'frontend',
    80,
    'http',
    'Angular SPA behind the ALB',
    {
      readiness: { ...seedProbe('/healthz'), initialDelaySeconds: 5 },
      liveness: { ...seedProbe('/healthz'), initialDelaySeconds: 5 },
      targetGroup: {
        ...seedTargetGroup('/healthz'),
        meaning:
          'nginx itself answers (a location that touches no file and no upstream): this pod can serve the SPA',
      },
    },
    albBackendShutdown('nginx', 10),
  ),
  // The ALB checks the readiness group, not the aggregate /actuator/health: Spring Boot puts only readinessState in
  // it ("Spring Boot does not add other health indicators to these groups", actuator docs, Kubernetes probes), so one
  // failing dependency (auth, redis, analytics) cannot mark every gateway target unhealthy at once, which would make
  // the ALB fail open to all of them. REST requests drain in 20 s; as a WebSocket backend it drains for the cluster's
  // ingress.websocket.drainSeconds.
  workload(
    'apigateway',
    8080,
    'http',
    'Spring Boot gateway behind the ALB; REST and WebSockets',
    {
      ...springBootProbes(),
      targetGroup: {
        ...seedTargetGroup('/actuator/health/readiness'),
        meaning:
          "Spring Boot's readiness state of this pod (started and not shutting down), without its dependencies: a gateway pod that can take requests",
      },
    },
    albBackendShutdown('spring-boot', 20),
  ),
  workload(
    'auth',
    8081,
    'http',
    'Spring Boot authentication service',
    springBootProbes(),
    inClusterShutdown('spring-boot', 20),
  ),
  workload(
    'analytics',
    8086,
    'http',
    'Spring Boot analytics service',
    springBootProbes(),
    inClusterShutdown('spring-boot', 20),
  ),
  // Port names are the container port names of the charts (the VPC CNI policy agent matches them).
  backing('postgres', 'postgresql', 5432, 'tcp-postgresql', 'PostgreSQL (backing service)', [
    {
      path: 'architecture',
      value: 'standalone',
      why: 'read replicas would need a declared replication edge and a Service of their own',
    },
    { path: 'primary.networkPolicy.enabled', value: false, why: OWN_POLICY_OFF },
    { path: 'readReplicas.networkPolicy.enabled', value: false, why: OWN_POLICY_OFF },
    {
      path: 'containerPorts.postgresql',
      value: 5432,
      why: 'the Service port must equal the container port (VPC CNI policy agent)',
      containerPort: 'tcp-postgresql',
    },
  ]),
  backing('redis', 'redis', 6379, 'redis', 'Redis, sessions (backing service)', [
    {
      path: 'architecture',
      value: 'standalone',
      why: 'the chart defaults to replication; replicas would need a declared redis → redis edge',
    },
    {
      path: 'sentinel.enabled',
      value: false,
      why: 'Sentinel listens on 26379, which the graph does not declare',
    },
    { path: 'networkPolicy.enabled', value: false, why: OWN_POLICY_OFF },
    {
      path: 'master.containerPorts.redis',
      value: 6379,
      why: 'the Service port must equal the container port (VPC CNI policy agent)',
      containerPort: 'redis',
    },
  ]),
  backing(
    'kafka',
    'kafka',
    9092,
    'client',
    'Kafka (backing service)',
    [
      { path: 'networkPolicy.enabled', value: false, why: OWN_POLICY_OFF },
      {
        path: 'externalAccess.enabled',
        value: false,
        why: 'external listeners add LoadBalancer Services and ports outside the graph',
      },
      {
        path: 'listeners.client.containerPort',
        value: 9092,
        why: 'the Service port must equal the container port (VPC CNI policy agent)',
        containerPort: 'client',
      },
      {
        path: 'listeners.controller.containerPort',
        value: 9093,
        why: 'the kafka → kafka controller edge is declared on this port',
        containerPort: 'controller',
      },
      {
        path: 'listeners.interbroker.containerPort',
        value: 9094,
        why: 'the kafka → kafka replication edge is declared on this port',
        containerPort: 'interbroker',
      },
    ],
    [
      { name: 'controller', port: 9093, purpose: 'KRaft controller quorum' },
      { name: 'interbroker', port: 9094, purpose: 'replication between brokers' },
    ],
  ),
] as const satisfies readonly ServiceDefinition[];

/** Name of a PMS Service. */
export type ServiceName = (typeof PMS_SERVICES)[number]['name'];

/** A catalogue entry of kind `workload`: the project renders its Deployment, probes and autoscaler. */
export type WorkloadDefinition = Extract<(typeof PMS_SERVICES)[number], { readonly kind: 'workload' }>;
/** Name of a PMS workload: a catalogue entry of kind `workload`. */
export type WorkloadName = WorkloadDefinition['name'];

/** True for the catalogue entries the project renders a workload for. */
export function isWorkload<S extends ServiceDefinition>(service: S): service is Extract<S, WorkloadService> {
  return service.kind === 'workload';
}

/** `S` narrowed to the workloads behind the ALB: the matching catalogue entries, or `S` with a target group. */
type AlbBackendOf<S extends ServiceDefinition> = [Extract<S, AlbBackendService>] extends [never]
  ? S & AlbBackendService
  : Extract<S, AlbBackendService>;

/** True for the workloads behind the ALB: those with a target-group health check. */
export function isAlbBackend<S extends ServiceDefinition>(service: S): service is AlbBackendOf<S> {
  return service.kind === 'workload' && service.health.targetGroup !== undefined;
}

/** A catalogue entry behind the ALB (a workload with a target-group health check). */
export type AlbBackendDefinition = Extract<WorkloadDefinition, AlbBackendService>;
/** Name of a PMS workload behind the ALB, e.g. `frontend`; keys the ALB's target groups wherever they are listed. */
export type AlbBackendName = AlbBackendDefinition['name'];

/** The catalogue's workloads, in catalogue order. */
export const WORKLOAD_SERVICES: readonly WorkloadDefinition[] = PMS_SERVICES.filter(isWorkload);

/** The names of the workloads PMS deploys itself (backing services come from their own charts), in catalogue order. */
export const WORKLOADS: readonly WorkloadName[] = WORKLOAD_SERVICES.map((service) => service.name);

/** The workloads behind the ALB (those with a target-group health check), in catalogue order. */
export const ALB_BACKEND_SERVICES: readonly AlbBackendDefinition[] = PMS_SERVICES.filter(isAlbBackend);

/** The names of the workloads behind the ALB, in catalogue order. */
export const ALB_BACKENDS: readonly AlbBackendName[] = ALB_BACKEND_SERVICES.map((service) => service.name);

/** The in-cluster DNS name of a Service: `<name>.pms.svc.cluster.local`. */
export function serviceDnsName(name: string, namespace: string = PMS_NAMESPACE): string {
  return `${name}.${namespace}.svc.cluster.local`;
}

/** DNS name of every PMS Service, e.g. `SERVICE_DNS.apigateway === 'apigateway.pms.svc.cluster.local'`. */
export const SERVICE_DNS: Readonly<Record<ServiceName, string>> = Object.fromEntries(
  PMS_SERVICES.map((service) => [service.name, serviceDnsName(service.name)]),
) as Record<ServiceName, string>;

/** Every port the pods of a service listen on: the Service port first, then its internal ports. */
export function containerPortsOf(
  service: ServiceDefinition,
): readonly { readonly name: string; readonly port: number }[] {
  return [{ name: service.portName, port: service.port }, ...(service.internalPorts ?? [])];
}

/** Looks a Service up by name (in `services`, default the catalogue). */
export function findService(
  name: string,
  services: readonly ServiceDefinition[] = PMS_SERVICES,
): ServiceDefinition | undefined {
  return services.find((service) => service.name === name);
}

/** The catalogue entry of a workload. */
export function workloadOf(name: WorkloadName): WorkloadDefinition {
  return WORKLOAD_SERVICES.find((service) => service.name === name)!;
}

/**
 * The values a backing chart must be installed with, as a nested values object (`fullnameOverride` and every
 * required value): what the README prints, in canonical key order, as each chart's values snippet.
 */
export function chartValues(chart: BackingChart): Record<string, unknown> {
  const values: Record<string, unknown> = { fullnameOverride: chart.fullnameOverride };
  for (const { path, value } of chart.requiredValues) {
    const keys = path.split('.');
    let at = values;
    for (const key of keys.slice(0, -1)) {
      const next = (at[key] ??= {}) as Record<string, unknown>;
      at = next;
    }
    at[keys[keys.length - 1]!] = value;
  }
  return values;
}

/** True when an object named `name` could be one the chart creates (`<fullnameOverride>` or `<fullnameOverride>-…`). */
export function isChartObjectName(chart: BackingChart, name: string): boolean {
  return name === chart.fullnameOverride || name.startsWith(`${chart.fullnameOverride}-`);
}
