/**
 * @pms/ingress — the PMS ALB: routing table, TLS, WebSockets, response headers and target-group health
 * checks, rendered exactly as the AWS Load Balancer Controller reads them; plus the readers of that grammar
 * (attribute parser, ALB model, routing simulator) for tools and the policy gate.
 */
export * from './settings.js';
export * from './ssl-policy.js';
export * from './attributes.js';
export * from './annotations.js';
export * from './ingress-class-params.js';
export * from './path-pattern.js';
export * from './routes.js';
export * from './validate.js';
export * from './alb-model/index.js';
export * from './simulate.js';
export * from './docs.js';
export * from './aws-tags.js';
export * from './routing-contract.js';
export * from './routing-check.js';
export * from './plan.js';
export * from './ingress-objects.js';
export * from './ingress.js';
