/** @pms/security — WAF web ACL, ACM certificate, access-log bucket, the controller's IAM and the policy gate. */

export {
  type IrsaIdentity,
  type PodIdentity,
  type ControllerIdentitySettings,
  type WafSettings,
  type SecuritySettings,
} from './settings.js';
export {
  controllerRoleArn,
  CONTROLLER_NAMESPACE,
  CONTROLLER_SERVICE_ACCOUNT,
} from './controller-identity.js';
export { validateSecuritySettings } from './validate.js';
export {
  EXTERNAL_DNS_NAMESPACE,
  EXTERNAL_DNS_SERVICE_ACCOUNT,
  externalDnsRoleArn,
  externalDnsRoleName,
  externalDnsPolicyStatements,
  hostedZoneArn,
} from './iam/external-dns-iam.js';
export { CONTROLLER_FEATURE_VALUES } from './iam/controller-policy.js';
export { chartInstalledPods } from './external-pods.js';
export { type PmsSecurityProps, PmsSecurity } from './security.js';
export {
  ACM_DNS_VALIDATION,
  certificateValidationPrerequisite,
  type PmsCertificateProps,
  PmsCertificate,
} from './certificate.js';
export {
  accessLogBucketPolicy,
  accessLogBucketSpec,
  type PmsAccessLogBucketProps,
  PmsAccessLogBucket,
} from './access-logs/bucket.js';
export {
  type RuleGroup,
  type PolicyRule,
  type FindingFields,
  type Finding,
  type ExternalPods,
  type PolicyGateContext,
} from './gate/model.js';
export {
  policyExceptionKey,
  runPolicyGate,
  policyGateDocs,
  POLICY_EXCEPTION_PREFIX,
  POLICY_RULE_LIST,
  type AcceptedException,
  type PolicyGateReport,
} from './gate/gate.js';
