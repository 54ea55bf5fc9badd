/** The monitoring section of a cluster's settings: where alarms notify, their thresholds, and the ALB's ids once known. */
import type { AlbBackendName } from '@pms/networking';

/** Alarm thresholds of one cluster. Every alarm evaluates one-minute periods. */
export interface AlarmThresholds {
  /**
   * Target 5XX rate, in percent of `RequestCount`, above which the 5XX-rate alarm fires
   * (`100 × HTTPCode_Target_5XX_Count / RequestCount` per minute). From 0.1 to 100.
   */
  readonly target5xxRatePercent: number;
  /** p99 `TargetResponseTime`, in seconds, above which the latency alarm fires. From 0.01 to 60. */
  readonly p99ResponseTimeSeconds: number;
  /** `HTTPCode_ELB_5XX_Count` per minute (errors the load balancer generates itself) above which the alarm fires. 0 or more. */
  readonly elb5xxPerMinute: number;
  /** `RejectedConnectionCount` per minute (the ALB's connection limit reached) above which the alarm fires. 0 or more. */
  readonly rejectedConnectionsPerMinute: number;
  /** One-minute periods each alarm looks at (N of "M out of N"). From 1 to 60. */
  readonly evaluationPeriods: number;
  /** Periods of those that must breach for the alarm to fire (M of "M out of N"). From 1 to `evaluationPeriods`. */
  readonly datapointsToAlarm: number;
}

/**
 * The CloudWatch `TargetGroup` dimensions of the ALB's target groups, by Service, once the controller has
 * created them: `targetgroup/k8s-pms-<service, first 8 characters>-<10 hex>/<16 hex>`, e.g.
 * `{ frontend: 'targetgroup/k8s-pms-frontend-1a2b3c4d5e/0123456789abcdef' }`. Keyed by the workloads behind the
 * ALB: those with a `health.targetGroup` in `PMS_SERVICES` (libs/networking/src/catalogue.ts).
 */
export type TargetGroupDimensionsByService = Readonly<Partial<Record<AlbBackendName, string>>>;

/**
 * The ALB of a cluster as its monitoring knows it. The controller creates the ALB on the first sync, so its
 * CloudWatch ids exist only after that: until then the cluster is explicitly `awaiting` it.
 */
export type LoadBalancerState =
  /**
   * The ALB does not exist yet (the first sync of a new cluster creates it): NO alarms are rendered (nothing could
   * scope them to this ALB; see docs/monitoring.md) and the dashboard finds the ALB by a metric SEARCH on its
   * pinned name. Replace it with `known` in the change after the first sync.
   */
  | { readonly state: 'awaiting' }
  /** The controller has created the ALB: alarms and graphs address it exactly. */
  | {
      readonly state: 'known';
      /**
       * The ALB's full CloudWatch `LoadBalancer` dimension, `app/<albName(cluster)>/<16 hex>`
       * (`aws elbv2 describe-load-balancers --names <albName>`; the id is the end of the ARN). Every alarm is scoped
       * to it.
       */
      readonly loadBalancer: string;
      /**
       * The target groups' `TargetGroup` dimensions, once looked up. Known target groups get one
       * `UnHealthyHostCount` alarm each on the exact dimension; without them one Metrics Insights alarm watches
       * every target group of the ALB, each as its own contributor.
       * @default {} (not looked up yet)
       */
      readonly targetGroups?: TargetGroupDimensionsByService;
    };

/** The monitoring section of a cluster's settings. */
export interface MonitoringSettings {
  /**
   * ARN of the SNS topic alarms notify (standard topic, not FIFO: CloudWatch cannot publish to FIFO topics),
   * in the cluster's account and region.
   */
  readonly alarmTopicArn: string;
  /** Alarm thresholds for this cluster. */
  readonly thresholds: AlarmThresholds;
  /**
   * Also notify the topic when an alarm returns to OK, so on-call sees the recovery.
   * @default true
   */
  readonly notifyOnRecovery?: boolean;
  /**
   * The cluster's ALB: `{ state: 'awaiting' }` until the first sync has created it (no alarms), then
   * `{ state: 'known', loadBalancer, targetGroups }` with its CloudWatch dimensions. Always explicit: a cluster
   * without alarms says so in a reviewed line of its settings.
   */
  readonly alb: LoadBalancerState;
}
