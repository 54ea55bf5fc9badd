import {
  AlbAnnotation,
  PMS_ROUTES,
  PMS_ROUTING_CONTRACT,
  resolveAlbGroups,
  simulateRequest,
  type RouteBackend,
  type RouteSpec,
  type RoutingAnswer,
} from '@pms/ingress';
import { buildTestIngress, TEST_CLUSTER } from '@pms/ingress/testing';
import { buildPmsCluster, type PmsClusterSettings } from '@pms/platform';
import { ALB_BACKEND_SERVICES } from '@pms/networking';
import { findWorkspaceRoot } from '@pms/render';
import { describe, expect, it } from 'vitest';
import { loadClusterSettings } from '../render/targets.js';
import { formatAnswer, listenerRuleLines, routeOfAnswer } from './route.js';

/** Every cluster app's settings: a cluster added to the workspace is covered without touching this file. */
const fleet = await loadClusterSettings<PmsClusterSettings>(findWorkspaceRoot());

/** `service:port`, as the simulator names a backend. */
const backendOf = ({ service, port }: RouteBackend) => `${service}:${port}`;

/**
 * A small routing table of its own, so what `pnpm route` says about routes is specified here and not on today's
 * `PMS_ROUTES`: a prefix, an Exact path inside it and the catch-all. Its backends are the real table's (the
 * catch-all's and another), which the catalogue configures.
 */
const SITE = PMS_ROUTES.find((r) => r.path === '/')!.backend;
const API = PMS_ROUTES.find((r) => backendOf(r.backend) !== backendOf(SITE))!.backend;
const route = (name: string, path: string, match: RouteSpec['match'], backend: RouteBackend): RouteSpec => ({
  name,
  path,
  match,
  backend,
  kind: 'http',
  purpose: `the ${name} fixture`,
});
const FIXTURE_ROUTES: readonly RouteSpec[] = [
  route('api', '/api', 'prefix', API),
  route('live', '/api/live', 'exact', API),
  route('site', '/', 'prefix', SITE),
];
/** Request paths of the fixture table and the route that must answer each: its boundaries included. */
const FIXTURE_PROBES: readonly [path: string, route: string][] = [
  ['/api', 'api'],
  ['/api/portfolio/7', 'api'],
  ['/api/live', 'live'],
  ['/api/live/x', 'api'],
  ['/apiary', 'site'],
  ['/live', 'site'],
  ['/', 'site'],
];
const fixture = buildTestIngress({ routes: FIXTURE_ROUTES }).manifests;
const host = TEST_CLUSTER.host;

describe('routeOfAnswer on a fixture routing table', () => {
  it.each(FIXTURE_PROBES)('names the route that answers %s: %s', (path, name) => {
    const answer = simulateRequest(fixture, `https://${host}${path}`);
    const expected = FIXTURE_ROUTES.find((r) => r.name === name)!;
    expect(answer.backend).toBe(backendOf(expected.backend));
    expect(routeOfAnswer(answer, FIXTURE_ROUTES)).toBe(expected);
  });

  it('names no route for an answer without a rule (the HTTP redirect)', () => {
    expect(routeOfAnswer(simulateRequest(fixture, `http://${host}/api`), FIXTURE_ROUTES)).toBeUndefined();
  });
});

describe.each(fleet)('routing of $name', (cluster) => {
  const { manifests } = buildPmsCluster(cluster);
  const ask = (url: string): RoutingAnswer => simulateRequest(manifests, url);

  // Whichever route serves a contract URL, it is a declared route and its backend is the one the contract names.
  it.each(PMS_ROUTING_CONTRACT)(
    `https://${cluster.host}%s → %s, through a declared route to it`,
    (path, backend) => {
      const answer = ask(`https://${cluster.host}${path}`);
      expect(answer.backend).toBe(backend);
      const served = routeOfAnswer(answer);
      expect(served, `no route of PMS_ROUTES rendered the rule ${answer.summary}`).toBeDefined();
      expect(PMS_ROUTES).toContain(served);
      expect(backendOf(served!.backend)).toBe(backend);
    },
  );

  it('redirects http:// to https:// with a 301', () => {
    const [path] = PMS_ROUTING_CONTRACT[0]!;
    expect(ask(`http://${cluster.host}${path}`)).toMatchObject({
      outcome: 'redirect',
      statusCode: 301,
      location: `https://${cluster.host}${path}`,
    });
  });

  it('is one ALB the controller reconciles cleanly, its target groups configured by the Services', () => {
    const groups = resolveAlbGroups(manifests);
    expect(groups.map((g) => [g.name, g.problems])).toEqual([['pms', []]]);
    const health = groups[0]!.targetGroups.map((tg) => [
      tg.service,
      tg.settings.get(AlbAnnotation.healthcheckPath),
    ]);
    // The catalogue's target-group paths, unchanged, on each backend Service (in whatever order the model lists them).
    const routed = new Set(health.map(([service]) => service));
    expect(Object.fromEntries(health)).toEqual(
      Object.fromEntries(
        ALB_BACKEND_SERVICES.filter((s) => routed.has(s.name)).map((s) => [
          s.name,
          { value: s.health.targetGroup.path, source: 'Service' },
        ]),
      ),
    );
  });
});

describe.each(fleet)('pnpm route $name --rules', (cluster) => {
  const { manifests } = buildPmsCluster(cluster);
  const lines = listenerRuleLines(manifests);
  const https = resolveAlbGroups(manifests)[0]!.listeners.find((l) => l.protocol === 'HTTPS')!;

  it('prints every HTTPS rule once, in priority order, in the four columns of the describe-rules query', () => {
    expect(lines).toHaveLength(https.rules.length);
    lines.forEach((line, index) => {
      const [priority, hosts, paths, action, ...rest] = line.split('\t');
      const rule = https.rules[index]!;
      expect(rest).toEqual([]);
      expect(Number(priority)).toBe(rule.priority);
      expect(hosts).toBe(rule.hosts.join(','));
      expect(paths).toBe(rule.paths.join(','));
      // The ELB API's ActionTypeEnum values, as describe-rules prints Actions[0].Type.
      expect(['forward', 'redirect', 'fixed-response']).toContain(action);
    });
  });

  it("names the cluster's host in every rule, as the controller's host-header condition", () => {
    for (const line of lines) expect(line.split('\t')[1]).toBe(cluster.host);
  });
});

describe('pnpm route output', () => {
  it('names the backend, the rule and the route that answers', () => {
    const url = `https://${host}/api/portfolio/7`;
    const answer = simulateRequest(fixture, url);
    const [api] = FIXTURE_ROUTES;
    // The priority is the rule's place in the controller's order, which depends on the other routes.
    const priority = answer.rule?.priority;
    expect(priority).toBeGreaterThan(0);
    expect(formatAnswer(TEST_CLUSTER.name, answer, FIXTURE_ROUTES)).toBe(
      [
        `${TEST_CLUSTER.name}  ${url}`,
        `  → ${backendOf(api!.backend)}`,
        `  ${backendOf(api!.backend)} via HTTPS:443 rule priority ${priority}: Prefix /api host ${host} (Ingress pms/pms, patterns /api /api/*)`,
        `  route "api" (Prefix /api, http): the api fixture`,
      ].join('\n'),
    );
  });

  it('answers the redirect for http://', () => {
    const url = `http://${host}/api/portfolio/7`;
    const text = formatAnswer(TEST_CLUSTER.name, simulateRequest(fixture, url), FIXTURE_ROUTES);
    expect(text.split('\n')[1]).toBe(`  → 301 redirect to https://${host}/api/portfolio/7`);
  });
});
