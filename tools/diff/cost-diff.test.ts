import { manifestsToFiles } from '@pms/core';
import {
  COST_ESTIMATE_FILE,
  costEstimateJson,
  estimateCost,
  type CostEstimateInput,
  type ExpectedTraffic,
} from '@pms/ingress';
import { describe, expect, it } from 'vitest';
import { describeCost, diffCost } from './cost-diff.js';
import { diffTarget } from './diff.js';
import { renderMarkdown } from './markdown.js';
import { parseTree } from './objects.js';

const traffic: ExpectedTraffic = {
  typical: {
    requestsPerSecond: 100,
    newConnectionsPerSecond: 5,
    activeConnections: 600,
    processedGbPerHour: 0.2,
  },
  peak: {
    requestsPerSecond: 400,
    newConnectionsPerSecond: 10,
    activeConnections: 1200,
    processedGbPerHour: 0.5,
  },
  peakHoursPerDay: 8,
};
const alb = { name: 'pms-prod-pms', rules: 7, servesHost: true };
const input: CostEstimateInput = { loadBalancers: [alb], traffic, albSharePercent: 100 };

/** A rendered folder holding only the estimate of `estimateInput`. */
function folder(estimateInput: CostEstimateInput) {
  const files = manifestsToFiles('pms-prod', []);
  files.set(COST_ESTIMATE_FILE, JSON.stringify(costEstimateJson('pms-prod', estimateCost(estimateInput))));
  return parseTree('pms-prod', files);
}

describe('the change of the cost estimate', () => {
  it('is none when the estimate does not move', () => {
    expect(diffCost(folder(input), folder(input))).toBeUndefined();
  });

  it('shows more rules as old → new, with the rules beyond the free ones as the reason', () => {
    const more = { ...input, loadBalancers: [{ ...alb, rules: 14 }] };
    const [headline, why] = describeCost(diffCost(folder(input), folder(more))!);
    const before = estimateCost(input).monthlyUsd;
    const after = estimateCost(more).monthlyUsd;
    expect(after).toBeGreaterThan(before);
    expect(headline).toMatch(
      /^\$[\d.,]+ → \$[\d.,]+ a month \(\+\$[\d.,]+, \+[\d.]+ %, dominated by rule evaluations, was /,
    );
    expect(why).toMatch(/^Why: listener rules 7 → 14; expected maximum [\d.]+ → [\d.]+ LCU/);
  });

  it('shows a second load balancer', () => {
    const two = {
      ...input,
      loadBalancers: [alb, { name: 'pms-prod-internal', rules: 2, servesHost: false }],
    };
    const lines = describeCost(diffCost(folder(input), folder(two))!);
    expect(lines[1]).toBe('Why: load balancers 1 → 2; listener rules 7 → 7 + 2.');
  });

  it('shows a migration step moving the ALB’s share of the traffic', () => {
    const lines = describeCost(
      diffCost(folder({ ...input, albSharePercent: 10 }), folder({ ...input, albSharePercent: 50 }))!,
    );
    expect(lines[1]).toMatch(
      /^Why: ALB share of the traffic 10 % → 50 %; expected maximum [\d.]+ → [\d.]+ LCU/,
    );
  });

  it('prints the change in the target’s report', () => {
    const d = diffTarget({
      name: 'pms-prod',
      outDir: 'clusters/pms-prod',
      base: new Map([
        [COST_ESTIMATE_FILE, JSON.stringify(costEstimateJson('pms-prod', estimateCost(input)))],
      ]),
      head: new Map([
        [
          COST_ESTIMATE_FILE,
          JSON.stringify(costEstimateJson('pms-prod', estimateCost({ ...input, albSharePercent: 50 }))),
        ],
      ]),
    });
    expect(d.cost).toBeDefined();
    const markdown = renderMarkdown([d], 2, {
      baseRef: 'main',
      baseCommit: '0123456789abcdef',
      baseSource: 'its committed output',
      unaffected: [],
    });
    expect(markdown).toContain('### DNS traffic and cost');
    expect(markdown).toMatch(/- Cost estimate: \*\*\$[\d.,]+ → \$[\d.,]+ a month \(-\$/);
  });
});
