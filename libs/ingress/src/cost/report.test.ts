import { describe, expect, it } from 'vitest';
import { buildTestIngress, TEST_SETTINGS } from '../__fixtures__/cluster.js';
import { estimateCost } from './estimate.js';
import { LCU_DIMENSION_LABELS, LCU_DIMENSIONS } from './lcu.js';
import { COST_ESTIMATE_FILE, COST_SECTION_TITLE, costEstimateJson, costSection, usd } from './report.js';

describe('the cost estimate of a cluster', () => {
  const { ingress } = buildTestIngress();
  const estimate = ingress.costEstimate;
  const https = ingress.alb.listeners.find((l) => l.protocol === 'HTTPS')!;

  it('counts the rules the controller builds on the HTTPS listener', () => {
    expect(estimate.loadBalancers).toHaveLength(1);
    expect(estimate.loadBalancers[0]!.rules).toBe(https.rules.length);
    expect(estimate.loadBalancers[0]!.name).toBe(ingress.alb.loadBalancerName);
  });

  it('opens the README section with the monthly figure and its dominant dimension, then every dimension', () => {
    const section = ingress.docs.find((d) => d.title === COST_SECTION_TITLE)!.body;
    expect(section.split('\n')[0]).toContain(
      `**${usd(estimate.monthlyUsd)} a month**, dominated by **${LCU_DIMENSION_LABELS[estimate.dominant]}**`,
    );
    for (const dimension of LCU_DIMENSIONS)
      expect(section).toContain(`| ${LCU_DIMENSION_LABELS[dimension]} |`);
    expect(section).toContain('`lcu-above-expected`');
  });

  it('writes the same estimate as JSON for pnpm diff, rounded to cents', () => {
    const json = JSON.parse(ingress.extraFiles.get(COST_ESTIMATE_FILE)!) as ReturnType<
      typeof costEstimateJson
    >;
    expect(json.monthlyUsd).toBe(Math.round(estimate.monthlyUsd * 100) / 100);
    expect(json.dominant).toBe(estimate.dominant);
    expect(json.loadBalancers.map((lb) => lb.rules)).toEqual([https.rules.length]);
  });

  it('says when the ALB receives only part of the traffic (a migration in progress)', () => {
    const partial = estimateCost({
      loadBalancers: [{ name: 'x', rules: 3, servesHost: true }],
      traffic: TEST_SETTINGS.expectedTraffic,
      albSharePercent: 25,
    });
    expect(costSection(partial, TEST_SETTINGS.expectedTraffic, 0).body).toContain(
      "The ALB receives **25 %** of the host's traffic",
    );
  });

  it('lists a second load balancer with its hours only', () => {
    const two = estimateCost({
      loadBalancers: [
        { name: 'x', rules: 3, servesHost: true },
        { name: 'y', rules: 1, servesHost: false },
      ],
      traffic: TEST_SETTINGS.expectedTraffic,
      albSharePercent: 100,
    });
    const body = costSection(two, TEST_SETTINGS.expectedTraffic, 0).body;
    expect(body).toContain('2 load balancers × 730 h');
    expect(body).toContain(
      `\`y\`: does not serve the host, so only its hours are counted: ${usd(two.loadBalancers[1]!.totalUsd)} a month.`,
    );
  });
});
