import { describe, expect, it } from 'vitest';
import { PMS_ROUTING_CONTRACT } from './routing-contract.js';
import { PMS_ROUTES, type RouteBackend, type RouteKind, type RouteSpec } from './routes.js';
import { SimulationError, simulateRequest } from './simulate.js';
import { buildTestIngress, TEST_CLUSTER } from './__fixtures__/cluster.js';

const host = TEST_CLUSTER.host;
/** `service:port`, as the simulator names a backend. */
const backendOf = ({ service, port }: RouteBackend) => `${service}:${port}`;

/**
 * A routing table of the simulator's own, shaped like the PMS table (prefixes under a prefix, an Exact path inside
 * one, the catch-all) but not it: the simulator's behaviour is specified here, so changing `PMS_ROUTES` changes no
 * expectation of this file. Its backends are the real table's (the catch-all's and another one).
 */
const SITE = PMS_ROUTES.find((r) => r.path === '/')!.backend;
const API = PMS_ROUTES.find((r) => backendOf(r.backend) !== backendOf(SITE))!.backend;
const route = (
  name: string,
  path: string,
  match: RouteSpec['match'],
  kind: RouteKind = 'http',
): RouteSpec => ({
  name,
  path,
  match,
  backend: path === '/' ? SITE : API,
  kind,
  purpose: `the ${name} fixture`,
});
const FIXTURE_ROUTES: readonly RouteSpec[] = [
  route('auth', '/api/auth', 'prefix'),
  route('analysis', '/api/analysis', 'prefix'),
  route('socket', '/ws', 'prefix', 'sockjs'),
  route('updates', '/ws/updates', 'exact', 'websocket'),
  route('trades', '/ws/trades', 'prefix', 'websocket'),
  route('site', '/', 'prefix'),
];
const { manifests, ingress } = buildTestIngress({ routes: FIXTURE_ROUTES });
/** Rules are numbered from 1 in evaluation order (one Ingress, one rule entry). */
const priorityOf = (name: string) => ingress.routes.findIndex((r) => r.route.name === name) + 1;
const ask = (path: string, objects = manifests) => simulateRequest(objects, `https://${host}${path}`);
const via = (path: string, objects = manifests) => {
  const answer = ask(path, objects);
  return `${answer.backend} ${answer.rule?.source.pathType} ${answer.rule?.source.path}`;
};
const [api, site] = [backendOf(API), backendOf(SITE)];

/** Paths that exercise every row of the fixture table and its boundaries: path → backend and matching Ingress path. */
const EXPECTED: Record<string, string> = {
  '/api/auth': `${api} Prefix /api/auth`,
  '/api/auth/login': `${api} Prefix /api/auth`,
  '/api/auth/': `${api} Prefix /api/auth`,
  '/api/authx': `${site} Prefix /`,
  '/api/analysis': `${api} Prefix /api/analysis`,
  '/api/analysis/risk?window=7d': `${api} Prefix /api/analysis`,
  '/api': `${site} Prefix /`,
  '/apiary': `${site} Prefix /`,
  '/ws': `${api} Prefix /ws`,
  '/ws/info': `${api} Prefix /ws`,
  '/ws/123/abcdef/websocket': `${api} Prefix /ws`,
  '/ws/updates': `${api} Exact /ws/updates`,
  '/ws/updates/x': `${api} Prefix /ws`,
  '/ws/trades': `${api} Prefix /ws/trades`,
  '/ws/trades/eu': `${api} Prefix /ws/trades`,
  '/wsx': `${site} Prefix /`,
  '/': `${site} Prefix /`,
  '/portfolio/overview': `${site} Prefix /`,
  '/API/auth': `${site} Prefix /`,
};

describe('simulateRequest on an Ingress of a fixture routing table', () => {
  it.each(Object.entries(EXPECTED))('routes %s to %s', (path, expected) => {
    expect(via(path)).toBe(expected);
  });

  it('answers through the listener and rule, with a readable summary', () => {
    const answer = ask('/api/auth/login');
    expect(answer).toMatchObject({ outcome: 'forward', backend: api, listener: 'HTTPS:443' });
    expect(priorityOf('auth')).toBeGreaterThan(0);
    expect(answer.rule!.priority).toBe(priorityOf('auth'));
    expect(answer.summary).toBe(
      `${api} via HTTPS:443 rule priority ${priorityOf('auth')}: Prefix /api/auth host ${host} (Ingress pms/pms, patterns /api/auth /api/auth/*)`,
    );
  });

  it('redirects every HTTP request with 301 to HTTPS, keeping path and query', () => {
    const answer = simulateRequest(manifests, `http://${host}/api/auth/login?next=%2F`);
    expect(answer).toMatchObject({
      outcome: 'redirect',
      statusCode: 301,
      listener: 'HTTP:80',
      location: `https://${host}/api/auth/login?next=%2F`,
    });
    expect(answer.rule).toBeUndefined();
    expect(answer.summary).toContain('the default action (ssl-redirect: the listener has no rules)');
  });

  it('answers 404 for another host (e.g. the ALB DNS name)', () => {
    const answer = simulateRequest(manifests, 'https://k8s-pms-123.eu-central-1.elb.amazonaws.com/api/auth');
    expect(answer).toMatchObject({ outcome: 'fixed-response', statusCode: 404 });
  });

  it('refuses the connection on a port without listener', () => {
    expect(simulateRequest(manifests, `https://${host}:8443/`).outcome).toBe('no-listener');
    expect(simulateRequest(manifests, `http://${host}:443/`).summary).toContain(
      'no HTTP listener on port 443',
    );
  });

  it('refuses URLs it cannot simulate', () => {
    expect(() => simulateRequest(manifests, '/api/auth')).toThrow(SimulationError);
    expect(() => simulateRequest(manifests, 'ftp://x/')).toThrow('unsupported scheme ftp:');
    expect(() => simulateRequest([], 'https://x/')).toThrow('no ALB Ingress among the objects');
    expect(() => simulateRequest(manifests, 'https://x/', { group: 'nope' })).toThrow(
      'no load balancer "nope"; known: pms',
    );
  });
});

describe('simulateRequest on the PMS routing table (PMS_ROUTES)', () => {
  const real = buildTestIngress().manifests;
  it.each(PMS_ROUTING_CONTRACT)('sends %s to %s, as the routing contract says', (path, backend) => {
    expect(ask(path, real).backend).toBe(backend);
  });
});

describe('declared route order never changes where a URL goes', () => {
  it('holds for 40 shuffles of the PMS routing table, for every contract path, and renders identical Ingress objects', () => {
    const real = buildTestIngress().manifests;
    const probes = PMS_ROUTING_CONTRACT.map(([path]) => path);
    const baseline = probes.map((path) => via(path, real));
    const ingressOf = (objects: typeof manifests) =>
      JSON.stringify(objects.find((m) => m.kind === 'Ingress'));
    const baselineIngress = ingressOf(real);
    let seed = 42;
    const random = () => (seed = (seed * 1664525 + 1013904223) % 2 ** 32) / 2 ** 32;
    for (let i = 0; i < 40; i++) {
      const routes: RouteSpec[] = [...PMS_ROUTES];
      for (let j = routes.length - 1; j > 0; j--) {
        const k = Math.floor(random() * (j + 1));
        [routes[j], routes[k]] = [routes[k]!, routes[j]!];
      }
      const shuffled = buildTestIngress({ routes }).manifests;
      expect(probes.map((path) => via(path, shuffled))).toEqual(baseline);
      expect(ingressOf(shuffled)).toBe(baselineIngress);
    }
  });
});
