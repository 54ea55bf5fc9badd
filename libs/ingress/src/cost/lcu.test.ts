import { describe, expect, it } from 'vitest';
import { LCU_CAPACITY, LCU_DIMENSIONS, lcuOf, scaleTraffic, type TrafficProfile } from './lcu.js';

const quiet: TrafficProfile = {
  requestsPerSecond: 0,
  newConnectionsPerSecond: 0,
  activeConnections: 0,
  processedGbPerHour: 0,
};

describe('lcuOf: the four LCU dimensions as AWS defines them', () => {
  it('charges one LCU for exactly one LCU of each dimension on its own', () => {
    const one: [keyof TrafficProfile, number, string][] = [
      ['newConnectionsPerSecond', LCU_CAPACITY.newConnectionsPerSecond, 'newConnections'],
      ['activeConnections', LCU_CAPACITY.activeConnectionsPerMinute, 'activeConnections'],
      ['processedGbPerHour', LCU_CAPACITY.processedGbPerHour, 'processedBytes'],
    ];
    for (const [field, value, dimension] of one) {
      const usage = lcuOf({ ...quiet, requestsPerSecond: value, [field]: value }, 0);
      expect(usage.byDimension[dimension as 'newConnections'], field).toBe(1);
      expect(usage.dominant, field).toBe(dimension);
      expect(usage.lcu, field).toBe(1);
    }
  });

  it('bills the highest dimension, not the sum', () => {
    const usage = lcuOf(
      {
        requestsPerSecond: 100,
        newConnectionsPerSecond: 50,
        activeConnections: 3000,
        processedGbPerHour: 0.5,
      },
      0,
    );
    expect(usage.byDimension).toEqual({
      newConnections: 2,
      activeConnections: 1,
      processedBytes: 0.5,
      ruleEvaluations: 0,
    });
    expect(usage.dominant).toBe('newConnections');
    expect(usage.lcu).toBe(2);
  });

  it('counts no rule evaluations for the first 10 processed rules, then requests × the rules beyond them', () => {
    const traffic = { ...quiet, requestsPerSecond: 500 };
    for (let rules = 0; rules <= LCU_CAPACITY.freeRules; rules++)
      expect(lcuOf(traffic, rules).ruleEvaluationsPerSecond, `${rules} rules`).toBe(0);
    const twelve = lcuOf(traffic, LCU_CAPACITY.freeRules + 2);
    expect(twelve.ruleEvaluationsPerSecond).toBe(1000);
    expect(twelve.byDimension.ruleEvaluations).toBe(1000 / LCU_CAPACITY.ruleEvaluationsPerSecond);
    expect(twelve.dominant).toBe('ruleEvaluations');
  });

  it('keeps the pricing page’s order on a tie (no traffic at all is new connections at 0)', () => {
    expect(lcuOf(quiet, 0)).toMatchObject({ dominant: LCU_DIMENSIONS[0], lcu: 0 });
  });

  it('scales every dimension with the share of traffic', () => {
    const traffic = {
      requestsPerSecond: 200,
      newConnectionsPerSecond: 20,
      activeConnections: 2000,
      processedGbPerHour: 4,
    };
    const full = lcuOf(traffic, 14);
    const tenth = lcuOf(scaleTraffic(traffic, 0.1), 14);
    for (const dimension of LCU_DIMENSIONS)
      expect(tenth.byDimension[dimension]).toBeCloseTo(full.byDimension[dimension] / 10, 10);
  });
});
