/** @pms/platform — composes ingress, networking, security and monitoring into one cluster's render. */
export * from './settings.js';
export * from './cluster.js';
export * from './fleet-identity.js';
export * from './sync-plan.js';
export * from './sync-plan-docs.js';
