import { describe, expect, it } from 'vitest';
import { albLocator, albSearchExpression, loadBalancerSearchTerm, webAclMetricName } from './alb-metrics.js';

describe('loadBalancerSearchTerm', () => {
  it('matches the known dimension exactly: the whole value in double quotes', () => {
    const exact = albLocator('pms-prod-pms', 'app/pms-prod-pms/4f1c2a9b7d3e8065');
    expect(loadBalancerSearchTerm(exact)).toBe('LoadBalancer="app/pms-prod-pms/4f1c2a9b7d3e8065"');
    expect(albSearchExpression(exact, 'RequestCount', 'Sum')).toBe(
      `SEARCH('{AWS/ApplicationELB,LoadBalancer} MetricName="RequestCount" LoadBalancer="app/pms-prod-pms/4f1c2a9b7d3e8065"', 'Sum', 60)`,
    );
  });

  it('anchors a name-only search on app/<name>, never quoting the name (an exact match of the name alone matches nothing)', () => {
    const byName = albLocator('pms-dev-pms');
    expect(loadBalancerSearchTerm(byName)).toBe('LoadBalancer=app/pms-dev-pms');
    expect(albSearchExpression(byName, 'UnHealthyHostCount', 'Maximum', true)).toBe(
      `SEARCH('{AWS/ApplicationELB,LoadBalancer,TargetGroup} MetricName="UnHealthyHostCount" LoadBalancer=app/pms-dev-pms', 'Maximum', 60)`,
    );
  });
});

describe('webAclMetricName', () => {
  const acl = (metricName?: string) => ({
    kind: 'WebACL',
    metadata: { name: 'pms-dev-web-acl' },
    spec: { name: 'pms-dev-web-acl', visibilityConfig: { metricName } },
  });

  it("reads the WebACL's visibilityConfig.metricName among other objects", () => {
    expect(webAclMetricName([{ kind: 'Certificate' }, acl('pms-dev-acl-metrics')])).toBe(
      'pms-dev-acl-metrics',
    );
  });

  it('refuses when there is no WebACL, several, or one without a metric name', () => {
    expect(() => webAclMetricName([{ kind: 'Certificate' }])).toThrow(
      'expected exactly one WebACL among the objects to read its metric name, found 0',
    );
    expect(() => webAclMetricName([acl('a'), acl('b')])).toThrow('found 2');
    expect(() => webAclMetricName([acl()])).toThrow(
      'WebACL pms-dev-web-acl has no spec.visibilityConfig.metricName',
    );
  });
});
