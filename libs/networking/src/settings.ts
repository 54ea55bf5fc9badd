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

/** Settings of one workload. */
export interface WorkloadSettings {
  /** Image and pinned tag. */
  readonly image: ImageRef;
  /** Replica and autoscaling bounds. */
  readonly scaling: ScalingSettings;
}

/** The networking section of a cluster's settings. */
export interface NetworkingSettings {
  /** Settings per PMS workload. */
  readonly workloads: Readonly<Record<WorkloadName, WorkloadSettings>>;
}
