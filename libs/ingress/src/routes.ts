/**
 * The PMS routing table as data, and the planner that turns declared routes into Ingress paths the
 * controller evaluates exactly as intended, refusing (with the route names) anything it would not.
 */
import { didYouMean, type Checks } from '@pms/core';
import { findService, PMS_SERVICES, type ServiceDefinition } from '@pms/networking';
import { pathPatterns, patternCovers, sortIngressPaths, type IngressPathType } from './path-pattern.js';

/** How a route's path matches a request path. */
export type RouteMatch =
  /** The path itself and everything below it (`/api/auth`, `/api/auth/login`), never `/api/authx`. */
  | 'prefix'
  /** Exactly the path. */
  | 'exact'
  /** An ALB path pattern with `*` and `?` wildcards (Ingress pathType ImplementationSpecific). */
  | 'pattern';

/** What a route carries; websocket and sockjs routes need long-lived, sticky connections. */
export type RouteKind =
  /** Plain HTTP requests. */
  | 'http'
  /** Native WebSocket (HTTP/1.1 upgrade). */
  | 'websocket'
  /** SockJS: WebSocket with HTTP streaming/polling fallbacks that must return to the same pod. */
  | 'sockjs';

/** The Service a route sends requests to. */
export interface RouteBackend {
  /** Service name in the catalogue (`@pms/networking`'s `PMS_SERVICES`). */
  readonly service: string;
  /** The Service's port, as declared in the catalogue. */
  readonly port: number;
}

/** One row of the routing table. */
export interface RouteSpec {
  /** Short unique name, used in refusals, docs and the routing simulator's answers, e.g. `auth`. */
  readonly name: string;
  /** Request path, starting with `/`, without trailing `/` (except the root `/`). */
  readonly path: string;
  /** How `path` matches. */
  readonly match: RouteMatch;
  /** Where matching requests go. */
  readonly backend: RouteBackend;
  /** Traffic kind; `websocket` and `sockjs` make the backend's target group sticky. */
  readonly kind: RouteKind;
  /** What the route is for, for the generated docs. */
  readonly purpose: string;
}

/** Where the routing table is declared, for messages that send the reader there. */
export const ROUTES_FILE = 'libs/ingress/src/routes.ts';

/** How messages name one route of the routing table: `PMS_ROUTES[3] (libs/ingress/src/routes.ts)`. */
export function routeSource(index: number): string {
  return `PMS_ROUTES[${index}] (${ROUTES_FILE})`;
}

const apigateway: RouteBackend = { service: 'apigateway', port: 8080 };

/**
 * The PMS routing table (the seed's contract). `/api/auth` is a prefix: the seed's YAML made it Exact, which
 * sent `/api/auth/login` to the SPA. The catch-all `Prefix /` is the shortest prefix, so the controller
 * evaluates it last.
 */
export const PMS_ROUTES: readonly RouteSpec[] = [
  {
    name: 'auth',
    path: '/api/auth',
    match: 'prefix',
    backend: apigateway,
    kind: 'http',
    purpose: 'authentication',
  },
  {
    name: 'portfolio',
    path: '/api/portfolio',
    match: 'prefix',
    backend: apigateway,
    kind: 'http',
    purpose: 'portfolio APIs',
  },
  {
    name: 'analysis',
    path: '/api/analysis',
    match: 'prefix',
    backend: apigateway,
    kind: 'http',
    purpose: 'analytics APIs',
  },
  {
    name: 'analytics-ws',
    path: '/ws',
    match: 'prefix',
    backend: apigateway,
    kind: 'sockjs',
    purpose: 'analytics WebSocket (SockJS)',
  },
  {
    name: 'leaderboard-updates',
    path: '/ws/updates',
    match: 'exact',
    backend: apigateway,
    kind: 'websocket',
    purpose: 'leaderboard updates (native WebSocket)',
  },
  {
    name: 'rttm',
    path: '/ws/rttm',
    match: 'prefix',
    backend: apigateway,
    kind: 'websocket',
    purpose: 'real-time trade monitoring (native WebSocket)',
  },
  {
    name: 'spa',
    path: '/',
    match: 'prefix',
    backend: { service: 'frontend', port: 80 },
    kind: 'http',
    purpose: 'Angular SPA, including client-side routes (catch-all, evaluated last)',
  },
];

/** The Ingress pathType of a route match. */
export function ingressPathType(match: RouteMatch): IngressPathType {
  return match === 'exact' ? 'Exact' : match === 'prefix' ? 'Prefix' : 'ImplementationSpecific';
}

/** A route placed where the controller will evaluate it. */
export interface PlannedRoute {
  /** The declared route. */
  readonly route: RouteSpec;
  /** Index of the route in the declared list (for messages). */
  readonly index: number;
  /** The Ingress pathType it is emitted with. */
  readonly pathType: IngressPathType;
  /** The ALB path patterns the controller builds from it. */
  readonly patterns: readonly string[];
}

/** `Prefix /api/auth`: how a route reads in messages. */
export function describeRoute(route: Pick<RouteSpec, 'match' | 'path'>): string {
  return `${ingressPathType(route.match)} ${route.path}`;
}

/** The Services of a catalogue an ALB may route to (HTTP workloads), as `name:port`. */
function httpBackends(services: readonly ServiceDefinition[]): string {
  return services
    .filter((s) => s.kind === 'workload' && s.appProtocol === 'http')
    .map((s) => `${s.name}:${s.port}`)
    .join(', ');
}

const PATH_CHARS = /^\/[A-Za-z0-9_.~$@:+/-]*$/;
const PATTERN_CHARS = /^\/[A-Za-z0-9_.~$@:+/*?-]*$/;

/**
 * Validates routes and returns them in the order the controller evaluates them when emitted as the paths of
 * one `spec.rules[]` entry (Exact, then Prefix by descending length, then patterns), which does not depend on
 * the declared order. Every problem is recorded on `checks` (fields `PMS_ROUTES[i] (libs/ingress/src/routes.ts) …`,
 * the constant to edit): bad names and paths,
 * wildcards outside patterns, backends missing from the catalogue or on the wrong port, duplicates, and routes
 * that an earlier-evaluated route shadows completely.
 */
export function planRoutes(
  routes: readonly RouteSpec[],
  checks: Checks,
  services: readonly ServiceDefinition[] = PMS_SERVICES,
): PlannedRoute[] {
  const at = (index: number) => checks.withPrefix(routeSource(index));
  if (routes.length === 0)
    checks
      .withPrefix(`PMS_ROUTES (${ROUTES_FILE})`)
      .fail({ field: '', value: routes, allowed: 'at least one route' });

  const valid: PlannedRoute[] = [];
  const names = new Map<string, number>();
  routes.forEach((route, index) => {
    const c = at(index);
    let ok = true;
    if (!/^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/.test(route.name ?? '')) {
      ok = c.fail({
        field: 'name',
        value: route.name,
        allowed: 'a lower-case name of letters, digits and "-"',
      });
    } else if (names.has(route.name)) {
      ok = c.fail({
        field: 'name',
        value: route.name,
        allowed: 'a name no other route uses',
        problem: `routes[${names.get(route.name)}] is also named "${route.name}"`,
      });
    } else {
      names.set(route.name, index);
    }
    const label = `route "${route.name}"`;
    ok = c.oneOf('match', route.match, ['prefix', 'exact', 'pattern'] as const) && ok;
    ok = c.oneOf('kind', route.kind, ['http', 'websocket', 'sockjs'] as const) && ok;
    ok = checkPath(c, route, label) && ok;
    ok = checkBackend(c, route, label, services) && ok;
    if (ok) {
      const pathType = ingressPathType(route.match);
      valid.push({ route, index, pathType, patterns: pathPatterns(route.path, pathType) });
    }
  });

  // Paths of equal rank are emitted in code-point order, so the rendered Ingress does not depend on the declared order.
  const canonical = [...valid].sort((a, b) =>
    a.route.path < b.route.path ? -1 : a.route.path > b.route.path ? 1 : a.index - b.index,
  );
  const ordered = sortIngressPaths(canonical.map((planned) => ({ ...planned, path: planned.route.path })));
  const accepted: PlannedRoute[] = [];
  for (const planned of ordered) {
    const { route, index } = planned;
    const duplicate = accepted.find(
      (other) => other.pathType === planned.pathType && samePatterns(other, planned),
    );
    if (duplicate) {
      at(index).fail({
        field: 'path',
        value: route.path,
        allowed: 'a path no other route declares',
        problem: `routes "${duplicate.route.name}" and "${route.name}" both declare ${describeRoute(route)}`,
      });
      continue;
    }
    const shadowing = planned.patterns.map((pattern) => {
      for (const other of accepted) {
        const outer = other.patterns.find((candidate) => patternCovers(candidate, pattern));
        if (outer) return { other, outer, pattern };
      }
      return undefined;
    });
    if (shadowing.every((s) => s !== undefined)) {
      const by = shadowing.map(
        (s) =>
          `route "${s!.other.route.name}" (${describeRoute(s!.other.route)}, pattern ${s!.outer}) covers ${s!.pattern}`,
      );
      at(index).fail({
        field: 'path',
        value: route.path,
        allowed:
          'a route the controller can reach: the catch-all "Prefix /" is evaluated after every Exact and Prefix path but before every pattern',
        problem: `route "${route.name}" (${describeRoute(route)}) is never reached: ${[...new Set(by)].join('; ')}`,
      });
      continue;
    }
    accepted.push({ route, index, pathType: planned.pathType, patterns: planned.patterns });
  }
  return accepted;
}

function samePatterns(a: PlannedRoute, b: PlannedRoute): boolean {
  return (
    a.patterns.length === b.patterns.length && a.patterns.every((pattern, i) => pattern === b.patterns[i])
  );
}

function checkPath(c: Checks, route: RouteSpec, label: string): boolean {
  const path = route.path;
  if (typeof path !== 'string' || !path.startsWith('/')) {
    return c.fail({
      field: 'path',
      value: path,
      allowed: 'a path starting with "/"',
      problem: `${label} has no absolute path`,
    });
  }
  if (path.length > 128)
    return c.fail({
      field: 'path',
      value: path,
      allowed: 'at most 128 characters (an ALB path pattern limit)',
    });
  if (route.match !== 'pattern' && /[*?]/.test(path)) {
    return c.fail({
      field: 'path',
      value: path,
      allowed:
        'a path without "*" or "?" for match "prefix" or "exact" (use match "pattern" for ALB wildcards)',
      problem: `${label}: the controller refuses wildcards in ${ingressPathType(route.match)} paths`,
    });
  }
  if (!(route.match === 'pattern' ? PATTERN_CHARS : PATH_CHARS).test(path)) {
    return c.fail({
      field: 'path',
      value: path,
      allowed: 'letters, digits and "_.~$@:+/-" (and "*?" in patterns)',
      problem: `${label} has characters an ALB path pattern cannot hold`,
    });
  }
  if (path.includes('//')) {
    return c.fail({
      field: 'path',
      value: path,
      allowed: 'a path without empty segments or a trailing "/"',
      problem: `${label}: "${path}" has an empty segment ("//")`,
    });
  }
  if (path.length > 1 && path.endsWith('/')) {
    const trimmed = path.replace(/\/+$/, '');
    return c.fail({
      field: 'path',
      value: path,
      allowed: 'a path without empty segments or a trailing "/"',
      problem:
        route.match === 'prefix'
          ? `${label}: "${path}" and "${trimmed}" are the same prefix to the controller; declare "${trimmed}"`
          : `${label}: "${path}" ends in "/"; declare "${trimmed}"`,
    });
  }
  return true;
}

function checkBackend(
  c: Checks,
  route: RouteSpec,
  label: string,
  services: readonly ServiceDefinition[],
): boolean {
  const backend = route.backend;
  const value = backend ? `${backend.service}:${backend.port}` : backend;
  const service = backend ? findService(backend.service, services) : undefined;
  if (!service) {
    const names = services.map((s) => s.name);
    return c.fail({
      field: 'backend',
      value,
      allowed: `an HTTP Service of the catalogue: ${httpBackends(services)}`,
      problem: `${label}: no Service "${backend?.service}" in the catalogue${didYouMean(String(backend?.service), names)}`,
    });
  }
  if (service.appProtocol !== 'http' || service.kind !== 'workload') {
    return c.fail({
      field: 'backend',
      value,
      allowed: `an HTTP Service of the catalogue: ${httpBackends(services)}`,
      problem: `${label}: ${service.name} is ${service.description}, not an HTTP workload`,
    });
  }
  if (backend.port !== service.port) {
    return c.fail({
      field: 'backend',
      value,
      allowed: `${service.name}:${service.port}`,
      problem: `${label}: Service ${service.name} listens on port ${service.port}, not ${backend.port}`,
    });
  }
  return true;
}
