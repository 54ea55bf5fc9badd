/** @pms/security — WAF web ACL, ACM certificate, the controller's IAM and the policy gate. */
export * from './settings.js';
export * from './controller-identity.js';
export * from './validate.js';
export * from './aws-namespace.js';
export * from './waf/names.js';
export * from './waf/web-acl-rules.js';
export * from './waf/web-acl.js';
export * from './certificate.js';
export * from './crd-views.js';
export * from './iam/policy-document.js';
export * from './iam/controller-policy.js';
export * from './iam/trust-policy.js';
export * from './iam/controller-iam.js';
export * from './bootstrap-docs.js';
export * from './external-pods.js';
export * from './security.js';
export type { PolicyRule, Finding, ExternalPods, PolicyGateContext, RuleGroup } from './gate/model.js';
export * from './gate/gate.js';
