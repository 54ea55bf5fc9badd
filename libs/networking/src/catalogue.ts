/**
 * The PMS service catalogue: one typed definition of every Service in namespace `pms`, its port, the labels of the
 * pods behind it and, for the workloads this project renders, their health values (probes and, behind the ALB,
 * the target-group health check); for the backing services, how they are installed (an operator's custom resource
 * or a Helm chart, `installer`) and the labels their pods carry upstream. Ingress backends, target groups,
 * NetworkPolicies, the backing services' installation, monitoring and docs are derived from it.
 */
import type { UpstreamProjectId } from './backing/upstream.js';
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
  /**
   * Labels every pod of the service carries: what its NetworkPolicy and its peers' rules select. For a workload also
   * its Service's selector; for a backing service, labels its operator or chart sets (checked against
   * `UPSTREAM_PROJECTS`), which must select every pod the installer runs for it (its jobs and replicas too).
   */
  readonly podLabels: Readonly<Record<string, string>>;
  /** What the service is, for the generated docs. */
  readonly description: string;
  /**
   * Further container ports of the pods that only peers and operators use (e.g. Kafka's controller quorum and
   * broker replication, CloudNativePG's status API). Not on the Service; the graph may declare edges to them.
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

/**
 * How a backing service is installed: the upstream project (its facts in `UPSTREAM_PROJECTS`) and the instance,
 * i.e. the custom resource this repository renders for its operator, or the Helm release of its chart.
 */
export type BackingInstaller =
  | {
      /** CloudNativePG: this repository renders a `postgresql.cnpg.io/v1` `Cluster`, the operator runs its pods. */
      readonly project: Extract<UpstreamProjectId, 'cloudnative-pg'>;
      /** Name of the `Cluster` (the operator names its pods, Services and Secrets after it). */
      readonly instance: string;
    }
  | {
      /** Strimzi: this repository renders a `kafka.strimzi.io/v1` `Kafka` and its `KafkaNodePool`. */
      readonly project: Extract<UpstreamProjectId, 'strimzi'>;
      /** Name of the `Kafka` (the operator names its pods and Services after it). */
      readonly instance: string;
    }
  | {
      /** Valkey: the valkey-io chart, installed by an Argo CD Application. */
      readonly project: Extract<UpstreamProjectId, 'valkey'>;
      /** Helm release name: the pods' `app.kubernetes.io/instance`. */
      readonly instance: string;
      /**
       * The chart's `fullnameOverride`: its objects (Deployment, its own Service, PVC, ServiceAccount, ConfigMaps) are
       * named `<fullnameOverride>` or `<fullnameOverride>-…`, apart from ours (our Service keeps the catalogue's name).
       */
      readonly fullnameOverride: string;
    };

/** A backing service: its pods come from an operator or a chart; this repository renders its Service and policies. */
export interface BackingService<N extends string = string> extends ServiceBase<N> {
  /** Installed from an upstream project. */
  readonly kind: 'backing';
  /** The project and instance that run the pods. */
  readonly installer: BackingInstaller;
  /**
   * The selector of our Service: `podLabels` plus what narrows them to the pods that serve clients (CloudNativePG's
   * primary, Kafka's brokers). A superset of `podLabels`: the VPC CNI admits a Service's ClusterIP to an egress
   * rule only when the rule's pod selector matches the Service's selector (aws/amazon-network-policy-controller-k8s
   * pkg/resolvers/endpoints.go `getMatchingServiceClusterIPs`).
   */
  readonly serviceSelector: Readonly<Record<string, string>>;
}

/** One entry of the catalogue: a workload rendered here or a backing service an operator or a chart runs. */
export type ServiceDefinition = WorkloadService | BackingService;

/** Who runs the pods behind a Service. */
export type ServiceKind = ServiceDefinition['kind'];

/** A workload behind the ALB: one whose health values carry a target-group health check. */
export type AlbBackendService = WorkloadService & {
  readonly health: WorkloadHealth & { readonly targetGroup: TargetGroupHealthCheck };
};

/** A container port used only between pods of one service. */
export interface InternalPort {
  /** Container port name, as the pods declare it. */
  readonly name: string;
  /** Container port number. */
  readonly port: number;
  /** What it carries, for the docs. */
  readonly purpose: string;
}

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

/** A backing entry: TCP, its Service selector defaulting to its pod labels. */
const backing = <N extends string, I extends BackingInstaller>(
  name: N,
  entry: Omit<BackingService<N>, 'name' | 'kind' | 'appProtocol' | 'serviceSelector' | 'installer'> & {
    readonly installer: I;
    readonly serviceSelector?: Readonly<Record<string, string>>;
  },
): BackingService<N> & { readonly installer: I } => ({
  name,
  appProtocol: 'tcp',
  kind: 'backing',
  ...entry,
  serviceSelector: entry.serviceSelector ?? entry.podLabels,
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
  // Backing services: pod labels, selectors and port names are the ones their projects set (UPSTREAM_PROJECTS in
  // libs/networking/src/backing/upstream.ts, checked at render time); the Service port equals the container port.
  backing('postgres', {
    port: 5432,
    portName: 'postgresql',
    description: 'PostgreSQL: CloudNativePG Cluster `postgres-cnpg` (backing service)',
    installer: { project: 'cloudnative-pg', instance: 'postgres-cnpg' },
    // Every pod of the Cluster: instances and their jobs (which carry no cnpg.io/podRole).
    podLabels: { 'cnpg.io/cluster': 'postgres-cnpg' },
    // Writes go to the primary, like the operator's own `postgres-cnpg-rw` Service.
    serviceSelector: { 'cnpg.io/cluster': 'postgres-cnpg', 'cnpg.io/instanceRole': 'primary' },
    internalPorts: [
      {
        name: 'status',
        port: 8000,
        purpose: "instance manager status API (the operator, peers' primary-isolation checks)",
      },
    ],
  }),
  backing('redis', {
    port: 6379,
    portName: 'tcp',
    description: 'Valkey (Redis protocol), sessions: valkey chart, release `redis` (backing service)',
    installer: { project: 'valkey', instance: 'redis', fullnameOverride: 'redis-valkey' },
    podLabels: { 'app.kubernetes.io/name': 'valkey', 'app.kubernetes.io/instance': 'redis' },
  }),
  backing('kafka', {
    port: 9092,
    portName: 'tcp-clients',
    description: 'Kafka: Strimzi Kafka `kafka-strimzi` (backing service)',
    installer: { project: 'strimzi', instance: 'kafka-strimzi' },
    // The Kafka nodes (not an entity operator, exporter or Cruise Control, which share strimzi.io/cluster).
    podLabels: { 'strimzi.io/cluster': 'kafka-strimzi', 'strimzi.io/name': 'kafka-strimzi-kafka' },
    // Clients bootstrap from the brokers, like the operator's own `kafka-strimzi-kafka-bootstrap` Service.
    serviceSelector: {
      'strimzi.io/cluster': 'kafka-strimzi',
      'strimzi.io/name': 'kafka-strimzi-kafka',
      'strimzi.io/broker-role': 'true',
    },
    internalPorts: [
      { name: 'tcp-ctrlplane', port: 9090, purpose: 'KRaft controller quorum' },
      { name: 'tcp-replication', port: 9091, purpose: 'replication between brokers' },
      { name: 'tcp-kafkaagent', port: 8443, purpose: 'Kafka agent (the operator)' },
    ],
  }),
] as const satisfies readonly ServiceDefinition[];

/** Name of a PMS Service. */
export type ServiceName = (typeof PMS_SERVICES)[number]['name'];

/** A catalogue entry of kind `workload`: the project renders its Deployment, probes and autoscaler. */
export type WorkloadDefinition = Extract<(typeof PMS_SERVICES)[number], { readonly kind: 'workload' }>;
/** Name of a PMS workload: a catalogue entry of kind `workload`. */
export type WorkloadName = WorkloadDefinition['name'];

/** A catalogue entry of kind `backing`: an operator or a chart runs its pods. */
export type BackingDefinition = Extract<(typeof PMS_SERVICES)[number], { readonly kind: 'backing' }>;
/** Name of a PMS backing service, e.g. `postgres`. */
export type BackingName = BackingDefinition['name'];

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

/** The names of the workloads PMS deploys itself (backing services come from operators and charts), in catalogue order. */
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

/** The selector of a service's Service: a workload's pod labels, a backing service's `serviceSelector`. */
export function serviceSelectorOf(service: ServiceDefinition): Readonly<Record<string, string>> {
  return service.kind === 'backing' ? service.serviceSelector : service.podLabels;
}

/** The catalogue's backing services, in catalogue order. */
export function backingServicesOf(services: readonly ServiceDefinition[]): BackingService[] {
  return services.filter((service): service is BackingService => service.kind === 'backing');
}
