/** @pms/ingress — public surface. */
export * from './settings.js';
