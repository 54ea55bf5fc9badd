/** Per-cluster settings of the PMS workloads: images, replicas and autoscaling bounds. */

/** The workloads PMS deploys itself (backing services come from their own charts). */
export const WORKLOADS = ['frontend', 'apigateway', 'auth', 'analytics'] as const;
/** One of the PMS workloads. */
export type WorkloadName = (typeof WORKLOADS)[number];

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
  /** CPU and memory of the container. @default `DEFAULT_RESOURCES[<workload>]` */
  readonly resources?: ResourceSettings;
}

/** Resources of each workload unless its settings say otherwise: nginx is small, the Spring Boot services are JVMs. */
export const DEFAULT_RESOURCES: Readonly<Record<WorkloadName, ResourceSettings>> = {
  frontend: { cpuRequest: '50m', memoryRequest: '64Mi', memoryLimit: '128Mi' },
  apigateway: { cpuRequest: '500m', memoryRequest: '768Mi', memoryLimit: '1Gi' },
  auth: { cpuRequest: '250m', memoryRequest: '512Mi', memoryLimit: '768Mi' },
  analytics: { cpuRequest: '250m', memoryRequest: '768Mi', memoryLimit: '1Gi' },
};

/** The autoscaler's CPU target unless a workload's settings say otherwise, in percent of the request. */
export const DEFAULT_TARGET_CPU_UTILIZATION = 70;

/** The networking section of a cluster's settings. */
export interface NetworkingSettings {
  /** Settings per PMS workload. */
  readonly workloads: Readonly<Record<WorkloadName, WorkloadSettings>>;
}

/**
 * Environment variables the platform passes to the workloads' containers, by workload: name → value. Names
 * match `ENV_NAME_PATTERN`; rendered as `env` entries sorted by name.
 */
export type WorkloadEnv = Readonly<Partial<Record<WorkloadName, Readonly<Record<string, string>>>>>;

/** What an environment variable name passed through `workloadEnv` must look like (POSIX-style, upper case). */
export const ENV_NAME_PATTERN = /^[A-Z_][A-Z0-9_]*$/;
