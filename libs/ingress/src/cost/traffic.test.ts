import { Checks } from '@pms/core';
import { describe, expect, it } from 'vitest';
import { TRAFFIC_RANGES, validateExpectedTraffic, type ExpectedTraffic } from './traffic.js';

const valid: ExpectedTraffic = {
  typical: {
    requestsPerSecond: 10,
    newConnectionsPerSecond: 1,
    activeConnections: 300,
    processedGbPerHour: 0.5,
  },
  peak: { requestsPerSecond: 80, newConnectionsPerSecond: 8, activeConnections: 3000, processedGbPerHour: 2 },
  peakHoursPerDay: 6,
};

function problems(traffic: unknown): string[] {
  const checks = new Checks('pms-test', 'ingress.expectedTraffic');
  validateExpectedTraffic(traffic as ExpectedTraffic, checks);
  return checks.issues.map(
    (i) => `${i.field} = ${JSON.stringify(i.value)}: ${i.problem ?? ''} / ${i.allowed}`,
  );
}

describe('validateExpectedTraffic', () => {
  it('accepts a typical and a peak hour, and an idle cluster', () => {
    expect(problems(valid)).toEqual([]);
    const idle = {
      requestsPerSecond: 0,
      newConnectionsPerSecond: 0,
      activeConnections: 0,
      processedGbPerHour: 0,
    };
    expect(problems({ typical: idle, peak: idle, peakHoursPerDay: 0 })).toEqual([]);
  });

  it('refuses a missing section, naming what it holds', () => {
    expect(problems(undefined)).toEqual([
      expect.stringMatching(/^ingress\.expectedTraffic = undefined: .*\{ typical, peak, peakHoursPerDay \}/),
    ]);
  });

  it.each(Object.entries(TRAFFIC_RANGES))('refuses %s out of range, with its unit', (field, range) => {
    const bad = { ...valid, peak: { ...valid.peak, [field]: range.max * 10 } };
    expect(problems(bad)).toContain(
      `ingress.expectedTraffic.peak.${field} = ${range.max * 10}:  / a number from ${range.min} to ${range.max} ${range.unit}`,
    );
  });

  it('refuses more new connections than requests', () => {
    expect(problems({ ...valid, typical: { ...valid.typical, newConnectionsPerSecond: 20 } })).toEqual([
      'ingress.expectedTraffic.typical.newConnectionsPerSecond = 20: more new connections than requests (10 per second): every connection makes at least one request / at most requestsPerSecond (10)',
    ]);
  });

  it('refuses a peak below the typical hour', () => {
    expect(problems({ ...valid, peak: { ...valid.peak, processedGbPerHour: 0.1 } })).toEqual([
      "ingress.expectedTraffic.peak.processedGbPerHour = 0.1: below the typical hour's 0.5: the peak is the busiest hour / at least typical.processedGbPerHour (0.5)",
    ]);
  });

  it('refuses peak hours that are not a whole number of a day’s hours', () => {
    expect(problems({ ...valid, peakHoursPerDay: 25 })).toEqual([
      'ingress.expectedTraffic.peakHoursPerDay = 25:  / a whole number from 0 to 24 hours',
    ]);
  });
});
