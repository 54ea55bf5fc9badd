/**
 * How the dashboard and alarms address the ALB's CloudWatch metrics. The `LoadBalancer` dimension is
 * `app/<name>/<id>`; the name is pinned (`albName(cluster)`), the id exists only once the controller has
 * created the ALB. Until the settings carry the full dimension, the ALB is found by its name.
 */

/** CloudWatch namespace of application load balancer metrics. */
export const ALB_NAMESPACE = 'AWS/ApplicationELB';
/** CloudWatch namespace of WAFv2 metrics. */
export const WAF_NAMESPACE = 'AWS/WAFV2';
/** Every alarm and dashboard graph uses one-minute periods (the ALB publishes per minute). */
export const PERIOD_SECONDS = 60;

/** Where the ALB's metrics are: by exact dimension, or by a search on its pinned name. */
export type AlbLocator =
  /** The full `LoadBalancer` dimension is known (`monitoring.alb.loadBalancer`). */
  | { readonly mode: 'exact'; readonly name: string; readonly loadBalancer: string }
  /** Only the pinned name is known: SEARCH expressions on it, for the dashboard only (no alarms in this mode). */
  | { readonly mode: 'search'; readonly name: string };

/** A locator from the pinned ALB name and the dimension, when known. */
export function albLocator(name: string, loadBalancer?: string): AlbLocator {
  return loadBalancer ? { mode: 'exact', name, loadBalancer } : { mode: 'search', name };
}

/**
 * The SEARCH term selecting this ALB.
 *
 * - Dimension known: an exact match on the whole value, `LoadBalancer="app/<name>/<id>"` (CloudWatch's exact match
 *   compares the entire dimension value, so it selects this ALB and nothing else).
 * - Only the name known: `LoadBalancer=app/<name>`, a partial match on the composite token `app`+`<name>`.
 *   An exact match cannot help here: `LoadBalancer="<name>"` or `"app/<name>"` never equals a value
 *   `app/<name>/<id>`, and SEARCH has no prefix or wildcard match. Anchoring on `app/` keeps out names that merely
 *   end in `<name>`; a name that starts with `<name>-` (e.g. `<name>-old`) still matches. That is why the search
 *   graphs label every series with its full `LoadBalancer` dimension, and why alarms never use the name.
 */
export function loadBalancerSearchTerm(locator: AlbLocator): string {
  return locator.mode === 'exact'
    ? `LoadBalancer="${locator.loadBalancer}"`
    : `LoadBalancer=app/${locator.name}`;
}

/**
 * A metric SEARCH expression over the ALB's metrics, e.g.
 * `SEARCH('{AWS/ApplicationELB,LoadBalancer} MetricName="RequestCount" LoadBalancer="app/pms-prod-pms/4f1c2a9b7d3e8065"', 'Sum', 60)`.
 * `perTargetGroup` searches the `{LoadBalancer,TargetGroup}` schema (one series per target group).
 */
export function albSearchExpression(
  locator: AlbLocator,
  metricName: string,
  stat: string,
  perTargetGroup = false,
  period: number = PERIOD_SECONDS,
): string {
  const schema = perTargetGroup
    ? `{${ALB_NAMESPACE},LoadBalancer,TargetGroup}`
    : `{${ALB_NAMESPACE},LoadBalancer}`;
  return `SEARCH('${schema} MetricName="${metricName}" ${loadBalancerSearchTerm(locator)}', '${stat}', ${period})`;
}

/** The ALB metrics the dashboard and alarms use, with the statistic that makes sense for each. */
export const ALB_METRICS = {
  RequestCount: 'Sum',
  HTTPCode_Target_2XX_Count: 'Sum',
  HTTPCode_Target_4XX_Count: 'Sum',
  HTTPCode_Target_5XX_Count: 'Sum',
  HTTPCode_ELB_5XX_Count: 'Sum',
  TargetResponseTime: 'p99',
  HealthyHostCount: 'Minimum',
  UnHealthyHostCount: 'Maximum',
  ActiveConnectionCount: 'Sum',
  NewConnectionCount: 'Sum',
  RejectedConnectionCount: 'Sum',
  ConsumedLCUs: 'Sum',
} as const;

/**
 * The period of the LCU graph and alarm: one hour, the unit AWS bills LCUs in ("You pay for the number of LCUs that
 * you use per hour", ALB CloudWatch metrics, `ConsumedLCUs`). The hour's Sum of the per-minute datapoints is the hour's
 * LCUs, as for the per-minute `ReservedLCUs`, whose "one-hour total" is the reservation (ELB user guide, "Monitor Load
 * Balancer Capacity Unit reservation"; that `ConsumedLCUs` follows the same convention is our inference).
 */
export const LCU_PERIOD_SECONDS = 3600;

/**
 * The lowest `ConsumedLCUs` alarm threshold: below one LCU an hour costs less than a cent (at $0.008 per LCU-hour),
 * not worth a page, and a cluster expected to be idle (a migration at 0 %) would page for its health checks.
 */
export const MIN_LCU_ALARM_THRESHOLD = 1;

/** Name of an ALB metric used here. */
export type AlbMetricName = keyof typeof ALB_METRICS;
