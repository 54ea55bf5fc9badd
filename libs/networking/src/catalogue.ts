/**
 * The PMS service catalogue: one typed definition of every Service in namespace `pms`, its port and
 * the labels of the pods behind it. Ingress backends, NetworkPolicies and docs are derived from it.
 */
import { PMS_NAMESPACE } from './namespace.js';

/** Who runs the pods behind a Service. */
export type ServiceKind =
  /** A workload this project renders (Deployment, probes, autoscaler). */
  | 'workload'
  /** A backing service installed from its own chart; only its Service and pod labels are declared here. */
  | 'backing';

/** One entry of the catalogue. */
export interface ServiceDefinition {
  /** Service name, also the DNS label: `<name>.pms.svc.cluster.local`. */
  readonly name: string;
  /** Service port; equal to the container port (the VPC CNI policy agent requires it). */
  readonly port: number;
  /** Name of the port on the Service and the container. */
  readonly portName: string;
  /** Application protocol of the port (`http`, `tcp`, …), used for `appProtocol`. */
  readonly appProtocol: 'http' | 'tcp';
  /** Whether the project renders the workload or a chart provides it. */
  readonly kind: ServiceKind;
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
  /** For backing services: the chart that runs the pods and the release name it is installed under. @default none */
  readonly chart?: BackingChart;
}

/** A container port used only between pods of one service. */
export interface InternalPort {
  /** Container port name in the chart. */
  readonly name: string;
  /** Container port number. */
  readonly port: number;
  /** What it carries, for the docs. */
  readonly purpose: string;
}

/** The Helm chart behind a backing service. */
export interface BackingChart {
  /** Chart name, e.g. `postgresql`; the chart sets `app.kubernetes.io/name` to it. */
  readonly name: string;
  /** Release name; the chart sets `app.kubernetes.io/instance` to it. Equal to the service name. */
  readonly release: string;
}

const workload = (name: string, port: number, portName: string, description: string): ServiceDefinition => ({
  name,
  port,
  portName,
  appProtocol: 'http',
  kind: 'workload',
  podLabels: { 'app.kubernetes.io/name': name, 'app.kubernetes.io/part-of': 'pms' },
  description,
});

const backing = (
  name: string,
  chart: string,
  port: number,
  portName: string,
  description: string,
  internalPorts?: readonly InternalPort[],
): ServiceDefinition => ({
  name,
  port,
  portName,
  appProtocol: 'tcp',
  kind: 'backing',
  // The labels the Bitnami charts for PostgreSQL, Redis and Kafka put on their pods:
  // `app.kubernetes.io/name: <chart>` and `app.kubernetes.io/instance: <release>`; releases are named after the service.
  podLabels: { 'app.kubernetes.io/name': chart, 'app.kubernetes.io/instance': name },
  description,
  chart: { name: chart, release: name },
  ...(internalPorts ? { internalPorts } : {}),
});

/** Every Service in namespace `pms`, in a stable order. */
export const PMS_SERVICES = [
  workload('frontend', 80, 'http', 'Angular SPA behind the ALB'),
  workload('apigateway', 8080, 'http', 'Spring Boot gateway behind the ALB; REST and WebSockets'),
  workload('auth', 8081, 'http', 'Spring Boot authentication service'),
  workload('analytics', 8086, 'http', 'Spring Boot analytics service'),
  // Port names are the container port names of the charts (the VPC CNI policy agent matches them).
  backing('postgres', 'postgresql', 5432, 'tcp-postgresql', 'PostgreSQL (backing service)'),
  backing('redis', 'redis', 6379, 'redis', 'Redis, sessions (backing service)'),
  backing('kafka', 'kafka', 9092, 'client', 'Kafka (backing service)', [
    { name: 'controller', port: 9093, purpose: 'KRaft controller quorum' },
    { name: 'interbroker', port: 9094, purpose: 'replication between brokers' },
  ]),
] as const satisfies readonly ServiceDefinition[];

/** Name of a PMS Service. */
export type ServiceName = (typeof PMS_SERVICES)[number]['name'];

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

/** Looks a Service up by name. */
export function findService(name: string): ServiceDefinition | undefined {
  return PMS_SERVICES.find((service) => service.name === name);
}
