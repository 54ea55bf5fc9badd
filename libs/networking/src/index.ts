/** @pms/networking — PMS Services, workloads and NetworkPolicies generated from one communication graph. */
export * from './namespace.js';
export * from './catalogue.js';
export * from './settings.js';
export * from './validate.js';
export * from './graph.js';
export * from './label-selector.js';
export * from './pod-templates.js';
export * from './port-set.js';
export * from './reachability.js';
export * from './cluster-reachability.js';
export * from './policies.js';
export * from './frontend-server.js';
export * from './workload.js';
export * from './references.js';
export * from './alb-backends.js';
export * from './docs.js';
export * from './networking.js';
