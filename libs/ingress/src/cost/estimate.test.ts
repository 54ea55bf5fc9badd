import { describe, expect, it } from 'vitest';
import { ALB_PRICES, estimateCost, HOURS_PER_MONTH, type CostEstimateInput } from './estimate.js';
import { lcuOf } from './lcu.js';
import type { ExpectedTraffic } from './traffic.js';

const traffic: ExpectedTraffic = {
  typical: {
    requestsPerSecond: 10,
    newConnectionsPerSecond: 1,
    activeConnections: 300,
    processedGbPerHour: 1.5,
  },
  peak: { requestsPerSecond: 80, newConnectionsPerSecond: 8, activeConnections: 9000, processedGbPerHour: 2 },
  peakHoursPerDay: 6,
};
const alb = { name: 'pms-test-pms', rules: 7, servesHost: true };
const input: CostEstimateInput = { loadBalancers: [alb], traffic, albSharePercent: 100 };

describe('estimateCost', () => {
  it('adds the hours of the load balancer and its LCU-hours, peak hours at the peak, the rest typical', () => {
    const estimate = estimateCost(input);
    const days = HOURS_PER_MONTH / 24;
    const lcuHours =
      days * traffic.peakHoursPerDay * lcuOf(traffic.peak, alb.rules).lcu +
      (HOURS_PER_MONTH - days * traffic.peakHoursPerDay) * lcuOf(traffic.typical, alb.rules).lcu;
    expect(estimate.loadBalancers[0]!.lcuHoursPerMonth).toBeCloseTo(lcuHours, 9);
    expect(estimate.monthlyUsd).toBeCloseTo(
      HOURS_PER_MONTH * ALB_PRICES.loadBalancerHour + lcuHours * ALB_PRICES.lcuHour,
      9,
    );
    expect(estimate.expectedMaxLcu).toBe(lcuOf(traffic.peak, alb.rules).lcu);
  });

  it('names the dimension billed for most of the month', () => {
    // Peak hours are dominated by active connections, typical hours by processed bytes; there are more typical hours.
    const estimate = estimateCost(input);
    expect(lcuOf(traffic.peak, alb.rules).dominant).toBe('activeConnections');
    expect(lcuOf(traffic.typical, alb.rules).dominant).toBe('processedBytes');
    expect(estimate.dominant).toBe('processedBytes');
    expect(estimateCost({ ...input, traffic: { ...traffic, peakHoursPerDay: 24 } }).dominant).toBe(
      'activeConnections',
    );
  });

  it('gives the ALB only its share of the host’s traffic during the migration', () => {
    const full = estimateCost(input);
    const tenth = estimateCost({ ...input, albSharePercent: 10 });
    expect(tenth.loadBalancers[0]!.lcuHoursPerMonth).toBeCloseTo(
      full.loadBalancers[0]!.lcuHoursPerMonth / 10,
      9,
    );
    expect(tenth.expectedMaxLcu).toBeCloseTo(full.expectedMaxLcu / 10, 9);
    expect(tenth.loadBalancers[0]!.hoursUsd).toBe(full.loadBalancers[0]!.hoursUsd);
  });

  it('moves with more rules once they exceed the free ones', () => {
    const base = estimateCost(input).monthlyUsd;
    expect(estimateCost({ ...input, loadBalancers: [{ ...alb, rules: 10 }] }).monthlyUsd).toBe(base);
    expect(estimateCost({ ...input, loadBalancers: [{ ...alb, rules: 100 }] }).monthlyUsd).toBeGreaterThan(
      base,
    );
  });

  it('charges a second load balancer its hours (it does not serve the host, so it gets no traffic here)', () => {
    const two = estimateCost({
      ...input,
      loadBalancers: [alb, { name: 'pms-test-internal', rules: 3, servesHost: false }],
    });
    expect(two.monthlyUsd - estimateCost(input).monthlyUsd).toBeCloseTo(
      HOURS_PER_MONTH * ALB_PRICES.loadBalancerHour,
      9,
    );
    expect(two.loadBalancers[1]!.lcuHoursPerMonth).toBe(0);
    expect(two.expectedMaxLcu).toBe(estimateCost(input).expectedMaxLcu);
  });
});
