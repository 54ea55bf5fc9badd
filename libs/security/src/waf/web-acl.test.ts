import { Checks } from '@pms/core';
import { describe, expect, it } from 'vitest';
import { cluster, only, render } from '../__fixtures__/render.js';
import { ARN } from '../gate/__fixtures__/cluster.js';
import { PmsWebAcl, validateRules } from './web-acl.js';
import { WEB_ACL_INCLUDED_CAPACITY, webAclCapacity, webAclRules, type WebAclRule } from './web-acl-rules.js';

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
  const rule = (name: string, priority: number, capacity: number): WebAclRule => ({
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
    validateRules([rule('a', 1, 10), rule('b', 1, 10)], checks);
    expect(() => checks.throwIfAny()).toThrow(
      '[pms-test] security.waf.rules.b.priority = 1; allowed: a priority no other rule uses (a has it)',
    );
  });

  it('refuses rules above the included capacity', () => {
    const checks = new Checks('pms-test', 'security.waf');
    validateRules(
      [
        ...webAclRules(),
        rule('AWSManagedRulesBotControlRuleSet', 40, 50),
        rule('AWSManagedRulesATPRuleSet', 50, 50),
        rule('x', 60, 400),
      ],
      checks,
    );
    expect(() => checks.throwIfAny()).toThrow(
      'they need 1602 WCU; allowed: rules totalling at most 1500 WCU',
    );
  });
});
