/**
 * The monthly cost estimate of a cluster's load balancers, from the expected traffic and the listener rules the
 * controller builds. An ALB is billed per hour it runs (a partial hour as a full one) plus per LCU-hour (Elastic Load
 * Balancing pricing page); the monthly figure uses AWS's 730-hour month. Pure.
 */
import { lcuOf, scaleTraffic, type LcuDimension, type LcuUsage } from './lcu.js';
import type { ExpectedTraffic } from './traffic.js';

/** Prices in USD. */
export interface AlbPrices {
  /** Per ALB-hour (or partial hour). */
  readonly loadBalancerHour: number;
  /** Per LCU-hour. */
  readonly lcuHour: number;
}

/**
 * The design's prices (the ALB list prices of us-east-1: $0.0225 per ALB-hour, $0.008 per LCU-hour). The design's
 * third figure, $0.008 per GB, is not a separate charge: processed bytes are one of the four LCU dimensions at 1 GB
 * per LCU-hour, so a GB costs $0.008 exactly when processed bytes dominate the hour. Regional prices differ (the
 * clusters run in eu-central-1); change them here for a regional estimate.
 */
export const ALB_PRICES: AlbPrices = { loadBalancerHour: 0.0225, lcuHour: 0.008 };

/** Where the prices come from, for the README and the diff. */
export const ALB_PRICES_SOURCE = 'ALB_PRICES (libs/ingress/src/cost/estimate.ts)';

/** Hours in AWS's monthly estimates: 8,760 hours a year / 12. */
export const HOURS_PER_MONTH = 730;

/** One load balancer of the cluster, as the estimate needs it. */
export interface EstimatedLoadBalancer {
  /** Its name (IngressGroup or pinned load-balancer name). */
  readonly name: string;
  /** Listener rules a request on the HTTPS listener is processed against. */
  readonly rules: number;
  /** True for the ALB that serves the cluster's host (it carries the expected traffic); others cost their hours. */
  readonly servesHost: boolean;
}

/** What `estimateCost` works from. */
export interface CostEstimateInput {
  /** Every load balancer the cluster's objects build. */
  readonly loadBalancers: readonly EstimatedLoadBalancer[];
  /** The host's expected traffic (`ingress.expectedTraffic`). */
  readonly traffic: ExpectedTraffic;
  /**
   * Percent of the host's traffic that reaches the ALB: the migration's weight (`migration.albWeightPercent`); the
   * rest still goes to the legacy load balancers.
   */
  readonly albSharePercent: number;
  /** @default ALB_PRICES */
  readonly prices?: AlbPrices;
}

/** The estimate of one load balancer. */
export interface LoadBalancerEstimate extends EstimatedLoadBalancer {
  /** LCUs of a typical hour (the ALB's share of the traffic). */
  readonly typical: LcuUsage;
  /** LCUs of the peak hour: the expected maximum, the threshold of the `ConsumedLCUs` alarm. */
  readonly peak: LcuUsage;
  /** LCU-hours a month. */
  readonly lcuHoursPerMonth: number;
  /** The dimension billed for most of the month's LCU-hours. */
  readonly dominant: LcuDimension;
  /** USD a month for the hours it runs. */
  readonly hoursUsd: number;
  /** USD a month for its LCU-hours. */
  readonly lcuUsd: number;
  /** `hoursUsd + lcuUsd`. */
  readonly totalUsd: number;
}

/** The estimate of a cluster. */
export interface CostEstimate {
  /** Per load balancer, in input order. */
  readonly loadBalancers: readonly LoadBalancerEstimate[];
  /** USD a month, all load balancers. */
  readonly monthlyUsd: number;
  /** The dimension that dominates the ALB serving the host (the one that moves the bill). */
  readonly dominant: LcuDimension;
  /** The expected maximum LCUs in one hour of the ALB serving the host (its peak hour). */
  readonly expectedMaxLcu: number;
  /** Percent of the host's traffic the ALB receives. */
  readonly albSharePercent: number;
  /** The prices used. */
  readonly prices: AlbPrices;
}

/** Rounds to `digits` decimals, so the figures are stable text (no 0.30000000000000004). */
export function roundTo(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

/**
 * The monthly estimate: every load balancer's hours at `loadBalancerHour`, and the ALB serving the host its
 * LCU-hours at `lcuHour`: `peakHoursPerDay` hours a day at the peak's LCUs, the rest at the typical hour's, each
 * hour billed for its dominant dimension. A load balancer that does not serve the host gets no traffic here.
 */
export function estimateCost(input: CostEstimateInput): CostEstimate {
  const prices = input.prices ?? ALB_PRICES;
  const share = input.albSharePercent / 100;
  const days = HOURS_PER_MONTH / 24;
  const idle = scaleTraffic(input.traffic.typical, 0);
  const loadBalancers = input.loadBalancers.map((lb): LoadBalancerEstimate => {
    const typical = lcuOf(lb.servesHost ? scaleTraffic(input.traffic.typical, share) : idle, lb.rules);
    const peak = lcuOf(lb.servesHost ? scaleTraffic(input.traffic.peak, share) : idle, lb.rules);
    const peakHours = days * input.traffic.peakHoursPerDay;
    const typicalHours = HOURS_PER_MONTH - peakHours;
    const byDominant = new Map<LcuDimension, number>();
    byDominant.set(typical.dominant, typical.lcu * typicalHours);
    byDominant.set(peak.dominant, (byDominant.get(peak.dominant) ?? 0) + peak.lcu * peakHours);
    // Ties (no traffic at all) keep the order of the pricing page, as `lcuOf` does.
    const dominant = [...byDominant].reduce((a, b) => (b[1] > a[1] ? b : a))[0];
    const lcuHoursPerMonth = typical.lcu * typicalHours + peak.lcu * peakHours;
    const hoursUsd = HOURS_PER_MONTH * prices.loadBalancerHour;
    const lcuUsd = lcuHoursPerMonth * prices.lcuHour;
    return {
      ...lb,
      typical,
      peak,
      lcuHoursPerMonth,
      dominant,
      hoursUsd,
      lcuUsd,
      totalUsd: hoursUsd + lcuUsd,
    };
  });
  const serving = loadBalancers.find((lb) => lb.servesHost) ?? loadBalancers[0];
  return {
    loadBalancers,
    monthlyUsd: loadBalancers.reduce((sum, lb) => sum + lb.totalUsd, 0),
    dominant: serving?.dominant ?? 'newConnections',
    expectedMaxLcu: serving?.peak.lcu ?? 0,
    albSharePercent: input.albSharePercent,
    prices,
  };
}
