/** @pms/monitoring — health values, CloudWatch dashboard and alarms, access logs and the runbook. */
export * from './settings.js';
export * from './health.js';
export * from './validate.js';
export * from './alb-metrics.js';
export * from './dashboard.js';
export * from './alarms.js';
export * from './athena.js';
export * from './services.js';
export * from './runbook.js';
export * from './monitoring.js';
