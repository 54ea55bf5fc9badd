import { Checks } from '@pms/core';
import { describe, expect, it } from 'vitest';
import { cluster, only, render } from '../__fixtures__/render.js';
import { ARN } from '../gate/__fixtures__/cluster.js';
import { PmsWebAcl, validateRules } from './web-acl.js';
import {
  WEB_ACL_INCLUDED_CAPACITY,
  WEB_ACL_RULES_SOURCE,
  webAclCapacity,
  webAclRules,
  type ManagedRuleGroupRule,
} from './web-acl-rules.js';

const webAcl = (settings = {}) => render((scope) => new PmsWebAcl(scope, 'waf', { cluster, settings }));

describe('PmsWebAcl', () => {
  it('renders one regional ACK WebACL, default allow, with metrics and sampled requests on the ACL', () => {
    const acl = only(webAcl().manifests, 'WebACL');
    expect(acl.apiVersion).toBe('wafv2.services.k8s.aws/v1alpha1');
    expect(acl.metadata).toMatchObject({
      name: 'pms-test-web-acl',
      namespace: 'pms-aws',
      annotations: {
        'argocd.argoproj.io/sync-wave': '-5',
        'services.k8s.aws/region': 'eu-central-1',
        'services.k8s.aws/deletion-policy': 'retain',
      },
    });
    expect(acl.spec).toMatchObject({
      name: 'pms-test-web-acl',
      scope: 'REGIONAL',
      defaultAction: { allow: {} },
      visibilityConfig: {
        cloudWatchMetricsEnabled: true,
        metricName: 'pms-test-web-acl',
        sampledRequestsEnabled: true,
      },
    });
  });

  it('enforces the three AWS managed rule groups and blocks above 1000 requests per 5 minutes per IP', () => {
    const rules = only(webAcl().manifests, 'WebACL').spec.rules as Record<string, unknown>[];
    expect(rules).toEqual([
      {
        name: 'rate-limit-per-ip',
        priority: 0,
        action: { block: {} },
        statement: { rateBasedStatement: { limit: 1000, evaluationWindowSec: 300, aggregateKeyType: 'IP' } },
        visibilityConfig: {
          cloudWatchMetricsEnabled: true,
          metricName: 'pms-test-rate-limit-per-ip',
          sampledRequestsEnabled: true,
        },
      },
      ...[
        'AWSManagedRulesCommonRuleSet',
        'AWSManagedRulesKnownBadInputsRuleSet',
        'AWSManagedRulesSQLiRuleSet',
      ].map((name, i) => ({
        name,
        priority: 10 * (i + 1),
        overrideAction: { none: {} },
        statement: { managedRuleGroupStatement: { vendorName: 'AWS', name } },
        visibilityConfig: {
          cloudWatchMetricsEnabled: true,
          metricName: `pms-test-${name}`,
          sampledRequestsEnabled: true,
        },
      })),
    ]);
    expect(new Set(rules.map((r) => r.priority)).size).toBe(rules.length);
  });

  it('stays within the 1,500 WCU included: 700 + 200 + 200 + 2', () => {
    const rules = webAclRules();
    expect(rules.map((r) => r.capacity).sort((a, b) => b - a)).toEqual([700, 200, 200, 2]);
    expect(webAclCapacity(rules)).toBe(1102);
    expect(webAclCapacity(rules)).toBeLessThanOrEqual(WEB_ACL_INCLUDED_CAPACITY);
    expect(webAcl().construct.docs.body).toContain('Capacity: **1102 WCU** of the 1500 WCU included');
  });

  it('takes the rate limit from the settings', () => {
    const rules = only(webAcl({ rateLimitPer5Minutes: 300 }).manifests, 'WebACL').spec.rules as {
      statement: unknown;
    }[];
    expect(rules[0]!.statement).toEqual({
      rateBasedStatement: { limit: 300, evaluationWindowSec: 300, aggregateKeyType: 'IP' },
    });
  });

  it('leaves the settings to the security section (validateSecuritySettings checks them once, in PmsSecurity)', () => {
    const other = { ...cluster, webAclArn: ARN.webAcl.replace('pms-test-web-acl', 'seed-acl') };
    const { manifests } = render(
      (scope) => new PmsWebAcl(scope, 'waf', { cluster: other, settings: { rateLimitPer5Minutes: 2000 } }),
    );
    const acl = only(manifests, 'WebACL');
    expect(acl.metadata.name).toBe('pms-test-web-acl');
    expect((acl.spec.rules as { statement: any }[])[0]!.statement.rateBasedStatement.limit).toBe(2000);
  });
});

describe('validateRules', () => {
  const rule = (name: string, priority: number, capacity: number): ManagedRuleGroupRule => ({
    kind: 'managed-rule-group',
    name,
    priority,
    vendorName: 'AWS',
    groupName: name,
    capacity,
    purpose: '',
  });

  it('accepts the cluster rule set', () => {
    const checks = new Checks('pms-test', 'security.waf');
    validateRules(webAclRules(), checks);
    expect(checks.issues).toEqual([]);
  });

  it('refuses two rules with one priority', () => {
    const checks = new Checks('pms-test', 'security.waf');
    validateRules(
      [rule('AWSManagedRulesWindowsRuleSet', 1, 200), rule('AWSManagedRulesPHPRuleSet', 1, 100)],
      checks,
    );
    expect(() => checks.throwIfAny()).toThrow(
      '[pms-test] security.waf.rules.AWSManagedRulesPHPRuleSet.priority = 1; allowed: a priority no other rule uses (AWSManagedRulesWindowsRuleSet has it)',
    );
  });

  it('refuses rules above the included capacity', () => {
    const checks = new Checks('pms-test', 'security.waf');
    validateRules(
      [
        ...webAclRules(),
        rule('AWSManagedRulesBotControlRuleSet', 40, 50),
        rule('AWSManagedRulesATPRuleSet', 50, 50),
        rule('AWSManagedRulesLinuxRuleSet', 60, 200),
        rule('AWSManagedRulesWindowsRuleSet', 70, 200),
      ],
      checks,
    );
    expect(() => checks.throwIfAny()).toThrow(
      'they need 1602 WCU; allowed: rules totalling at most 1500 WCU',
    );
  });

  it('refuses a managed rule group AWS does not have, suggesting the one meant', () => {
    const checks = new Checks('pms-test', WEB_ACL_RULES_SOURCE);
    validateRules([rule('AWSManagedRulesSQLIRuleSet', 30, 200)], checks);
    expect(() => checks.throwIfAny()).toThrow(
      '[pms-test] webAclRules (libs/security/src/waf/web-acl-rules.ts) rules.AWSManagedRulesSQLIRuleSet.groupName = "AWSManagedRulesSQLIRuleSet": AWS has no managed rule group "AWSManagedRulesSQLIRuleSet", so it rejects the web ACL when ACK creates it (did you mean "AWSManagedRulesSQLiRuleSet"?); allowed: an AWS managed rule group: ',
    );
  });

  it('refuses another vendor and a capacity other than the one AWS fixes', () => {
    const checks = new Checks('pms-test', WEB_ACL_RULES_SOURCE);
    validateRules(
      [
        { ...rule('AWSManagedRulesCommonRuleSet', 10, 700), vendorName: 'Fortinet' as 'AWS' },
        rule('AWSManagedRulesKnownBadInputsRuleSet', 20, 100),
      ],
      checks,
    );
    expect(checks.issues.map((i) => `${i.field} = ${String(i.value)}: ${i.allowed}`)).toEqual([
      'webAclRules (libs/security/src/waf/web-acl-rules.ts) rules.AWSManagedRulesCommonRuleSet.vendorName = Fortinet: one of AWS',
      'webAclRules (libs/security/src/waf/web-acl-rules.ts) rules.AWSManagedRulesKnownBadInputsRuleSet.capacity = 100: 200, the WCU AWS fixes for AWSManagedRulesKnownBadInputsRuleSet',
    ]);
  });
});
