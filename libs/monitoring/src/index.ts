/** @pms/monitoring — CloudWatch dashboard and alarms, access logs and the runbook, read from what the other concerns produce. */
export * from './settings.js';
export * from './validate.js';
export * from './alb-metrics.js';
export * from './dashboard.js';
export * from './alarms.js';
export * from './athena.js';
export * from './docs-input.js';
export * from './health-section.js';
export * from './alarms-section.js';
export * from './access-log-section.js';
export * from './connectivity.js';
export * from './runbook.js';
export * from './monitoring.js';
