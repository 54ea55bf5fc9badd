/**
 * How a change moves a cluster's cost estimate: the JSON document the render writes next to the objects
 * (`COST_ESTIMATE_FILE` of @pms/ingress), compared between base and head.
 */
import { COST_ESTIMATE_FILE, LCU_DIMENSION_LABELS, roundTo, usd, type CostEstimateJson } from '@pms/ingress';
import type { RenderedTree } from './objects.js';

/** The estimate before and after; either is undefined when that side has none. */
export interface CostChange {
  readonly before: CostEstimateJson | undefined;
  readonly after: CostEstimateJson | undefined;
}

function estimateOf(tree: RenderedTree): CostEstimateJson | undefined {
  const text = tree.others.get(COST_ESTIMATE_FILE);
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as CostEstimateJson;
  } catch (error) {
    throw new Error(
      `${COST_ESTIMATE_FILE}: not valid JSON: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

/** The change of the estimate, or undefined when nothing in it moved. */
export function diffCost(base: RenderedTree, head: RenderedTree): CostChange | undefined {
  const before = estimateOf(base);
  const after = estimateOf(head);
  if (JSON.stringify(before) === JSON.stringify(after)) return undefined;
  return { before, after };
}

/** The change in one line, then why it moved: e.g. `$18.72 → $27.30 a month (+$8.58, +45.8 %)`. */
export function describeCost(change: CostChange): string[] {
  const { before, after } = change;
  if (!before || !after) {
    const only = (after ?? before)!;
    return [
      `${before ? usd(before.monthlyUsd) : 'no estimate'} → ${after ? usd(after.monthlyUsd) : 'no estimate'} a month (dominated by ${LCU_DIMENSION_LABELS[only.dominant]})`,
    ];
  }
  const delta = after.monthlyUsd - before.monthlyUsd;
  const percent =
    before.monthlyUsd > 0
      ? ` ${delta >= 0 ? '+' : ''}${roundTo((100 * delta) / before.monthlyUsd, 1)} %,`
      : '';
  const lines = [
    `${usd(before.monthlyUsd)} → ${usd(after.monthlyUsd)} a month (${delta >= 0 ? '+' : '-'}${usd(Math.abs(delta))},${percent} dominated by ${LCU_DIMENSION_LABELS[after.dominant]}${after.dominant === before.dominant ? '' : `, was ${LCU_DIMENSION_LABELS[before.dominant]}`})`,
  ];
  const why: string[] = [];
  if (before.loadBalancers.length !== after.loadBalancers.length)
    why.push(`load balancers ${before.loadBalancers.length} → ${after.loadBalancers.length}`);
  const rules = (e: CostEstimateJson) => e.loadBalancers.map((lb) => lb.rules).join(' + ');
  if (rules(before) !== rules(after)) why.push(`listener rules ${rules(before)} → ${rules(after)}`);
  if (before.albSharePercent !== after.albSharePercent)
    why.push(`ALB share of the traffic ${before.albSharePercent} % → ${after.albSharePercent} %`);
  if (before.expectedMaxLcu !== after.expectedMaxLcu)
    why.push(
      `expected maximum ${before.expectedMaxLcu} → ${after.expectedMaxLcu} LCU (the LCU alarm's threshold follows)`,
    );
  if (JSON.stringify(before.prices) !== JSON.stringify(after.prices)) why.push('prices changed');
  if (why.length > 0) lines.push(`Why: ${why.join('; ')}.`);
  return lines;
}
