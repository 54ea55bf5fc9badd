import { AlbAnnotation, resolveAlbGroups, simulateRequest, type RoutingAnswer } from '@pms/ingress';
import { buildPmsCluster, type PmsClusterSettings } from '@pms/platform';
import { ALB_BACKEND_SERVICES } from '@pms/networking';
import { findWorkspaceRoot } from '@pms/render';
import { describe, expect, it } from 'vitest';
import { loadClusterSettings } from '../render/targets.js';
import { formatAnswer, listenerRuleLines, routeOfAnswer } from './route.js';

/** Every cluster app's settings: a cluster added to the workspace is covered without touching this file. */
const fleet = await loadClusterSettings<PmsClusterSettings>(findWorkspaceRoot());

/** The routing table of the issue, one probe per row plus its boundaries: path → [backend, route]. */
const TABLE: [string, string, string][] = [
  ['/api/auth', 'apigateway:8080', 'auth'],
  ['/api/auth/login', 'apigateway:8080', 'auth'],
  ['/api/portfolio', 'apigateway:8080', 'portfolio'],
  ['/api/portfolio/7/positions', 'apigateway:8080', 'portfolio'],
  ['/api/analysis', 'apigateway:8080', 'analysis'],
  ['/api/analysis/var', 'apigateway:8080', 'analysis'],
  ['/ws', 'apigateway:8080', 'analytics-ws'],
  ['/ws/analytics/info', 'apigateway:8080', 'analytics-ws'],
  ['/ws/updates', 'apigateway:8080', 'leaderboard-updates'],
  ['/ws/updates/x', 'apigateway:8080', 'analytics-ws'],
  ['/ws/rttm', 'apigateway:8080', 'rttm'],
  ['/ws/rttm/trades', 'apigateway:8080', 'rttm'],
  ['/', 'frontend:80', 'spa'],
  ['/dashboard/leaderboard', 'frontend:80', 'spa'],
  ['/apiary', 'frontend:80', 'spa'],
  ['/api', 'frontend:80', 'spa'],
];

describe.each(fleet)('routing of $name', (cluster) => {
  const { manifests } = buildPmsCluster(cluster);
  const ask = (url: string): RoutingAnswer => simulateRequest(manifests, url);

  it.each(TABLE)(`https://${cluster.host}%s → %s via route %s`, (path, backend, route) => {
    const answer = ask(`https://${cluster.host}${path}`);
    expect(answer.backend).toBe(backend);
    expect(routeOfAnswer(answer)?.name).toBe(route);
  });

  it('redirects http:// to https:// with a 301', () => {
    expect(ask(`http://${cluster.host}/api/auth/login`)).toMatchObject({
      outcome: 'redirect',
      statusCode: 301,
      location: `https://${cluster.host}/api/auth/login`,
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
  const cluster = fleet[0]!;
  const host = cluster.host;
  const { manifests } = buildPmsCluster(cluster);

  it('names the backend, the rule and the route for https://<host>/api/auth/login', () => {
    const answer = simulateRequest(manifests, `https://${host}/api/auth/login`);
    const text = formatAnswer(cluster.name, answer);
    // The priority is the rule's place in the controller's order, which depends on the other routes.
    const priority = answer.rule?.priority;
    expect(priority).toBeGreaterThan(0);
    expect(text).toBe(
      [
        `${cluster.name}  https://${host}/api/auth/login`,
        '  → apigateway:8080',
        `  apigateway:8080 via HTTPS:443 rule priority ${priority}: Prefix /api/auth host ${host} (Ingress pms/pms, patterns /api/auth /api/auth/*)`,
        '  route "auth" (Prefix /api/auth, http): authentication',
      ].join('\n'),
    );
  });

  it('answers the redirect for http://', () => {
    const text = formatAnswer(cluster.name, simulateRequest(manifests, `http://${host}/api/auth/login`));
    expect(text.split('\n')[1]).toBe(`  → 301 redirect to https://${host}/api/auth/login`);
  });
});
