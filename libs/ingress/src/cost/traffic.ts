/**
 * The `ingress.expectedTraffic` section of a cluster's settings: the traffic its ALB is expected to handle, in the
 * four LCU dimensions (`lcu.ts`). It drives the cost estimate in the cluster's README and the threshold of the
 * `ConsumedLCUs` alarm.
 */
import type { Checks } from '@pms/core';
import type { TrafficProfile } from './lcu.js';

/** The traffic the cluster's host is expected to see: a typical hour, the busiest hour, and how long the peak lasts. */
export interface ExpectedTraffic {
  /** A typical (off-peak) hour. */
  readonly typical: TrafficProfile;
  /** The busiest hour expected (market open, month end): the `ConsumedLCUs` alarm fires above its LCUs. */
  readonly peak: TrafficProfile;
  /** Hours per day at `peak`; the other hours are `typical`. A whole number from 0 to 24. */
  readonly peakHoursPerDay: number;
}

/** The bounds of each traffic field: generous, so only a unit mistake (bytes for GB, per hour for per second) fails. */
export const TRAFFIC_RANGES = {
  requestsPerSecond: { min: 0, max: 1_000_000, unit: 'requests per second' },
  newConnectionsPerSecond: { min: 0, max: 1_000_000, unit: 'new connections per second' },
  activeConnections: { min: 0, max: 10_000_000, unit: 'concurrent connections' },
  processedGbPerHour: { min: 0, max: 100_000, unit: 'GB per hour' },
} as const satisfies Record<keyof TrafficProfile, { min: number; max: number; unit: string }>;

const FIELDS = Object.keys(TRAFFIC_RANGES) as (keyof TrafficProfile)[];

/** Checks one profile: every field in range, and no more new connections than requests (a connection makes one at least). */
function validateProfile(profile: TrafficProfile | undefined, checks: Checks): boolean {
  if (profile === null || typeof profile !== 'object') {
    return checks.fail({
      field: '',
      value: profile,
      allowed: `an object with ${FIELDS.join(', ')}`,
    });
  }
  const ok = FIELDS.map((field) => {
    const { min, max, unit } = TRAFFIC_RANGES[field];
    return checks.number(field, profile[field], min, max, unit);
  }).every(Boolean);
  if (ok && profile.newConnectionsPerSecond > profile.requestsPerSecond) {
    return checks.fail({
      field: 'newConnectionsPerSecond',
      value: profile.newConnectionsPerSecond,
      problem: `more new connections than requests (${profile.requestsPerSecond} per second): every connection makes at least one request`,
      allowed: `at most requestsPerSecond (${profile.requestsPerSecond})`,
    });
  }
  return ok;
}

/** Checks the expected traffic; issues are recorded on `checks` (prefix `ingress.expectedTraffic`). */
export function validateExpectedTraffic(traffic: ExpectedTraffic | undefined, checks: Checks): void {
  if (traffic === null || typeof traffic !== 'object') {
    checks.fail({
      field: '',
      value: traffic,
      allowed:
        'the traffic the ALB is expected to handle: { typical, peak, peakHoursPerDay }, each profile with requestsPerSecond, newConnectionsPerSecond, activeConnections, processedGbPerHour (README: "Add a cluster")',
    });
    return;
  }
  const typicalOk = validateProfile(traffic.typical, checks.nested('typical'));
  const peakOk = validateProfile(traffic.peak, checks.nested('peak'));
  checks.integer('peakHoursPerDay', traffic.peakHoursPerDay, 0, 24, 'hours');
  if (!typicalOk || !peakOk) return;
  for (const field of FIELDS) {
    if (traffic.peak[field] < traffic.typical[field]) {
      checks.fail({
        field: `peak.${field}`,
        value: traffic.peak[field],
        problem: `below the typical hour's ${traffic.typical[field]}: the peak is the busiest hour`,
        allowed: `at least typical.${field} (${traffic.typical[field]})`,
      });
    }
  }
}
