/** @pms/networking — PMS Services, workloads and NetworkPolicies generated from one communication graph. */
export * from './namespace.js';
export * from './catalogue.js';
export * from './settings.js';
export * from './validate.js';
export * from './networking.js';
