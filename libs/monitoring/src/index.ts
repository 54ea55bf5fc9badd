/** @pms/monitoring — health values, CloudWatch dashboard and alarms, access logs and the runbook. */
export * from './settings.js';
export * from './health.js';
