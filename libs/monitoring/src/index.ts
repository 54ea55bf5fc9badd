/** @pms/monitoring — CloudWatch dashboard and alarms, access logs and the runbook, read from what the other concerns produce. */
export * from './settings.js';
export * from './validate.js';
export * from './alb-metrics.js';
export * from './dashboard.js';
export * from './alarms.js';
export * from './athena.js';
export * from './runbook.js';
export * from './monitoring.js';
