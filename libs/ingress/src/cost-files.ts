/**
 * The ingress's cost estimate as the construct publishes it: the estimate's input read from the load balancer the
 * controller builds (its HTTPS rules) and the migration's DNS weight, the estimate, and the JSON file next to the
 * rendered objects (`COST_ESTIMATE_FILE`).
 */
import type { AlbGroup } from './alb-model/index.js';
import { estimateCost, type CostEstimate, type CostEstimateInput } from './cost/estimate.js';
import type { ExpectedTraffic } from './cost/traffic.js';
import { COST_ESTIMATE_FILE, costEstimateJson } from './cost/report.js';
import { albWeightOf } from './dns/records.js';
import type { MigrationSettings } from './dns/settings.js';

/** The cost estimate of the cluster's ALB and what it was estimated from. */
export interface IngressCost {
  /** What the estimate was computed from (the README's full-weight comparison re-estimates it). */
  readonly input: CostEstimateInput;
  /** The monthly estimate. */
  readonly estimate: CostEstimate;
}

/**
 * The monthly cost of the ALB `alb` for the expected traffic: one load balancer serving the host, with as many rules as
 * its HTTPS listener, carrying the share of the traffic the migration's DNS weight gives it.
 */
export function ingressCost(
  alb: AlbGroup,
  traffic: ExpectedTraffic,
  migration: MigrationSettings | undefined,
): IngressCost {
  const https = alb.listeners.find((listener) => listener.protocol === 'HTTPS');
  const input: CostEstimateInput = {
    loadBalancers: [
      {
        name: alb.loadBalancerName ?? alb.name,
        rules: https?.rules.length ?? 0,
        servesHost: true,
      },
    ],
    traffic,
    albSharePercent: albWeightOf(migration),
  };
  return { input, estimate: estimateCost(input) };
}

/** The files the ingress renders besides its objects, path → content: the cost estimate as JSON. */
export function costFiles(cluster: string, estimate: CostEstimate): ReadonlyMap<string, string> {
  return new Map([[COST_ESTIMATE_FILE, `${JSON.stringify(costEstimateJson(cluster, estimate), null, 2)}\n`]]);
}
