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
  /** The full `LoadBalancer` dimension is known (`monitoring.loadBalancer`). */
  | { readonly mode: 'exact'; readonly name: string; readonly loadBalancer: string }
  /** Only the pinned name is known: SEARCH expressions on it (dashboards only; alarms cannot search). */
  | { readonly mode: 'search'; readonly name: string };

/** A locator from the pinned ALB name and the dimension, when known. */
export function albLocator(name: string, loadBalancer?: string): AlbLocator {
  return loadBalancer ? { mode: 'exact', name, loadBalancer } : { mode: 'search', name };
}

/**
 * The search term selecting this ALB: the exact dimension in double quotes when known; otherwise the pinned
 * name unquoted, which CloudWatch matches as a partial (token) match inside `app/<name>/<id>`. Load balancer
 * names are unique per account and region, so only this ALB matches (a name that merely contains this one,
 * e.g. `<name>-old`, would match too; the runbook shows how to check).
 */
export function loadBalancerSearchTerm(locator: AlbLocator): string {
  return locator.mode === 'exact' ? `LoadBalancer="${locator.loadBalancer}"` : `LoadBalancer=${locator.name}`;
}

/**
 * A metric SEARCH expression over the ALB's metrics, e.g.
 * `SEARCH('{AWS/ApplicationELB,LoadBalancer} MetricName="RequestCount" LoadBalancer=pms-dev-pms', 'Sum', 60)`.
 * `perTargetGroup` searches the `{LoadBalancer,TargetGroup}` schema (one series per target group).
 */
export function albSearchExpression(
  locator: AlbLocator,
  metricName: string,
  stat: string,
  perTargetGroup = false,
): string {
  const schema = perTargetGroup
    ? `{${ALB_NAMESPACE},LoadBalancer,TargetGroup}`
    : `{${ALB_NAMESPACE},LoadBalancer}`;
  return `SEARCH('${schema} MetricName="${metricName}" ${loadBalancerSearchTerm(locator)}', '${stat}', ${PERIOD_SECONDS})`;
}

/** The name of a regional web ACL from its ARN (`…:regional/webacl/<name>/<id>`), the `WebACL` dimension of WAFv2 metrics. */
export function webAclName(webAclArn: string): string {
  const parts = webAclArn.split('/');
  return parts.length >= 3 ? parts[parts.length - 2]! : webAclArn;
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
} as const;

/** Name of an ALB metric used here. */
export type AlbMetricName = keyof typeof ALB_METRICS;
