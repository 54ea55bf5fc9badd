/**
 * The routing read-back: reads a cluster's rendered objects as the controller would (`resolveAlbGroups`) and
 * routes URLs through the simulator: one per route (and one below every prefix), each of which must be answered
 * by the rule it was declared as, on the backend it names; and every URL of the routing contract
 * (`PMS_ROUTING_CONTRACT`), each of which must reach the backend the contract names. The first catches objects
 * that do not say what was planned; the second a plan that does not do what PMS needs. It reads the final,
 * synthesized objects (the Services with their target-group annotations included), so the platform runs it after
 * schema validation: a malformed object is reported once, by the schema, instead of as the routing confusion it
 * causes.
 */
import {
  Checks,
  didYouMean,
  PMS_INGRESS_GROUP,
  PMS_INGRESS_NAME,
  type ClusterSettings,
  type Manifest,
} from '@pms/core';
import { resolveAlbGroups } from './alb-model/index.js';
import { planRoutes, PMS_ROUTES, routeSource, type PlannedRoute, type RouteSpec } from './routes.js';
import { PMS_ROUTING_CONTRACT, type RoutingExpectation } from './routing-contract.js';
import { simulateRequest, type RoutingAnswer } from './simulate.js';

// Moved to @pms/core (monitoring needs it too); re-exported for compatibility.
export { PMS_INGRESS_GROUP };

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

/** How messages name the routing contract: the constant and its file. */
const CONTRACT_SOURCE = 'PMS_ROUTING_CONTRACT (libs/ingress/src/routing-contract.ts)';

/** What a reviewer should change when a contract URL goes elsewhere. */
const CONTRACT_FIX =
  'fix the route in PMS_ROUTES (libs/ingress/src/routes.ts), or, for a deliberate change, the contract PMS_ROUTING_CONTRACT (libs/ingress/src/routing-contract.ts)';

/**
 * Checks that the PMS ALB described by `manifests` (group `pms`) reconciles without problems, answers every
 * route where it was declared, and sends every URL of `contract` to its backend. Throws `ConfigError`/`ConfigErrors`
 * naming the cluster and the URL, with the route (declared routes) or the expected backend and the rule that
 * answered instead (contract).
 *
 * @param cluster the cluster (name for messages, host the routes are served on)
 * @param manifests every rendered object of the cluster (Ingress, IngressClass, IngressClassParams, Services)
 * @param routes the planned routes, as `PmsIngress.routes`; @default PMS_ROUTES, planned
 * @param contract request paths and the backend each must reach; @default PMS_ROUTING_CONTRACT
 */
export function checkRouting(
  cluster: Pick<ClusterSettings, 'name' | 'host'>,
  manifests: readonly Manifest[],
  routes?: readonly PlannedRoute[],
  contract: readonly RoutingExpectation[] = PMS_ROUTING_CONTRACT,
): void {
  const checks = new Checks(cluster.name, 'ingress', ROUTING_CHECK_WHERE);
  const planned = routes ?? planRoutes(PMS_ROUTES, checks);
  checks.throwIfAny();

  const groups = resolveAlbGroups(manifests);
  const alb = groups.find((group) => group.name === PMS_INGRESS_GROUP);
  if (!alb) {
    checks.fail({
      field: '',
      value: PMS_INGRESS_GROUP,
      allowed: `an ALB group "${PMS_INGRESS_GROUP}" among the objects`,
      problem: `the objects describe ${groups.map((g) => g.name).join(', ') || 'no ALB'}`,
    });
    checks.throwIfAny();
    return;
  }
  for (const problem of alb.problems)
    checks.fail({
      field: '',
      value: PMS_INGRESS_NAME,
      allowed: 'objects the controller reconciles',
      problem,
    });
  for (const { route, index } of planned) {
    for (const path of samplePaths(route, planned)) {
      const answer = simulateRequest([alb], `https://${cluster.host}${path}`);
      if (
        answer.rule?.source.path !== route.path ||
        answer.backend !== `${route.backend.service}:${route.backend.port}`
      ) {
        checks.withPrefix(routeSource(index)).fail({
          field: '',
          value: route.name,
          allowed: 'a route the ALB reaches as declared',
          problem: `${path} is answered by ${answer.summary}`,
        });
      }
    }
  }
  const contractChecks = checks.withPrefix(CONTRACT_SOURCE);
  for (const [path, expected] of contract) {
    const url = `https://${cluster.host}${path}`;
    if (!path.startsWith('/')) {
      contractChecks.fail({
        field: '',
        value: path,
        allowed: 'contract paths starting with "/"',
        problem: 'not a request path',
      });
      continue;
    }
    const answer = simulateRequest([alb], url);
    if (answer.backend !== expected) {
      // A backend no route has is a typo in the contract, not a routing problem: say which backend was meant.
      const known = [...new Set(planned.map((p) => `${p.route.backend.service}:${p.route.backend.port}`))];
      const unknown = known.includes(expected)
        ? ''
        : `; no route has the backend ${expected}${didYouMean(expected, known)}`;
      contractChecks.fail({
        field: '',
        value: url,
        allowed: `${expected}; ${CONTRACT_FIX}`,
        problem: `the routing contract expects ${expected}, but it is answered by ${answer.summary}${routeNote(answer, planned)}${unknown}`,
      });
    }
  }
  checks.throwIfAny();
}

/** ` (route "spa")`: the declared route behind the rule that answered, if any. */
function routeNote(answer: RoutingAnswer, planned: readonly PlannedRoute[]): string {
  const source = answer.rule?.source;
  const route = planned.find((p) => p.route.path === source?.path && p.pathType === source?.pathType)?.route;
  return route ? ` (route "${route.name}")` : '';
}
