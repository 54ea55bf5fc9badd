/**
 * The routing read-back: reads a cluster's rendered objects as the controller would (`resolveAlbGroups`) and
 * routes one URL per route (and one below every prefix) through the simulator. Every route must be answered by
 * the rule it was declared as, on the backend it names. It reads the final, synthesized objects (the Services
 * with their target-group annotations included), so the platform runs it after schema validation: a malformed
 * object is reported once, by the schema, instead of as the routing confusion it causes.
 */
import { Checks, PMS_INGRESS_NAME, type ClusterSettings, type Manifest } from '@pms/core';
import { resolveAlbGroups } from './alb-model.js';
import { planRoutes, PMS_ROUTES, type PlannedRoute, type RouteSpec } from './routes.js';
import { simulateRequest } from './simulate.js';

/** The IngressGroup every PMS Ingress joins: one ALB per cluster. */
export const PMS_INGRESS_GROUP = 'pms';

/** Where routing-check issues say they come from. */
export const ROUTING_CHECK_WHERE = 'routing check';

/** A path segment no route is expected to declare, used to probe "and below". */
const SAMPLE_SEGMENT = '-pms-route-probe-';

/**
 * Request paths that must reach a route: the path itself (unless an Exact route claims it), and for prefixes
 * a path below it.
 */
export function samplePaths(route: RouteSpec, routes: readonly PlannedRoute[]): string[] {
  if (route.match === 'exact') return [route.path];
  if (route.match === 'pattern') return [route.path.replace(/[*?]/g, 'x')];
  const below = `${route.path === '/' ? '' : route.path}/${SAMPLE_SEGMENT}`;
  const exactClaims = routes.some((r) => r.route.match === 'exact' && r.route.path === route.path);
  return exactClaims ? [below] : [route.path, below];
}

/**
 * Checks that the PMS ALB described by `manifests` (group `pms`) reconciles without problems and answers every
 * route where it was declared. Throws `ConfigError`/`ConfigErrors` naming the cluster, the route and the URL.
 *
 * @param cluster the cluster (name for messages, host the routes are served on)
 * @param manifests every rendered object of the cluster (Ingress, IngressClass, IngressClassParams, Services)
 * @param routes the planned routes, as `PmsIngress.routes`; @default PMS_ROUTES, planned
 */
export function checkRouting(
  cluster: Pick<ClusterSettings, 'name' | 'host'>,
  manifests: readonly Manifest[],
  routes?: readonly PlannedRoute[],
): void {
  const checks = new Checks(cluster.name, 'ingress', ROUTING_CHECK_WHERE);
  const planned = routes ?? planRoutes(PMS_ROUTES, checks);
  checks.throwIfAny();

  const groups = resolveAlbGroups(manifests);
  const alb = groups.find((group) => group.name === PMS_INGRESS_GROUP);
  if (!alb) {
    checks.fail(
      '',
      PMS_INGRESS_GROUP,
      `an ALB group "${PMS_INGRESS_GROUP}" among the objects`,
      `the objects describe ${groups.map((g) => g.name).join(', ') || 'no ALB'}`,
    );
    checks.throwIfAny();
    return;
  }
  for (const problem of alb.problems)
    checks.fail('', PMS_INGRESS_NAME, 'objects the controller reconciles', problem);
  for (const { route, index } of planned) {
    for (const path of samplePaths(route, planned)) {
      const answer = simulateRequest([alb], `https://${cluster.host}${path}`);
      if (
        answer.rule?.source.path !== route.path ||
        answer.backend !== `${route.backend.service}:${route.backend.port}`
      ) {
        checks.fail(
          `routes[${index}]`,
          route.name,
          'a route the ALB reaches as declared',
          `${path} is answered by ${answer.summary}`,
        );
      }
    }
  }
  checks.throwIfAny();
}
