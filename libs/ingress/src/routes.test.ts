import { Checks, formatIssue } from '@pms/core';
import { describe, expect, it } from 'vitest';
import { planRoutes, PMS_ROUTES, type RouteSpec } from './routes.js';
import { PMS_SERVICES } from '@pms/networking';

/** The catalogue's HTTP workloads, as refusals list them (derived, so adding a service keeps this test true). */
const HTTP_SERVICES = PMS_SERVICES.filter((s) => s.kind === 'workload' && s.appProtocol === 'http')
  .map((s) => `${s.name}:${s.port}`)
  .join(', ');

const plan = (routes: readonly RouteSpec[]) => {
  const checks = new Checks('pms-test', 'ingress', 'pms-test/ingress');
  const planned = planRoutes(routes, checks);
  return { planned, messages: checks.issues.map(formatIssue) };
};
const api = (name: string, path: string, match: RouteSpec['match'] = 'prefix'): RouteSpec => ({
  name,
  path,
  match,
  backend: { service: 'apigateway', port: 8080 },
  kind: 'http',
  purpose: name,
});
/** A catch-all of the tests' own, to the real catch-all's backend (the SPA). */
const spa: RouteSpec = {
  name: 'spa',
  path: '/',
  match: 'prefix',
  backend: PMS_ROUTES.find((r) => r.path === '/')!.backend,
  kind: 'http',
  purpose: 'the SPA',
};

describe('planRoutes', () => {
  it('orders routes as the controller evaluates them: Exact, then Prefix by descending length (ties by path)', () => {
    const { planned, messages } = plan([
      spa,
      api('ws', '/ws'),
      api('auth', '/api/auth'),
      api('updates', '/ws/updates', 'exact'),
      api('analysis', '/api/analysis'),
      api('portfolio', '/api/portfolio'),
    ]);
    expect(messages).toEqual([]);
    expect(planned.map((p) => `${p.pathType} ${p.route.path}`)).toEqual([
      'Exact /ws/updates',
      'Prefix /api/portfolio',
      'Prefix /api/analysis',
      'Prefix /api/auth',
      'Prefix /ws',
      'Prefix /',
    ]);
  });

  it('accepts the PMS routing table, every route once, in that order, the catch-all last', () => {
    const { planned, messages } = plan(PMS_ROUTES);
    expect(messages).toEqual([]);
    expect(planned.map((p) => p.route.name).sort()).toEqual(PMS_ROUTES.map((r) => r.name).sort());
    const rank = { Exact: 0, Prefix: 1, ImplementationSpecific: 2 } as const;
    for (let i = 1; i < planned.length; i++) {
      const [a, b] = [planned[i - 1]!, planned[i]!];
      const order =
        rank[a.pathType] - rank[b.pathType] ||
        (a.pathType === 'Prefix' ? b.route.path.length - a.route.path.length : 0) ||
        (a.route.path < b.route.path ? -1 : 1);
      expect(order, `${a.route.path} before ${b.route.path}`).toBeLessThan(0);
    }
    expect(planned.filter((p) => p.pathType !== 'ImplementationSpecific').at(-1)!.route.path).toBe('/');
  });

  it('makes /api/auth a prefix (the seed made it Exact, sending /api/auth/login to the SPA)', () => {
    expect(PMS_ROUTES.find((r) => r.path === '/api/auth')).toMatchObject({ match: 'prefix' });
  });

  it('emits the same order for every declared order', () => {
    const expected = plan(PMS_ROUTES).planned.map((p) => p.route.name);
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let i = 0; i < 50; i++) {
      const shuffled = [...PMS_ROUTES].sort(() => random() - 0.5);
      expect(plan(shuffled).planned.map((p) => p.route.name)).toEqual(expected);
    }
  });

  it('refuses a duplicate path, naming both routes', () => {
    const { messages } = plan([api('auth', '/api/auth'), api('login', '/api/auth'), spa]);
    expect(messages).toEqual([
      '[pms-test] PMS_ROUTES[1] (libs/ingress/src/routes.ts) path = "/api/auth": routes "auth" and "login" both declare Prefix /api/auth; allowed: a path no other route declares (at pms-test/ingress)',
    ]);
  });

  it('refuses a duplicate name', () => {
    const { messages } = plan([api('auth', '/api/auth'), api('auth', '/api/login'), spa]);
    expect(messages[0]).toBe(
      '[pms-test] PMS_ROUTES[1] (libs/ingress/src/routes.ts) name = "auth": routes[0] is also named "auth"; allowed: a name no other route uses (at pms-test/ingress)',
    );
  });

  it('refuses a pattern route the catch-all shadows, naming the shadowing route', () => {
    const { messages } = plan([spa, api('legacy', '/legacy*', 'pattern')]);
    expect(messages).toEqual([
      '[pms-test] PMS_ROUTES[1] (libs/ingress/src/routes.ts) path = "/legacy*": route "legacy" (ImplementationSpecific /legacy*) is never reached: route "spa" (Prefix /, pattern /*) covers /legacy*; allowed: a route the controller can reach: the catch-all "Prefix /" is evaluated after every Exact and Prefix path but before every pattern (at pms-test/ingress)',
    ]);
  });

  it('accepts a pattern route that nothing shadows', () => {
    const { messages, planned } = plan([api('assets', '/assets/*.js', 'pattern'), api('auth', '/api/auth')]);
    expect(messages).toEqual([]);
    expect(planned.map((p) => p.route.name)).toEqual(['auth', 'assets']);
  });

  it('refuses wildcards in prefix and exact paths', () => {
    const { messages } = plan([api('all-api', '/api/*'), spa]);
    expect(messages).toEqual([
      '[pms-test] PMS_ROUTES[0] (libs/ingress/src/routes.ts) path = "/api/*": route "all-api": the controller refuses wildcards in Prefix paths; allowed: a path without "*" or "?" for match "prefix" or "exact" (use match "pattern" for ALB wildcards) (at pms-test/ingress)',
    ]);
  });

  it('refuses a trailing slash, naming the real path, and a relative path', () => {
    const { messages } = plan([api('a', '/api/auth/'), api('b', 'api'), api('c', '/ws/updates/', 'exact')]);
    expect(messages).toEqual([
      '[pms-test] PMS_ROUTES[0] (libs/ingress/src/routes.ts) path = "/api/auth/": route "a": "/api/auth/" and "/api/auth" are the same prefix to the controller; declare "/api/auth"; allowed: a path without empty segments or a trailing "/" (at pms-test/ingress)',
      '[pms-test] PMS_ROUTES[1] (libs/ingress/src/routes.ts) path = "api": route "b" has no absolute path; allowed: a path starting with "/" (at pms-test/ingress)',
      '[pms-test] PMS_ROUTES[2] (libs/ingress/src/routes.ts) path = "/ws/updates/": route "c": "/ws/updates/" ends in "/"; declare "/ws/updates"; allowed: a path without empty segments or a trailing "/" (at pms-test/ingress)',
    ]);
  });

  it('refuses an empty segment, naming the path', () => {
    expect(plan([api('a', '/api//auth')]).messages).toEqual([
      '[pms-test] PMS_ROUTES[0] (libs/ingress/src/routes.ts) path = "/api//auth": route "a": "/api//auth" has an empty segment ("//"); allowed: a path without empty segments or a trailing "/" (at pms-test/ingress)',
    ]);
  });

  it('refuses a backend that is not in the catalogue', () => {
    const { messages } = plan([{ ...api('x', '/x'), backend: { service: 'billing', port: 8080 } }]);
    expect(messages).toEqual([
      `[pms-test] PMS_ROUTES[0] (libs/ingress/src/routes.ts) backend = "billing:8080": route "x": no Service "billing" in the catalogue; allowed: an HTTP Service of the catalogue: ${HTTP_SERVICES} (at pms-test/ingress)`,
    ]);
  });

  it('refuses a backend on the wrong port', () => {
    const { messages } = plan([{ ...api('x', '/x'), backend: { service: 'apigateway', port: 8081 } }]);
    expect(messages).toEqual([
      '[pms-test] PMS_ROUTES[0] (libs/ingress/src/routes.ts) backend = "apigateway:8081": route "x": Service apigateway listens on port 8080, not 8081; allowed: apigateway:8080 (at pms-test/ingress)',
    ]);
  });

  it('refuses a backing service (not HTTP) as a backend', () => {
    const { messages } = plan([{ ...api('db', '/db'), backend: { service: 'postgres', port: 5432 } }]);
    const postgres = PMS_SERVICES.find((s) => s.name === 'postgres')!;
    expect(messages[0]).toContain(`route "db": postgres is ${postgres.description}, not an HTTP workload`);
  });

  it('refuses an empty table and reports every problem at once', () => {
    expect(plan([]).messages).toEqual([
      '[pms-test] PMS_ROUTES (libs/ingress/src/routes.ts) = []; allowed: at least one route (at pms-test/ingress)',
    ]);
    const { messages } = plan([api('A', '/a'), { ...api('b', '/b*'), kind: 'grpc' as never }]);
    expect(messages).toHaveLength(3);
  });
});
