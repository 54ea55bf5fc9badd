/** Per-cluster settings of the PMS workloads: images, replicas and autoscaling bounds. */
import type { BackingSettings } from './backing/settings.js';
import type { WorkloadName } from './catalogue.js';

/** A container image pinned to a tag. */
export interface ImageRef {
  /** Registry and repository, e.g. `123456789012.dkr.ecr.eu-central-1.amazonaws.com/pms/apigateway`. */
  readonly repository: string;
  /** Pinned tag, e.g. `1.8.3`; `latest` and empty tags are refused. */
  readonly tag: string;
}

/** Replica and autoscaling bounds of one workload. */
export interface ScalingSettings {
  /** Minimum replicas (the HorizontalPodAutoscaler's `minReplicas`); at least 2 keeps one pod through a disruption. */
  readonly minReplicas: number;
  /** Maximum replicas (the HorizontalPodAutoscaler's `maxReplicas`); at least `minReplicas`. */
  readonly maxReplicas: number;
  /** Average CPU utilization, in percent of the request, the autoscaler aims for. @default 70 */
  readonly targetCpuUtilization?: number;
}

/**
 * CPU and memory of one container. Requests size scheduling and the autoscaler's utilization; the memory
 * limit stops a leak from taking the node. No CPU limit: throttling a JVM or nginx under a burst costs latency
 * and buys nothing the request does not already guarantee.
 */
export interface ResourceSettings {
  /** CPU request as a Kubernetes quantity, e.g. `250m` or `1`. */
  readonly cpuRequest: string;
  /** Memory request, e.g. `512Mi`. */
  readonly memoryRequest: string;
  /** Memory limit, at least the request, e.g. `1Gi`. */
  readonly memoryLimit: string;
}

/** Settings of one workload. */
export interface WorkloadSettings {
  /** Image and pinned tag. */
  readonly image: ImageRef;
  /** Replica and autoscaling bounds. */
  readonly scaling: ScalingSettings;
  /** CPU and memory of the container. @default `WORKLOAD_RESOURCES[<workload>]`, else `DEFAULT_RESOURCES` */
  readonly resources?: ResourceSettings;
}

/**
 * Resources of a workload that neither its settings nor `WORKLOAD_RESOURCES` size: a small Spring Boot service
 * (a JVM). A new workload renders with these until measured.
 */
export const DEFAULT_RESOURCES: ResourceSettings = {
  cpuRequest: '250m',
  memoryRequest: '512Mi',
  memoryLimit: '768Mi',
};

/**
 * Measured resources of the workloads that differ from `DEFAULT_RESOURCES` (nginx is small; the gateway and
 * analytics JVMs hold more). Optional: a workload missing here gets `DEFAULT_RESOURCES`; a cluster's settings
 * (`networking.workloads.<name>.resources`) win over both.
 */
export const WORKLOAD_RESOURCES: Readonly<Partial<Record<WorkloadName, ResourceSettings>>> = {
  frontend: { cpuRequest: '50m', memoryRequest: '64Mi', memoryLimit: '128Mi' },
  apigateway: { cpuRequest: '500m', memoryRequest: '768Mi', memoryLimit: '1Gi' },
  analytics: { cpuRequest: '250m', memoryRequest: '768Mi', memoryLimit: '1Gi' },
};

/** The resources a workload renders with: its settings, else `WORKLOAD_RESOURCES`, else `DEFAULT_RESOURCES`. */
export function resourcesOf(
  name: WorkloadName,
  settings: Pick<WorkloadSettings, 'resources'>,
): ResourceSettings {
  return settings.resources ?? WORKLOAD_RESOURCES[name] ?? DEFAULT_RESOURCES;
}

/** The autoscaler's CPU target unless a workload's settings say otherwise, in percent of the request. */
export const DEFAULT_TARGET_CPU_UTILIZATION = 70;

/** The networking section of a cluster's settings. */
export interface NetworkingSettings {
  /** Settings per PMS workload. */
  readonly workloads: Readonly<Record<WorkloadName, WorkloadSettings>>;
  /**
   * The backing services installed on this cluster and their sizes (`backing/settings.ts`). A service left out is
   * not installed, which the render refuses while a workload's graph edge needs it.
   */
  readonly backing: BackingSettings;
}

/**
 * Environment variables the platform passes to the workloads' containers, by workload: name → value. Names
 * match `ENV_NAME_PATTERN`; rendered as `env` entries sorted by name.
 */
export type WorkloadEnv = Readonly<Partial<Record<WorkloadName, Readonly<Record<string, string>>>>>;

/** What an environment variable name passed through `workloadEnv` must look like (POSIX-style, upper case). */
export const ENV_NAME_PATTERN = /^[A-Z_][A-Z0-9_]*$/;
