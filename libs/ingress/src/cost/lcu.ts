/**
 * Load Balancer Capacity Units (LCU) of an Application Load Balancer, exactly as AWS bills them (Elastic Load
 * Balancing pricing, https://aws.amazon.com/elasticloadbalancing/pricing/, "Application Load Balancer" → "LCU
 * details"; restated by handbook.vantage.sh/aws/services/elb-pricing). An LCU measures four dimensions of the
 * traffic an ALB handles in one hour; the hour is billed for the dimension with the HIGHEST usage, not their sum:
 *
 * - new connections: 25 newly established connections per second = 1 LCU;
 * - active connections: 3,000 active connections per minute = 1 LCU;
 * - processed bytes: 1 GB per hour of HTTP(S) requests and responses = 1 LCU (for EC2 instance, container and IP
 *   targets; Lambda targets count 0.4 GB, PMS has none);
 * - rule evaluations: 1,000 rule evaluations per second = 1 LCU, where rule evaluations are the number of rules
 *   processed times the request rate, and the first 10 processed rules are free.
 *
 * Pure: `lcuOf` is a function of a traffic profile and the number of listener rules, tested in `lcu.test.ts`.
 */

/** The four LCU dimensions, in the order the pricing page lists them (a tie goes to the first). */
export const LCU_DIMENSIONS = [
  'newConnections',
  'activeConnections',
  'processedBytes',
  'ruleEvaluations',
] as const;

/** One LCU dimension. */
export type LcuDimension = (typeof LCU_DIMENSIONS)[number];

/** What one LCU buys in each dimension (pricing page, "LCU details"). */
export const LCU_CAPACITY = {
  /** New connections per second per LCU. */
  newConnectionsPerSecond: 25,
  /** Active connections per minute per LCU. */
  activeConnectionsPerMinute: 3000,
  /** Processed GB per hour per LCU, for instance, container and IP targets. */
  processedGbPerHour: 1,
  /** Rule evaluations per second per LCU. */
  ruleEvaluationsPerSecond: 1000,
  /** Processed rules per request that are free ("the first 10 processed rules are free"). */
  freeRules: 10,
} as const;

/** How a dimension reads in the README and the diff. */
export const LCU_DIMENSION_LABELS: Readonly<Record<LcuDimension, string>> = {
  newConnections: 'new connections',
  activeConnections: 'active connections',
  processedBytes: 'processed bytes',
  ruleEvaluations: 'rule evaluations',
};

/** One hour of traffic through one load balancer. */
export interface TrafficProfile {
  /** HTTP(S) requests per second (WebSocket upgrades included; frames on an open WebSocket are not requests). */
  readonly requestsPerSecond: number;
  /** New TCP connections from clients per second (each makes at least one request). */
  readonly newConnectionsPerSecond: number;
  /** Connections open at the same time, sampled each minute: keep-alive connections and open WebSockets. */
  readonly activeConnections: number;
  /** GB of requests and responses (headers and bodies, WebSocket frames) the load balancer processes in the hour. */
  readonly processedGbPerHour: number;
}

/** The LCUs of one hour, per dimension, and the one AWS bills. */
export interface LcuUsage {
  /** LCUs each dimension would cost on its own. */
  readonly byDimension: Readonly<Record<LcuDimension, number>>;
  /** The dimension with the highest usage: the one billed. */
  readonly dominant: LcuDimension;
  /** The LCUs billed for the hour: the highest of the four. */
  readonly lcu: number;
  /** Rule evaluations per second: requests per second × (rules processed − the 10 free ones). */
  readonly ruleEvaluationsPerSecond: number;
}

/**
 * The LCUs of one hour of `traffic` through a load balancer whose requests are evaluated against `rules` listener
 * rules. `rules` is the number a request is processed against: the rules of the HTTPS listener, all of them for a
 * request that matches the last rule or none, so the estimate is an upper bound for this dimension.
 */
export function lcuOf(traffic: TrafficProfile, rules: number): LcuUsage {
  const ruleEvaluationsPerSecond = traffic.requestsPerSecond * Math.max(0, rules - LCU_CAPACITY.freeRules);
  const byDimension: Record<LcuDimension, number> = {
    newConnections: traffic.newConnectionsPerSecond / LCU_CAPACITY.newConnectionsPerSecond,
    activeConnections: traffic.activeConnections / LCU_CAPACITY.activeConnectionsPerMinute,
    processedBytes: traffic.processedGbPerHour / LCU_CAPACITY.processedGbPerHour,
    ruleEvaluations: ruleEvaluationsPerSecond / LCU_CAPACITY.ruleEvaluationsPerSecond,
  };
  let dominant: LcuDimension = LCU_DIMENSIONS[0];
  for (const dimension of LCU_DIMENSIONS) {
    if (byDimension[dimension] > byDimension[dominant]) dominant = dimension;
  }
  return { byDimension, dominant, lcu: byDimension[dominant], ruleEvaluationsPerSecond };
}

/** `traffic` scaled by `fraction` (0-1): the share of a host's traffic one load balancer receives. */
export function scaleTraffic(traffic: TrafficProfile, fraction: number): TrafficProfile {
  return {
    requestsPerSecond: traffic.requestsPerSecond * fraction,
    newConnectionsPerSecond: traffic.newConnectionsPerSecond * fraction,
    activeConnections: traffic.activeConnections * fraction,
    processedGbPerHour: traffic.processedGbPerHour * fraction,
  };
}
