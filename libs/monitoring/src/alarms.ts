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
import {
  ALB_NAMESPACE,
  LCU_PERIOD_SECONDS,
  MIN_LCU_ALARM_THRESHOLD,
  PERIOD_SECONDS,
  type AlbLocator,
} from './alb-metrics.js';
import type { AlarmThresholds } from './settings.js';
import type { AwsMetricAlarmSpec, AwsMetricDataQuery, CloudWatchTreatMissingData } from '@pms/crd-models';

/** How an alarm treats periods without data (CloudWatch `TreatMissingData`). */
export type TreatMissingData = CloudWatchTreatMissingData;

/**
 * The `spec` of an ACK `MetricAlarm`: the model generated from ACK's CRD with CloudWatch's enumerations narrowed
 * (`AwsMetricAlarmSpec` of `@pms/crd-models`), and the fields every alarm here sets required.
 */
export type MetricAlarmSpec = AwsMetricAlarmSpec &
  Required<
    Pick<
      AwsMetricAlarmSpec,
      | 'alarmDescription'
      | 'actionsEnabled'
      | 'alarmActions'
      | 'comparisonOperator'
      | 'threshold'
      | 'evaluationPeriods'
      | 'datapointsToAlarm'
      | 'treatMissingData'
      | 'tags'
    >
  >;

/** The fields `buildAlarms` gives every alarm alike. */
type CommonFields = Pick<
  MetricAlarmSpec,
  | 'name'
  | 'alarmDescription'
  | 'actionsEnabled'
  | 'alarmActions'
  | 'oKActions'
  | 'evaluationPeriods'
  | 'datapointsToAlarm'
  | 'tags'
>;

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
  /** The full URL of the runbook (the cluster README's symptom index), quoted in every description. */
  readonly runbook: string;
  /**
   * The expected maximum LCUs in one hour (the ingress's cost estimate, from `ingress.expectedTraffic`): the
   * `lcu-above-expected` alarm fires above it.
   * @default undefined: no LCU alarm
   */
  readonly expectedMaxLcu?: number;
}

/** The `ConsumedLCUs` threshold for an expected maximum: rounded up to 0.01 LCU, at least `MIN_LCU_ALARM_THRESHOLD`. */
export function lcuAlarmThreshold(expectedMaxLcu: number): number {
  return Math.max(MIN_LCU_ALARM_THRESHOLD, Math.ceil(expectedMaxLcu * 100) / 100);
}

/**
 * What the query of an alarm watches, from which its description is written (`describeScope`); `checkAlarmScopes`
 * holds every rendered description to its query.
 */
export type AlarmScope =
  /** The whole load balancer (its `LoadBalancer` dimension). */
  | { readonly kind: 'load-balancer' }
  /** One target group, by its `TargetGroup` dimension. */
  | { readonly kind: 'target-group'; readonly service: string; readonly targetGroup: string }
  /** Every target group of the load balancer except those listed (they have alarms of their own). */
  | {
      readonly kind: 'any-target-group';
      readonly except: readonly { readonly service: string; readonly targetGroup: string }[];
    };

/** The words that open a description and say what its query watches, e.g. `Target group of Service frontend (…)`. */
export function describeScope(scope: AlarmScope): string {
  if (scope.kind === 'load-balancer') return 'Load balancer';
  if (scope.kind === 'target-group') return `Target group of Service ${scope.service} (${scope.targetGroup})`;
  const except = scope.except.map((e) => `${e.service} (${e.targetGroup})`);
  return except.length > 0
    ? `${ANY_TARGET_GROUP} except those of ${except.join(', ')} (they have alarms of their own; the contributor names the target group)`
    : `${ANY_TARGET_GROUP} (the contributor names the target group)`;
}

/** How a description says its query watches every target group of the ALB. */
export const ANY_TARGET_GROUP = 'Any target group of the load balancer';

/** Alarm names CloudWatch shows: `<cluster>-pms-<object name>`. */
export function alarmName(cluster: string, objectName: string): string {
  return `${cluster}-pms-${objectName}`;
}

/** Every alarm of a cluster, in a stable order. */
export function buildAlarms(input: AlarmInput): AlarmDefinition[] {
  const { alb, thresholds } = input;
  // Without the dimension nothing can be scoped to this ALB: no alarm at all rather than one for every ALB.
  if (alb.mode !== 'exact') return [];
  const common = (
    objectName: string,
    description: string,
    scope: AlarmScope = { kind: 'load-balancer' },
  ): CommonFields => ({
    name: alarmName(input.cluster, objectName),
    alarmDescription: `[${input.cluster}] ${describeScope(scope)}: ${description} Runbook: ${input.runbook}`,
    actionsEnabled: true,
    alarmActions: [input.topicArn],
    ...(input.notifyOnRecovery ? ({ oKActions: [input.topicArn] } satisfies Partial<CommonFields>) : {}),
    evaluationPeriods: thresholds.evaluationPeriods,
    datapointsToAlarm: thresholds.datapointsToAlarm,
    tags: [
      { key: 'pms:cluster', value: input.cluster },
      { key: 'pms:managed-by', value: 'pms-gitops' },
    ],
  });
  const lbDimension = [{ name: 'LoadBalancer', value: alb.loadBalancer }];
  const alarms: AlarmDefinition[] = [];

  const stat = (id: string, metricName: string): AwsMetricDataQuery => ({
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

  if (input.expectedMaxLcu !== undefined) {
    const threshold = lcuAlarmThreshold(input.expectedMaxLcu);
    alarms.push({
      objectName: 'lcu-above-expected',
      watches: `ConsumedLCUs (Sum per hour) > ${threshold} (the expected maximum, ${Math.round(input.expectedMaxLcu * 1000) / 1000} LCU, rounded up, at least ${MIN_LCU_ALARM_THRESHOLD})`,
      missingDataReason:
        'ConsumedLCUs is reported every hour the load balancer exists; an hour without data bills nothing',
      spec: {
        ...common(
          'lcu-above-expected',
          `The load balancer consumed more than ${threshold} LCU in an hour, above the expected maximum of the cost estimate (ingress.expectedTraffic): more traffic than planned, a connection storm, or more listener rules; the bill grows with it.`,
        ),
        // One hour is the billing unit: one breaching hour is enough, and a page at most once an hour.
        evaluationPeriods: 1,
        datapointsToAlarm: 1,
        comparisonOperator: 'GreaterThanThreshold',
        threshold,
        treatMissingData: 'notBreaching',
        namespace: ALB_NAMESPACE,
        metricName: 'ConsumedLCUs',
        dimensions: lbDimension,
        statistic: 'Sum',
        period: LCU_PERIOD_SECONDS,
      },
    });
  }

  const known = input.albServices.map((svc) => [svc, input.targetGroups[svc]] as const);
  for (const [svc, targetGroup] of known) {
    if (!targetGroup) continue;
    alarms.push({
      objectName: `unhealthy-hosts-${svc}`,
      watches: `UnHealthyHostCount (Maximum) > 0 on target group ${targetGroup}`,
      missingDataReason:
        'the ALB publishes host counts every minute for an attached target group; no data means the target group is gone or was replaced (a stale dimension in the settings), which must page',
      spec: {
        ...common(`unhealthy-hosts-${svc}`, 'Unhealthy targets.', {
          kind: 'target-group',
          service: svc,
          targetGroup,
        }),
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
    // The query cannot name a target group whose dimension is unknown: it watches every target group of the ALB
    // except the ones with alarms of their own (a Metrics Insights WHERE compares whole values with = and !=,
    // combined with AND: CloudWatch user guide, "Metrics Insights query components and syntax"), so an outage of a
    // known target group pages once, and the description names no Service the query does not filter on.
    const except = known.flatMap(([service, targetGroup]) => (targetGroup ? [{ service, targetGroup }] : []));
    const where = [
      `LoadBalancer = '${alb.loadBalancer}'`,
      ...except.map((e) => `TargetGroup != '${e.targetGroup}'`),
    ].join(' AND ');
    alarms.push({
      objectName: 'unhealthy-hosts',
      watches: `UnHealthyHostCount (Maximum) > 0 on any target group of this ALB${except.length > 0 ? ` except ${except.map((e) => e.service).join(', ')}'s` : ''} (Metrics Insights \`WHERE ${where}\`, one contributor per target group; today that covers ${unknown.join(', ')}, whose dimensions the settings do not have yet)`,
      missingDataReason:
        'before the target groups exist there is nothing to be unhealthy; once they exist the ALB publishes every minute',
      spec: {
        ...common('unhealthy-hosts', 'Unhealthy targets.', { kind: 'any-target-group', except }),
        comparisonOperator: 'GreaterThanThreshold',
        threshold: 0,
        treatMissingData: 'notBreaching',
        metrics: [
          {
            id: 'perTargetGroup',
            label: 'UnHealthyHostCount per target group',
            expression: `SELECT MAX(UnHealthyHostCount) FROM SCHEMA("${ALB_NAMESPACE}", LoadBalancer, TargetGroup) WHERE ${where} GROUP BY TargetGroup ORDER BY MAX() DESC`,
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
  'lcu-above-expected',
] as const;
