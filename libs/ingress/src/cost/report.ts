/**
 * The cost estimate as the cluster's output carries it: a JSON document (`COST_ESTIMATE_FILE`, which `pnpm diff`
 * compares between base and head) and a README section. Figures are rounded so the text is stable.
 */
import { anchor, markdownTable, type DocSection } from '@pms/core';
import { DNS_SECTION_TITLE } from '../dns/docs.js';
import {
  ALB_PRICES_SOURCE,
  HOURS_PER_MONTH,
  roundTo,
  type CostEstimate,
  type LoadBalancerEstimate,
} from './estimate.js';
import {
  LCU_CAPACITY,
  LCU_DIMENSION_LABELS,
  LCU_DIMENSIONS,
  type LcuDimension,
  type LcuUsage,
} from './lcu.js';
import type { ExpectedTraffic } from './traffic.js';

/** Path of the estimate inside the cluster's output folder (Argo CD loads only `*.yaml`, so it is never applied). */
export const COST_ESTIMATE_FILE = 'cost/alb-cost-estimate.json';

/** Title of the README section. */
export const COST_SECTION_TITLE = 'Load balancer cost estimate';

/** One load balancer in the JSON document. */
export interface LoadBalancerCostJson {
  readonly name: string;
  readonly servesHost: boolean;
  readonly rules: number;
  readonly typicalLcu: Readonly<Record<LcuDimension, number>>;
  readonly peakLcu: Readonly<Record<LcuDimension, number>>;
  readonly lcuHoursPerMonth: number;
  readonly dominant: LcuDimension;
  readonly hoursUsd: number;
  readonly lcuUsd: number;
  readonly monthlyUsd: number;
}

/** The JSON document of a cluster's estimate (what `pnpm diff` reads). */
export interface CostEstimateJson {
  readonly cluster: string;
  readonly monthlyUsd: number;
  readonly dominant: LcuDimension;
  readonly expectedMaxLcu: number;
  readonly albSharePercent: number;
  readonly prices: { readonly loadBalancerHour: number; readonly lcuHour: number };
  readonly hoursPerMonth: number;
  readonly loadBalancers: readonly LoadBalancerCostJson[];
}

const lcuRecord = (usage: LcuUsage) =>
  Object.fromEntries(LCU_DIMENSIONS.map((d) => [d, roundTo(usage.byDimension[d], 4)])) as Record<
    LcuDimension,
    number
  >;

/** The JSON document of an estimate, rounded (USD to cents, LCUs to 4 decimals). */
export function costEstimateJson(cluster: string, estimate: CostEstimate): CostEstimateJson {
  return {
    cluster,
    monthlyUsd: roundTo(estimate.monthlyUsd, 2),
    dominant: estimate.dominant,
    expectedMaxLcu: roundTo(estimate.expectedMaxLcu, 4),
    albSharePercent: estimate.albSharePercent,
    prices: { ...estimate.prices },
    hoursPerMonth: HOURS_PER_MONTH,
    loadBalancers: estimate.loadBalancers.map((lb) => ({
      name: lb.name,
      servesHost: lb.servesHost,
      rules: lb.rules,
      typicalLcu: lcuRecord(lb.typical),
      peakLcu: lcuRecord(lb.peak),
      lcuHoursPerMonth: roundTo(lb.lcuHoursPerMonth, 2),
      dominant: lb.dominant,
      hoursUsd: roundTo(lb.hoursUsd, 2),
      lcuUsd: roundTo(lb.lcuUsd, 2),
      monthlyUsd: roundTo(lb.totalUsd, 2),
    })),
  };
}

/** `$1,234.56`. */
export function usd(value: number): string {
  return `$${roundTo(value, 2).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}

const lcuText = (value: number) => String(roundTo(value, 3));
/** A unit price as given (`$0.0225`), never rounded to cents. */
const price = (value: number) => `$${value}`;

/** The README section: the monthly figure and its dominant dimension first, then how it was computed. */
export function costSection(
  estimate: CostEstimate,
  traffic: ExpectedTraffic,
  order: number,
  atFullShare?: CostEstimate,
): DocSection & { readonly title: string } {
  const serving = estimate.loadBalancers.find((lb) => lb.servesHost);
  const p = estimate.prices;
  const rows = (lb: LoadBalancerEstimate) =>
    LCU_DIMENSIONS.map((d) => [
      LCU_DIMENSION_LABELS[d],
      capacityText(d),
      `${lcuText(lb.typical.byDimension[d])}${lb.typical.dominant === d ? ' **(billed)**' : ''}`,
      `${lcuText(lb.peak.byDimension[d])}${lb.peak.dominant === d ? ' **(billed)**' : ''}`,
    ]);
  const share = estimate.albSharePercent;
  const others = estimate.loadBalancers.filter((lb) => !lb.servesHost);
  const body = [
    `**${usd(estimate.monthlyUsd)} a month**, dominated by **${LCU_DIMENSION_LABELS[estimate.dominant]}**: ${estimate.loadBalancers.length} load balancer${estimate.loadBalancers.length === 1 ? '' : 's'} × ${HOURS_PER_MONTH} h × ${price(p.loadBalancerHour)} plus LCU-hours × ${price(p.lcuHour)} (prices: ${ALB_PRICES_SOURCE}). The expected maximum is **${lcuText(estimate.expectedMaxLcu)} LCU** in the peak hour: the \`lcu-above-expected\` alarm fires above it, or above 1 LCU if that is higher (\`ConsumedLCUs\`, Sum per hour).`,
    '',
    share < 100
      ? `The ALB receives **${share} %** of the host's traffic (the migration's weighted DNS records, [${DNS_SECTION_TITLE}](#${anchor(DNS_SECTION_TITLE)})); the figures below are that share.${atFullShare ? ` With all of it (the migration's end) the estimate is ${usd(atFullShare.monthlyUsd)} a month, at most ${lcuText(atFullShare.expectedMaxLcu)} LCU in the peak hour.` : ''}`
      : "The ALB receives all of the host's traffic.",
    '',
    ...(serving
      ? [
          `${'`'}${serving.name}${'`'}: ${serving.rules} listener rule${serving.rules === 1 ? '' : 's'} on HTTPS:443 (the first ${LCU_CAPACITY.freeRules} processed rules are free); ${traffic.peakHoursPerDay} peak hour${traffic.peakHoursPerDay === 1 ? '' : 's'} a day, the rest typical (\`ingress.expectedTraffic\`). ${roundTo(serving.lcuHoursPerMonth, 1)} LCU-hours a month = ${usd(serving.lcuUsd)}, hours ${usd(serving.hoursUsd)}.`,
          '',
          markdownTable(['LCU dimension', '1 LCU =', 'typical hour (LCU)', 'peak hour (LCU)'], rows(serving)),
          '',
        ]
      : []),
    ...others.map(
      (lb) =>
        `\`${lb.name}\`: does not serve the host, so only its hours are counted: ${usd(lb.totalUsd)} a month.`,
    ),
    ...(others.length > 0 ? [''] : []),
    `Each hour is billed for the dimension with the highest usage, not the sum (Elastic Load Balancing pricing). A processed GB costs ${price(p.lcuHour)} when processed bytes dominate (1 GB per LCU-hour); it is not billed on top. Rule evaluations count every rule of the listener for every request (an upper bound: a request stops at the first rule that matches). Data transfer out of AWS is billed separately and not included. \`pnpm diff\` shows how a change moves this estimate (\`${COST_ESTIMATE_FILE}\`).`,
  ].join('\n');
  return { title: COST_SECTION_TITLE, body, order };
}

function capacityText(dimension: LcuDimension): string {
  switch (dimension) {
    case 'newConnections':
      return `${LCU_CAPACITY.newConnectionsPerSecond} new connections per second`;
    case 'activeConnections':
      return `${LCU_CAPACITY.activeConnectionsPerMinute.toLocaleString('en-US')} active connections per minute`;
    case 'processedBytes':
      return `${LCU_CAPACITY.processedGbPerHour} GB per hour`;
    case 'ruleEvaluations':
      return `${LCU_CAPACITY.ruleEvaluationsPerSecond.toLocaleString('en-US')} rule evaluations per second`;
  }
}
