import type { Manifest } from '@pms/core';
import { describe, expect, it } from 'vitest';
import { checkRouting } from './routing-check.js';
import { PMS_ROUTING_CONTRACT, type RoutingExpectation } from './routing-contract.js';
import { PMS_ROUTES, type RouteSpec } from './routes.js';
import { buildTestIngress, errorOf, TEST_CLUSTER } from './__fixtures__/cluster.js';

/** The routes these tests are about, found by path (the authentication prefix of the seed's mistake, the catch-all). */
const AUTH = PMS_ROUTES.find((r) => r.path === '/api/auth')!;
const SPA = PMS_ROUTES.find((r) => r.path === '/')!;
/** Rule priority of a route in a build: rules are numbered from 1 in evaluation order. */
const priorityOf = (built: ReturnType<typeof buildTestIngress>, name: string) =>
  built.ingress.routes.findIndex((r) => r.route.name === name) + 1;
const spaRule = (priority: number) =>
  `frontend:80 via HTTPS:443 rule priority ${priority}: Prefix / host pms.test.example.com (Ingress pms/pms, patterns /*)`;
const FIX =
  'fix the route in PMS_ROUTES (libs/ingress/src/routes.ts), or, for a deliberate change, the contract PMS_ROUTING_CONTRACT (libs/ingress/src/routing-contract.ts)';
/** The refusal of a contract URL the SPA answers instead of the apigateway. */
const toSpa = (path: string, priority: number) =>
  `[pms-test] PMS_ROUTING_CONTRACT (libs/ingress/src/routing-contract.ts) = "https://pms.test.example.com${path}": the routing contract expects apigateway:8080, but it is answered by ${spaRule(priority)} (route "${SPA.name}"); allowed: apigateway:8080; ${FIX} (at routing check)`;
/** Contract URLs strictly below `/api/auth` that must reach the apigateway. */
const belowAuth = PMS_ROUTING_CONTRACT.filter(([path]) => path.startsWith('/api/auth/'));

type Path = { path: string; pathType?: string; pathtype?: string };

/** The test cluster's synthesized objects with one Ingress path changed. */
function withPath(path: string, change: (p: Path) => void): Manifest[] {
  const manifests = structuredClone(buildTestIngress().manifests);
  const ingress = manifests.find((m) => m.kind === 'Ingress')! as Manifest & { spec: any };
  change(ingress.spec.rules[0].http.paths.find((p: Path) => p.path === path));
  return manifests;
}

describe('checkRouting (the read-back over the rendered objects)', () => {
  it('passes the objects PmsIngress renders: every route answers where it was declared', () => {
    const { manifests, ingress } = buildTestIngress();
    expect(() => checkRouting(TEST_CLUSTER, manifests, ingress.routes)).not.toThrow();
    expect(() => checkRouting(TEST_CLUSTER, manifests)).not.toThrow();
  });

  it('names the route and the URL a changed path sends elsewhere, then the contract URLs it breaks', () => {
    const manifests = withPath('/api/auth', (p) => (p.pathType = 'Exact'));
    const spa = priorityOf(buildTestIngress(), SPA.name);
    const auth = PMS_ROUTES.indexOf(AUTH);
    expect(errorOf(() => checkRouting(TEST_CLUSTER, manifests)).split('\n')).toEqual([
      `[pms-test] PMS_ROUTES[${auth}] (libs/ingress/src/routes.ts) = "${AUTH.name}": /api/auth/-pms-route-probe- is answered by ${spaRule(spa)}; allowed: a route the ALB reaches as declared (at routing check)`,
      ...belowAuth.map(([path]) => toSpa(path, spa)),
    ]);
  });

  it('reads a path whose pathType is misspelt as ImplementationSpecific (why the platform validates schemas first)', () => {
    const manifests = withPath('/api/auth', (p) => {
      p.pathtype = p.pathType;
      delete p.pathType;
    });
    expect(errorOf(() => checkRouting(TEST_CLUSTER, manifests))).toContain(
      `[pms-test] PMS_ROUTES[${PMS_ROUTES.indexOf(AUTH)}] (libs/ingress/src/routes.ts) = "${AUTH.name}": /api/auth/-pms-route-probe- is answered by frontend:80`,
    );
  });

  it("reports what the controller would refuse among the whole cluster's objects", () => {
    const manifests = buildTestIngress().manifests.filter(
      (m) => !(m.kind === 'Service' && m.metadata.name === 'frontend'),
    );
    expect(errorOf(() => checkRouting(TEST_CLUSTER, manifests))).toContain(
      'Ingress pms/pms: backend Service pms/frontend is not among the objects; allowed: objects the controller reconciles (at routing check)',
    );
  });
});

describe('checkRouting against the routing contract (PMS_ROUTING_CONTRACT)', () => {
  it("refuses the seed's mistake, a declared Exact /api/auth, which renders consistently but sends /api/auth/login to the SPA", () => {
    const routes: RouteSpec[] = PMS_ROUTES.map((r) => (r === AUTH ? { ...r, match: 'exact' } : r));
    const built = buildTestIngress({ routes });
    const message = errorOf(() => checkRouting(TEST_CLUSTER, built.manifests, built.ingress.routes));
    expect(belowAuth.map(([path]) => path)).toContain('/api/auth/login');
    expect(message.split('\n')).toEqual(belowAuth.map(([path]) => toSpa(path, priorityOf(built, SPA.name))));
    expect(message).toContain(
      `[pms-test] PMS_ROUTING_CONTRACT (libs/ingress/src/routing-contract.ts) = "https://pms.test.example.com/api/auth/login": the routing contract expects apigateway:8080, but it is answered by ${spaRule(priorityOf(built, SPA.name))} (route "${SPA.name}"); allowed: apigateway:8080; fix the route in PMS_ROUTES`,
    );
  });

  it('refuses a route that catches a near-miss of an API prefix, naming the rule and the route that answered', () => {
    const routes: RouteSpec[] = [...PMS_ROUTES, { ...AUTH, name: 'api-all', path: '/api' }];
    const built = buildTestIngress({ routes });
    const rule = priorityOf(built, 'api-all');
    expect(
      errorOf(() => checkRouting(TEST_CLUSTER, built.manifests, built.ingress.routes)).split('\n'),
    ).toEqual(
      ['/api', '/api/authx'].map(
        (path) =>
          `[pms-test] PMS_ROUTING_CONTRACT (libs/ingress/src/routing-contract.ts) = "https://pms.test.example.com${path}": the routing contract expects frontend:80, but it is answered by apigateway:8080 via HTTPS:443 rule priority ${rule}: Prefix /api host pms.test.example.com (Ingress pms/pms, patterns /api /api/*) (route "api-all"); allowed: frontend:80; ${FIX} (at routing check)`,
      ),
    );
  });

  it('checks the contract it is given, and refuses a contract path that is not a request path', () => {
    const { manifests, ingress } = buildTestIngress();
    const contract: RoutingExpectation[] = [
      ['/api/auth/login', 'apigateway:8080'],
      ['/portfolio', 'apigateway:8080'],
      ['api/auth', 'apigateway:8080'],
    ];
    expect(
      errorOf(() => checkRouting(TEST_CLUSTER, manifests, ingress.routes, contract)).split('\n'),
    ).toEqual([
      `[pms-test] PMS_ROUTING_CONTRACT (libs/ingress/src/routing-contract.ts) = "https://pms.test.example.com/portfolio": the routing contract expects apigateway:8080, but it is answered by ${spaRule(priorityOf(buildTestIngress(), SPA.name))} (route "${SPA.name}"); allowed: apigateway:8080; ${FIX} (at routing check)`,
      '[pms-test] PMS_ROUTING_CONTRACT (libs/ingress/src/routing-contract.ts) = "api/auth": not a request path; allowed: contract paths starting with "/" (at routing check)',
    ]);
    expect(() => checkRouting(TEST_CLUSTER, manifests, ingress.routes, [])).not.toThrow();
  });

  it('covers every route of PMS_ROUTES: its path and, for a prefix, a path below it (add both with a route)', () => {
    const paths = new Set(PMS_ROUTING_CONTRACT.map(([path]) => path));
    for (const route of PMS_ROUTES) {
      const backend = `${route.backend.service}:${route.backend.port}`;
      const at = (path: string) => PMS_ROUTING_CONTRACT.find(([p]) => p === path)?.[1];
      if (route.match === 'pattern') continue;
      expect(at(route.path), `${route.name}: ${route.path}`).toBe(backend);
      if (route.match === 'prefix') {
        const below = [...paths].filter(
          (p) => p.startsWith(route.path === '/' ? '/' : `${route.path}/`) && p !== route.path,
        );
        expect(below.length, `${route.name}: a path below ${route.path}`).toBeGreaterThan(0);
      }
    }
  });

  it('holds the boundaries of the seed table: near-misses of API prefixes and client-side routes go to the SPA', () => {
    const contract = new Map(PMS_ROUTING_CONTRACT);
    for (const path of ['/apiary', '/api', '/api/authx', '/wsx', '/portfolio/42', '/'])
      expect(contract.get(path), path).toBe('frontend:80');
    for (const path of ['/api/auth/login', '/ws/info', '/ws/updates/x', '/ws/rttm/trades'])
      expect(contract.get(path), path).toBe('apigateway:8080');
  });

  it('says which backend a misspelt contract entry meant', () => {
    const { manifests, ingress } = buildTestIngress();
    const contract: RoutingExpectation[] = [['/api/auth/login', 'apigatway:8080']];
    expect(errorOf(() => checkRouting(TEST_CLUSTER, manifests, ingress.routes, contract))).toContain(
      '; no route has the backend apigatway:8080 (did you mean "apigateway:8080"?)',
    );
  });
});
