import { describe, expect, it } from 'vitest';
import { albLocator, albSearchExpression, loadBalancerSearchTerm } from './alb-metrics.js';

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
