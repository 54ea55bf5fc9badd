/** @pms/security — WAF web ACL, ACM certificate, the controller's IAM and the policy gate. */
export * from './settings.js';
export * from './controller-identity.js';
