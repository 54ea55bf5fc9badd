/** @pms/monitoring — CloudWatch dashboard and alarms, access logs and the runbook, read from what the other concerns produce. */

export {
  type AlarmThresholds,
  type TargetGroupDimensionsByService,
  type LoadBalancerState,
  type MonitoringSettings,
} from './settings.js';
export { validateMonitoringSettings, type MonitoringValidationContext } from './validate.js';
export { type DashboardBody } from './dashboard.js';
export {
  type MetricAlarmSpec,
  type AlarmDefinition,
  type AlarmScope,
  describeScope,
  ANY_TARGET_GROUP,
} from './alarms.js';
export {
  queryScope,
  descriptionProblems,
  checkAlarmScopes,
  type QueryScope,
  type AlarmScopeContext,
} from './alarm-scope.js';
export {
  SYMPTOM_INDEX_TITLE,
  RUNBOOK_TITLE,
  ONCALL_DOC_ORDER,
  RUNBOOK_STEPS,
  type RunbookStep,
  type RunbookStepId,
} from './runbook.js';
export { ROLLBACK_TITLE } from './rollback.js';
export {
  ACK_CLOUDWATCH_API_VERSION,
  MONITORING_DELETION_POLICY,
  runbookUrl,
  type PmsMonitoringProps,
  PmsMonitoring,
} from './monitoring.js';
