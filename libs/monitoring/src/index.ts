/** @pms/monitoring — CloudWatch dashboard and alarms, access logs and the runbook, read from what the other concerns produce. */

export {
  type AlarmThresholds,
  type TargetGroupDimensionsByService,
  type LoadBalancerState,
  type MonitoringSettings,
} from './settings.js';
export { validateMonitoringSettings, type MonitoringValidationContext } from './validate.js';
export { type DashboardBody } from './dashboard.js';
export { type MetricAlarmSpec, type AlarmDefinition } from './alarms.js';
export {
  ACK_CLOUDWATCH_API_VERSION,
  MONITORING_DELETION_POLICY,
  type PmsMonitoringProps,
  PmsMonitoring,
} from './monitoring.js';
