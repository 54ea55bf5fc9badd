import {
  CLOUDWATCH_COMPARISON_OPERATORS,
  CLOUDWATCH_LOW_SAMPLE_COUNT_PERCENTILE,
  CLOUDWATCH_STANDARD_UNITS,
  CLOUDWATCH_STATISTICS,
  CLOUDWATCH_TREAT_MISSING_DATA,
} from '@pms/crd-models';
import {
  ackTag,
  choice,
  integer,
  integerOneOf,
  list,
  object,
  overlay,
  string,
  type JsonSchema,
} from './dsl.js';

/**
 * Constraint overlays for ACK's CloudWatch `Dashboard` and `MetricAlarm` (cloudwatch.services.k8s.aws/v1alpha1),
 * on top of the models generated from the vendored cloudwatch-controller v1.8.1 CRDs: enumerations, ranges and
 * required fields of the CloudWatch API (PutDashboard, PutMetricAlarm), several of which the CRD descriptions
 * quote but leave unchecked.
 */

export const cloudwatchDashboard = overlay(
  'cloudwatch.services.k8s.aws/v1alpha1',
  'Dashboard',
  object({
    dashboardBody: string({ minLength: 2, allowed: 'the dashboard body as a JSON string' }),
    dashboardName: string({ pattern: '^[A-Za-z0-9_-]+$', minLength: 1, maxLength: 255 }),
  }),
);

/** A period in seconds: 10, 20, 30 (high resolution) or any multiple of 60. */
const period: JsonSchema = {
  description: 'allowed: 10, 20, 30 or a multiple of 60 (seconds)',
  anyOf: [integerOneOf(10, 20, 30), { type: 'integer', minimum: 60, multipleOf: 60 }],
};

const unit = choice(...CLOUDWATCH_STANDARD_UNITS);
const statistic = choice(...CLOUDWATCH_STATISTICS);
const dimension = object({
  name: string({ minLength: 1, maxLength: 255 }),
  value: string({ minLength: 1, maxLength: 1024 }),
});
const dimensions = list(dimension, { maxItems: 30 });
const actions = list(
  string({ pattern: '^arn:', allowed: 'an action ARN (SNS topic, Auto Scaling, EC2, Systems Manager)' }),
  {
    maxItems: 5,
  },
);

/** One query of a metric-math alarm: a metric (`metricStat`) or an expression over other queries. */
const metricDataQuery = object(
  {
    accountID: string({ pattern: '^\\d{12}$' }),
    expression: string({ minLength: 1, maxLength: 2048 }),
    id: string({
      pattern: '^[a-z][a-zA-Z0-9_]*$',
      maxLength: 255,
      allowed: 'an id starting with a lower-case letter (letters, digits, "_")',
    }),
    metricStat: object(
      {
        metric: object({
          dimensions,
          metricName: string({ minLength: 1, maxLength: 255 }),
          namespace: string({ minLength: 1, maxLength: 255 }),
        }),
        period,
        stat: string({ minLength: 1 }),
        unit,
      },
      ['metric', 'period', 'stat'],
    ),
    period,
  },
  ['id'],
);

export const cloudwatchMetricAlarm = overlay(
  'cloudwatch.services.k8s.aws/v1alpha1',
  'MetricAlarm',
  object({
    alarmActions: actions,
    alarmDescription: string({ maxLength: 1024 }),
    comparisonOperator: choice(...CLOUDWATCH_COMPARISON_OPERATORS),
    datapointsToAlarm: integer(1),
    dimensions,
    evaluateLowSampleCountPercentile: choice(...CLOUDWATCH_LOW_SAMPLE_COUNT_PERCENTILE),
    evaluationCriteria: object({
      promQLCriteria: object({
        pendingPeriod: integer(0),
        query: string({ minLength: 1 }),
        recoveryPeriod: integer(0),
      }),
    }),
    evaluationInterval: period,
    evaluationPeriods: integer(1),
    extendedStatistic: string({
      pattern: '^((p|tm|tc|ts|wm)\\d{1,2}(\\.\\d+)?|(PR|TM|TC|TS|WM)\\(.*\\)|IQM)$',
      allowed: 'a percentile or trimmed statistic such as "p99", "tm90" or "TM(10%:90%)"',
    }),
    insufficientDataActions: actions,
    metricName: string({ minLength: 1, maxLength: 255 }),
    metrics: list(metricDataQuery),
    name: string({ minLength: 1, maxLength: 255 }),
    namespace: string({ minLength: 1, maxLength: 255 }),
    oKActions: actions,
    period,
    statistic,
    tags: list(ackTag),
    thresholdMetricID: string({ minLength: 1, maxLength: 255 }),
    treatMissingData: choice(...CLOUDWATCH_TREAT_MISSING_DATA),
    unit,
  }),
);
