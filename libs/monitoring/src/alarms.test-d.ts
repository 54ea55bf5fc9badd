/**
 * Type-level tests (checked by `pnpm typecheck`; vitest does not run this file): every alarm `buildAlarms` writes is
 * a `MetricAlarmSpec`, the model generated from ACK's CRD with CloudWatch's enumerations narrowed.
 */
import type { AwsMetricAlarmSpec, IMetricAlarmSpec } from '@pms/crd-models';
import { expectTypeOf } from 'vitest';
import type { AlarmDefinition, MetricAlarmSpec } from './alarms.js';

expectTypeOf<AlarmDefinition['spec']>().toEqualTypeOf<MetricAlarmSpec>();
expectTypeOf<MetricAlarmSpec>().toExtend<AwsMetricAlarmSpec>();
expectTypeOf<MetricAlarmSpec>().toExtend<IMetricAlarmSpec>();

type Base = Pick<
  MetricAlarmSpec,
  | 'name'
  | 'alarmDescription'
  | 'actionsEnabled'
  | 'alarmActions'
  | 'comparisonOperator'
  | 'threshold'
  | 'evaluationPeriods'
  | 'datapointsToAlarm'
  | 'treatMissingData'
  | 'tags'
>;
const base: Base = {
  name: 'a',
  alarmDescription: 'd',
  actionsEnabled: true,
  alarmActions: [],
  comparisonOperator: 'GreaterThanThreshold',
  threshold: 1,
  evaluationPeriods: 1,
  datapointsToAlarm: 1,
  treatMissingData: 'notBreaching',
  tags: [],
};
export const valid: MetricAlarmSpec = base;
// @ts-expect-error misspelt field (`evaluateLowSampleCountPercentile`)
export const misspelt: MetricAlarmSpec = { ...base, evaluateLowSampleCountPercentil: 'ignore' };
// @ts-expect-error wrong enumeration (`treatMissingData`)
export const missing: MetricAlarmSpec = { ...base, treatMissingData: 'not-breaching' };
// @ts-expect-error wrong enumeration (`comparisonOperator`)
export const operator: MetricAlarmSpec = { ...base, comparisonOperator: '>' };
// @ts-expect-error a field every alarm here sets is required (`alarmDescription`)
export const required: MetricAlarmSpec = { ...base, alarmDescription: undefined };
