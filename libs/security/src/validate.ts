import { Checks, parseArn, type ClusterSettings } from '@pms/core';
import { AWS_RESOURCES_NAMESPACE } from './aws-namespace.js';
import type { ControllerIdentitySettings, SecuritySettings, WafSettings } from './settings.js';
import { webAclName } from './waf/names.js';
import { DEFAULT_RATE_LIMIT } from './waf/web-acl-rules.js';

/**
 * Checks the WAF settings (`checks` prefixed `security.waf`) and that a pinned `webAclArn` names the web ACL this
 * repository creates (`root`, unprefixed).
 */
export function validateWafSettings(
  cluster: ClusterSettings,
  waf: WafSettings | undefined,
  checks: Checks,
  root: Checks,
): void {
  checks.integer(
    'rateLimitPer5Minutes',
    waf?.rateLimitPer5Minutes ?? DEFAULT_RATE_LIMIT,
    10,
    2_000_000_000,
    'requests',
  );
  // Without a pinned ARN the ALB names the cluster's web ACL by name: nothing to check here.
  if (cluster.webAclArn === undefined) return;
  const expected = webAclName(cluster);
  const arnName = parseArn(cluster.webAclArn ?? '')?.resource.split('/')[2];
  root.require(arnName === expected, {
    field: 'webAclArn',
    value: cluster.webAclArn,
    allowed: `the ARN of the web ACL "${expected}" that ACK creates (status.ackResourceMetadata.arn of WebACL ${AWS_RESOURCES_NAMESPACE}/${expected})`,
    problem: `names the web ACL "${arnName}", so the ALB would not use the ACL this repository manages`,
  });
}

/** Checks how the controller assumes its role (`checks` prefixed `security.controllerIdentity`). */
export function validateControllerIdentity(
  identity: ControllerIdentitySettings | undefined,
  checks: Checks,
): void {
  if (!checks.oneOf('mode', identity?.mode, ['irsa', 'pod-identity'])) return;
  if (identity?.mode === 'irsa') {
    checks.matches(
      'oidcProviderId',
      identity.oidcProviderId,
      /^[0-9A-F]{32}$/,
      'the id at the end of the cluster OIDC issuer URL: 32 upper-case hexadecimal characters',
    );
  }
}

/** Checks the whole security section; every problem is recorded on `checks` (prefix `security`) or `root`. */
export function validateSecuritySettings(
  cluster: ClusterSettings,
  settings: SecuritySettings,
  checks: Checks,
  root: Checks,
): void {
  validateWafSettings(cluster, settings?.waf, checks.nested('waf'), root);
  validateControllerIdentity(settings?.controllerIdentity, checks.nested('controllerIdentity'));
}
