import { describe, expect, it } from 'vitest';
import { PMS_ROUTES, type RouteSpec } from './routes.js';
import { SimulationError, simulateRequest } from './simulate.js';
import { buildTestIngress, TEST_CLUSTER } from './__fixtures__/cluster.js';

const host = TEST_CLUSTER.host;
const { manifests, ingress } = buildTestIngress();
/** Rules are numbered from 1 in evaluation order (one Ingress, one rule entry). */
const priorityOf = (name: string) => ingress.routes.findIndex((r) => r.route.name === name) + 1;
const ask = (path: string, objects = manifests) => simulateRequest(objects, `https://${host}${path}`);
const via = (path: string, objects = manifests) => {
  const answer = ask(path, objects);
  return `${answer.backend} ${answer.rule?.source.pathType} ${answer.rule?.source.path}`;
};

/** Paths that exercise every row of the routing table and its boundaries: path → backend and matching Ingress path. */
const EXPECTED: Record<string, string> = {
  '/api/auth': 'apigateway:8080 Prefix /api/auth',
  '/api/auth/login': 'apigateway:8080 Prefix /api/auth',
  '/api/auth/': 'apigateway:8080 Prefix /api/auth',
  '/api/authx': 'frontend:80 Prefix /',
  '/api/portfolio/42/positions': 'apigateway:8080 Prefix /api/portfolio',
  '/api/analysis': 'apigateway:8080 Prefix /api/analysis',
  '/api/analysis/risk?window=7d': 'apigateway:8080 Prefix /api/analysis',
  '/api': 'frontend:80 Prefix /',
  '/apiary': 'frontend:80 Prefix /',
  '/ws': 'apigateway:8080 Prefix /ws',
  '/ws/info': 'apigateway:8080 Prefix /ws',
  '/ws/123/abcdef/websocket': 'apigateway:8080 Prefix /ws',
  '/ws/updates': 'apigateway:8080 Exact /ws/updates',
  '/ws/updates/x': 'apigateway:8080 Prefix /ws',
  '/ws/rttm': 'apigateway:8080 Prefix /ws/rttm',
  '/ws/rttm/trades': 'apigateway:8080 Prefix /ws/rttm',
  '/wsx': 'frontend:80 Prefix /',
  '/': 'frontend:80 Prefix /',
  '/portfolio/overview': 'frontend:80 Prefix /',
  '/API/auth': 'frontend:80 Prefix /',
};

describe('simulateRequest on the PMS Ingress', () => {
  it.each(Object.entries(EXPECTED))('routes %s to %s', (path, expected) => {
    expect(via(path)).toBe(expected);
  });

  it('answers through the listener and rule, with a readable summary', () => {
    const answer = ask('/api/auth/login');
    expect(answer).toMatchObject({ outcome: 'forward', backend: 'apigateway:8080', listener: 'HTTPS:443' });
    expect(priorityOf('auth')).toBeGreaterThan(0);
    expect(answer.rule!.priority).toBe(priorityOf('auth'));
    expect(answer.summary).toBe(
      `apigateway:8080 via HTTPS:443 rule priority ${priorityOf('auth')}: Prefix /api/auth host ${host} (Ingress pms/pms, patterns /api/auth /api/auth/*)`,
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

describe('declared route order never changes where a URL goes', () => {
  it('holds for 40 shuffles of the routing table, for every probe path, and renders identical Ingress objects', () => {
    const baseline = Object.keys(EXPECTED).map((path) => via(path));
    const ingressOf = (objects: typeof manifests) =>
      JSON.stringify(objects.find((m) => m.kind === 'Ingress'));
    const baselineIngress = ingressOf(manifests);
    let seed = 42;
    const random = () => (seed = (seed * 1664525 + 1013904223) % 2 ** 32) / 2 ** 32;
    for (let i = 0; i < 40; i++) {
      const routes: RouteSpec[] = [...PMS_ROUTES];
      for (let j = routes.length - 1; j > 0; j--) {
        const k = Math.floor(random() * (j + 1));
        [routes[j], routes[k]] = [routes[k]!, routes[j]!];
      }
      const shuffled = buildTestIngress({ routes }).manifests;
      expect(Object.keys(EXPECTED).map((path) => via(path, shuffled))).toEqual(baseline);
      expect(ingressOf(shuffled)).toBe(baselineIngress);
    }
  });
});
