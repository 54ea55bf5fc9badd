/**
 * The CloudWatch alarms of one cluster, as the `spec` of ACK `MetricAlarm`s
 * (cloudwatch.services.k8s.aws/v1alpha1). Pure data. Every alarm watches exactly this cluster's ALB, so alarms
 * exist only once its full `LoadBalancer` dimension is known (`AlbLocator` mode `exact`):
 * - CloudWatch alarms cannot use SEARCH expressions, and a Metrics Insights `WHERE` compares whole dimension values
 *   (`=`/`!=`), so the pinned name alone cannot scope a query to `app/<name>/<id>`; an unscoped query would page
 *   for every ALB of the account and region.
 * - Before the dimension is known, `buildAlarms` returns no alarms; `validateMonitoringSettings` refuses that in
 *   the environments that must alarm (staging and prod by default).
 */
import { ALB_NAMESPACE, PERIOD_SECONDS, type AlbLocator } from './alb-metrics.js';
import type { AlarmThresholds } from './settings.js';

/** How an alarm treats periods without data (CloudWatch `TreatMissingData`). */
export type TreatMissingData = 'breaching' | 'notBreaching' | 'ignore' | 'missing';

/** A dimension of a metric. */
export interface MetricDimension {
  readonly name: string;
  readonly value: string;
}

/** One entry of an alarm's `metrics` (CloudWatch `MetricDataQuery`, ACK field names). */
export interface MetricDataQuery {
  readonly id: string;
  readonly label?: string;
  readonly returnData: boolean;
  /** Metric math or a Metrics Insights query. */
  readonly expression?: string;
  /** Period of an expression that is a Metrics Insights query. */
  readonly period?: number;
  readonly metricStat?: {
    readonly metric: {
      readonly namespace: string;
      readonly metricName: string;
      readonly dimensions: readonly MetricDimension[];
    };
    readonly period: number;
    readonly stat: string;
  };
}

/** The `spec` of an ACK `MetricAlarm`, limited to the fields this project sets. */
export interface MetricAlarmSpec {
  readonly name: string;
  readonly alarmDescription: string;
  readonly actionsEnabled: boolean;
  readonly alarmActions: readonly string[];
  readonly oKActions?: readonly string[];
  readonly comparisonOperator: 'GreaterThanThreshold' | 'GreaterThanOrEqualToThreshold';
  readonly threshold: number;
  readonly evaluationPeriods: number;
  readonly datapointsToAlarm: number;
  readonly treatMissingData: TreatMissingData;
  readonly namespace?: string;
  readonly metricName?: string;
  readonly dimensions?: readonly MetricDimension[];
  readonly statistic?: string;
  readonly extendedStatistic?: string;
  readonly evaluateLowSampleCountPercentile?: 'ignore' | 'evaluate';
  readonly period?: number;
  readonly metrics?: readonly MetricDataQuery[];
  readonly tags: readonly { readonly key: string; readonly value: string }[];
}

/** An alarm with its Kubernetes object name and the reasons behind its choices, for the README. */
export interface AlarmDefinition {
  /** `metadata.name` of the `MetricAlarm` (namespace `pms`). */
  readonly objectName: string;
  /** What the alarm watches, in one line. */
  readonly watches: string;
  /** Why `treatMissingData` is what it is. */
  readonly missingDataReason: string;
  /** The spec. */
  readonly spec: MetricAlarmSpec;
}

/** What the alarms need. */
export interface AlarmInput {
  /** Cluster name: prefixes alarm names (unique per account and region) and is tagged. */
  readonly cluster: string;
  /** How to find the ALB. */
  readonly alb: AlbLocator;
  /** Known `TargetGroup` dimensions by Service. */
  readonly targetGroups: Readonly<Record<string, string | undefined>>;
  /** Services behind the ALB, in order. */
  readonly albServices: readonly string[];
  /** The SNS topic every alarm notifies. */
  readonly topicArn: string;
  /** Notify the topic on return to OK too. */
  readonly notifyOnRecovery: boolean;
  /** Thresholds of this cluster. */
  readonly thresholds: AlarmThresholds;
  /** Where the runbook is, quoted in every description. */
  readonly runbook: string;
}

/** Alarm names CloudWatch shows: `<cluster>-pms-<object name>`. */
export function alarmName(cluster: string, objectName: string): string {
  return `${cluster}-pms-${objectName}`;
}

/** Every alarm of a cluster, in a stable order. */
export function buildAlarms(input: AlarmInput): AlarmDefinition[] {
  const { alb, thresholds } = input;
  // Without the dimension nothing can be scoped to this ALB: no alarm at all rather than one for every ALB.
  if (alb.mode !== 'exact') return [];
  const common = (objectName: string, description: string) => ({
    name: alarmName(input.cluster, objectName),
    alarmDescription: `[${input.cluster}] ${description} Runbook: ${input.runbook}`,
    actionsEnabled: true,
    alarmActions: [input.topicArn],
    ...(input.notifyOnRecovery ? { oKActions: [input.topicArn] } : {}),
    evaluationPeriods: thresholds.evaluationPeriods,
    datapointsToAlarm: thresholds.datapointsToAlarm,
    tags: [
      { key: 'pms:cluster', value: input.cluster },
      { key: 'pms:managed-by', value: 'pms-gitops' },
    ],
  });
  const lbDimension = [{ name: 'LoadBalancer', value: alb.loadBalancer }];
  const alarms: AlarmDefinition[] = [];

  const stat = (id: string, metricName: string) => ({
    id,
    returnData: false,
    metricStat: {
      metric: { namespace: ALB_NAMESPACE, metricName, dimensions: lbDimension },
      period: PERIOD_SECONDS,
      stat: 'Sum',
    },
  });
  alarms.push({
    objectName: 'target-5xx-rate',
    watches: `100 × HTTPCode_Target_5XX_Count / RequestCount > ${thresholds.target5xxRatePercent} %`,
    missingDataReason:
      'no requests in a minute means no error rate, not an outage (RequestCount is absent then)',
    spec: {
      ...common(
        'target-5xx-rate',
        `Targets answer more than ${thresholds.target5xxRatePercent} % of requests with 5XX.`,
      ),
      comparisonOperator: 'GreaterThanThreshold',
      threshold: thresholds.target5xxRatePercent,
      treatMissingData: 'notBreaching',
      metrics: [
        stat('errors', 'HTTPCode_Target_5XX_Count'),
        stat('requests', 'RequestCount'),
        // HTTPCode_Target_5XX_Count is published only in minutes with 5XX: FILL makes those minutes 0 %, not missing.
        {
          id: 'rate',
          label: 'Target 5XX rate (%)',
          expression: '100 * FILL(errors, 0) / requests',
          returnData: true,
        },
      ],
    },
  });
  alarms.push({
    objectName: 'target-p99-latency',
    watches: `TargetResponseTime p99 > ${thresholds.p99ResponseTimeSeconds} s`,
    missingDataReason:
      'no requests means no latency samples; evaluateLowSampleCountPercentile=ignore keeps the state when too few requests make p99 meaningless',
    spec: {
      ...common(
        'target-p99-latency',
        `p99 TargetResponseTime is above ${thresholds.p99ResponseTimeSeconds} s.`,
      ),
      comparisonOperator: 'GreaterThanThreshold',
      threshold: thresholds.p99ResponseTimeSeconds,
      treatMissingData: 'notBreaching',
      namespace: ALB_NAMESPACE,
      metricName: 'TargetResponseTime',
      dimensions: lbDimension,
      extendedStatistic: 'p99',
      evaluateLowSampleCountPercentile: 'ignore',
      period: PERIOD_SECONDS,
    },
  });

  /** A count alarm on the exact `LoadBalancer` dimension. */
  const countAlarm = (
    objectName: string,
    metricName: string,
    threshold: number,
    description: string,
  ): AlarmDefinition => ({
    objectName,
    watches: `${metricName} (Sum per minute) > ${threshold}`,
    missingDataReason: `the ALB publishes ${metricName} only in minutes where it is not zero`,
    spec: {
      ...common(objectName, description),
      comparisonOperator: 'GreaterThanThreshold',
      threshold,
      treatMissingData: 'notBreaching',
      namespace: ALB_NAMESPACE,
      metricName,
      dimensions: lbDimension,
      statistic: 'Sum',
      period: PERIOD_SECONDS,
    },
  });
  alarms.push(
    countAlarm(
      'elb-5xx',
      'HTTPCode_ELB_5XX_Count',
      thresholds.elb5xxPerMinute,
      `The load balancer itself returns 5XX (more than ${thresholds.elb5xxPerMinute} per minute): no healthy target, target connection errors or timeouts.`,
    ),
    countAlarm(
      'rejected-connections',
      'RejectedConnectionCount',
      thresholds.rejectedConnectionsPerMinute,
      `The load balancer rejects connections (more than ${thresholds.rejectedConnectionsPerMinute} per minute): its connection limit is reached.`,
    ),
  );

  const known = input.albServices.map((svc) => [svc, input.targetGroups[svc]] as const);
  for (const [svc, targetGroup] of known) {
    if (!targetGroup) continue;
    alarms.push({
      objectName: `unhealthy-hosts-${svc}`,
      watches: `UnHealthyHostCount (Maximum) > 0 on target group ${targetGroup}`,
      missingDataReason:
        'the ALB publishes host counts every minute for an attached target group; no data means the target group is gone or was replaced (a stale dimension in the settings), which must page',
      spec: {
        ...common(`unhealthy-hosts-${svc}`, `Target group of Service ${svc} has unhealthy targets.`),
        comparisonOperator: 'GreaterThanThreshold',
        threshold: 0,
        treatMissingData: 'breaching',
        namespace: ALB_NAMESPACE,
        metricName: 'UnHealthyHostCount',
        dimensions: [{ name: 'TargetGroup', value: targetGroup }, ...lbDimension],
        statistic: 'Maximum',
        period: PERIOD_SECONDS,
      },
    });
  }
  const unknown = known.filter(([, tg]) => !tg).map(([svc]) => svc);
  if (unknown.length > 0) {
    const where = ` WHERE LoadBalancer = '${alb.loadBalancer}'`;
    alarms.push({
      objectName: 'unhealthy-hosts',
      watches: `UnHealthyHostCount (Maximum) > 0 per target group of this ALB (Metrics Insights \`WHERE LoadBalancer = '${alb.loadBalancer}'\`, one contributor per target group; covers ${unknown.join(', ')})`,
      missingDataReason:
        'before the target groups exist there is nothing to be unhealthy; once they exist the ALB publishes every minute',
      spec: {
        ...common('unhealthy-hosts', `A target group (${unknown.join(', ')}) has unhealthy targets.`),
        comparisonOperator: 'GreaterThanThreshold',
        threshold: 0,
        treatMissingData: 'notBreaching',
        metrics: [
          {
            id: 'perTargetGroup',
            label: 'UnHealthyHostCount per target group',
            expression: `SELECT MAX(UnHealthyHostCount) FROM SCHEMA("${ALB_NAMESPACE}", LoadBalancer, TargetGroup)${where} GROUP BY TargetGroup ORDER BY MAX() DESC`,
            period: PERIOD_SECONDS,
            returnData: true,
          },
        ],
      },
    });
  }
  return alarms;
}

/** The alarms every cluster gets once its ALB is `known` (`monitoring.alb`; for the README of a cluster awaiting it). */
export const ALB_ALARMS = [
  'target-5xx-rate',
  'target-p99-latency',
  'elb-5xx',
  'rejected-connections',
] as const;
