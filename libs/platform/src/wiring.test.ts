/**
 * How `buildPmsCluster` wires the concerns: the routing read-back runs over the synthesized objects after schema
 * validation (`checkRenderedCluster`, the checks the build runs over its output, is given tampered objects to stand
 * for a construct that renders something other than what it planned); the WebSocket heartbeat reaches the apigateway
 * container; the docs say where the ALB reads its ARNs.
 */
import { Checks, FIRST_SYNC_TITLE, prerequisitesLink, PREREQUISITES_TITLE, type Manifest } from '@pms/core';
import { planRoutes, PMS_ROUTES, PMS_ROUTING_CONTRACT, ROUTE53_WEIGHTED_ONLY } from '@pms/ingress';
import { ONCALL_DOC_ORDER } from '@pms/monitoring';
import {
  backingInstallations,
  NETWORKING_PREREQUISITES,
  PMS_GRAPH,
  RESOURCE_METRICS_API,
} from '@pms/networking';
import { ACM_DNS_VALIDATION } from '@pms/security';
import { describe, expect, it } from 'vitest';
import { validSettings } from './__fixtures__/cluster.js';
import { buildPmsCluster, checkRenderedCluster } from './cluster.js';

type IngressPath = { path: string; pathType?: string; pathtype?: string };

/**
 * Changes the rendered Ingress path `path` of the fixture cluster, then runs the build's checks over the changed
 * objects (with the routes and graph the build planned) and returns the error.
 */
function buildErrorWithPath(path: string, change: (p: IngressPath) => void): Error {
  const settings = validSettings();
  const { releases } = buildPmsCluster(settings);
  const manifests = structuredClone(buildPmsCluster(settings).manifests) as Manifest[];
  const ingress = manifests.find((m) => m.kind === 'Ingress')! as Manifest & { spec: any };
  change(ingress.spec.rules[0].http.paths.find((p: IngressPath) => p.path === path));
  const routes = planRoutes(PMS_ROUTES, new Checks(settings.name, 'ingress'));
  try {
    checkRenderedCluster(settings, manifests, { routes, graph: PMS_GRAPH, releases });
  } catch (error) {
    return error as Error;
  }
  throw new Error('the checks passed');
}

describe('buildPmsCluster: routing read-back over the rendered objects', () => {
  it('builds the fixture untouched, and its objects pass the checks again', () => {
    const settings = validSettings();
    const { manifests, releases } = buildPmsCluster(settings);
    const routes = planRoutes(PMS_ROUTES, new Checks(settings.name, 'ingress'));
    expect(() =>
      checkRenderedCluster(settings, manifests, { routes, graph: PMS_GRAPH, releases }),
    ).not.toThrow();
  });

  it('reports a schema-valid path that routes elsewhere, naming the route and the URL, then the contract URLs it breaks', () => {
    // The seed's mistake: the authentication prefix made Exact. The routes are found by path, whatever their names.
    const auth = PMS_ROUTES.findIndex((r) => r.path === '/api/auth');
    const { name, backend } = PMS_ROUTES[auth]!;
    const api = `${backend.service}:${backend.port}`;
    const error = buildErrorWithPath('/api/auth', (p) => (p.pathType = 'Exact'));
    // Rules are numbered from 1 in evaluation order; the catch-all is the last Prefix rule.
    const planned = planRoutes(PMS_ROUTES, new Checks('pms-corpus'));
    const spa = planned.findIndex((r) => r.route.path === '/');
    const { route: catchAll } = planned[spa]!;
    const spaRule = `${catchAll.backend.service}:${catchAll.backend.port} via HTTPS:443 rule priority ${spa + 1}: Prefix / host corpus.pms.example.com (Ingress pms/pms, patterns /*)`;
    const [first, ...contract] = error.message.split('\n');
    expect(first).toBe(
      `[pms-corpus] PMS_ROUTES[${auth}] (libs/ingress/src/routes.ts) = "${name}": /api/auth/-pms-route-probe- is answered by ${spaRule}; allowed: a route the ALB reaches as declared (at routing check)`,
    );
    expect(contract).toEqual(
      PMS_ROUTING_CONTRACT.filter(([path]) => path.startsWith('/api/auth/')).map(
        ([path]) =>
          `[pms-corpus] PMS_ROUTING_CONTRACT (libs/ingress/src/routing-contract.ts) = "https://corpus.pms.example.com${path}": the routing contract expects ${api}, but it is answered by ${spaRule} (route "${catchAll.name}"); allowed: ${api}; fix the route in PMS_ROUTES (libs/ingress/src/routes.ts), or, for a deliberate change, the contract PMS_ROUTING_CONTRACT (libs/ingress/src/routing-contract.ts) (at routing check)`,
      ),
    );
    expect(contract.length).toBeGreaterThan(0);
  });

  it('reports a misspelt pathtype once, by the schema, before the routing confusion it causes', () => {
    const paths: IngressPath[] = (
      buildPmsCluster(validSettings()).manifests.find((m) => m.kind === 'Ingress') as Manifest & { spec: any }
    ).spec.rules[0].http.paths;
    const index = paths.findIndex((p) => p.path !== '/');
    const { path, pathType } = paths[index]!;
    const error = buildErrorWithPath(path, (p) => {
      p.pathtype = p.pathType;
      delete p.pathType;
    });
    expect(error.message).toBe(
      `[pms-corpus] Ingress pms/pms spec.rules[0].http.paths[${index}].pathtype = "${pathType}": unknown field (did you mean "pathType"?); allowed: backend, path, pathType`,
    );
  });
});

describe('buildPmsCluster: ingress values other concerns use', () => {
  const { manifests, readme } = buildPmsCluster(validSettings());

  it('gives the apigateway container the heartbeat interval the README asks it to keep', () => {
    const deployment = manifests.find((m) => m.kind === 'Deployment' && m.metadata.name === 'apigateway') as
      (Manifest & { spec: any }) | undefined;
    const env = deployment!.spec.template.spec.containers[0].env as { name: string; value: string }[];
    expect(env).toContainEqual({ name: 'PMS_WEBSOCKET_HEARTBEAT_SECONDS', value: '25' });
    expect(readme).toContain(
      'The apigateway container gets `PMS_WEBSOCKET_HEARTBEAT_SECONDS=25` and must send heartbeats at that interval',
    );
  });

  it('says the ALB names the web ACL on the IngressClassParams and discovers the certificate from the host', () => {
    expect(readme).toContain('The ALB names it in `spec.wafv2AclName` of IngressClassParams `alb`');
    expect(readme).toContain('names no ARN: the load balancer controller discovers it');
    expect(readme).not.toContain('alb.ingress.kubernetes.io/wafv2-acl-arn');
    expect(readme).not.toContain('from annotation `alb.ingress.kubernetes.io/certificate-arn`');
    expect(readme).toContain(`prerequisite ${prerequisitesLink('acm-dns-validation')}`);
  });
});

describe('monitoring wiring', () => {
  it('graphs the web ACL under the metric name the rendered WebACL publishes', () => {
    const { manifests } = buildPmsCluster(validSettings());
    const acl = manifests.find((m) => m.kind === 'WebACL') as Manifest & { spec: any };
    const dashboard = manifests.find((m) => m.kind === 'Dashboard') as Manifest & { spec: any };
    const metrics = JSON.stringify(JSON.parse(dashboard.spec.dashboardBody));
    expect(metrics).toContain(`"WebACL","${acl.spec.visibilityConfig.metricName}"`);
  });
});

describe('settings validation', () => {
  it('reports a broken section of its own together with broken shared settings, in one run', () => {
    const settings = validSettings() as any;
    settings.vpc.albSubnets[1].cidr = settings.vpc.albSubnets[0].cidr;
    settings.networking.workloads.auth.image.tag = 'latest';
    let message = '';
    try {
      buildPmsCluster(settings);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain('vpc.albSubnets[1].cidr');
    expect(message).toContain(
      '[pms-corpus] networking.workloads.auth.image.tag = "latest": "latest" is not pinned; allowed: a pinned tag such as 1.8.3',
    );
  });
});

describe('buildPmsCluster: cluster prerequisites and Helm releases', () => {
  const built = buildPmsCluster(validSettings());

  it('gathers the prerequisites of networking, security and ingress, and prints them in one section right after the on-call page', () => {
    const settings = validSettings();
    const ids = built.prerequisites.map((p) => p.id);
    expect(ids).toEqual(
      expect.arrayContaining([
        ...Object.values(NETWORKING_PREREQUISITES),
        ACM_DNS_VALIDATION,
        ROUTE53_WEIGHTED_ONLY,
      ]),
    );
    const titles = [...built.readme.matchAll(/^## (.+)$/gm)].map((m) => m[1]);
    expect(titles.filter((t) => t === PREREQUISITES_TITLE)).toHaveLength(1);
    // After the on-call page and "First sync", which orders the prerequisites by timing and links here.
    expect(titles.indexOf(FIRST_SYNC_TITLE)).toBe(Object.keys(ONCALL_DOC_ORDER).length);
    expect(titles.indexOf(PREREQUISITES_TITLE)).toBe(titles.indexOf(FIRST_SYNC_TITLE) + 1);
    for (const p of built.prerequisites) {
      expect(built.readme).toContain(p.check);
      // Commands for this cluster: its EKS name (aws eks), its kubectl context or its hosted zone (aws route53).
      expect(
        [
          settings.eksClusterName,
          `--context ${settings.name}`,
          `--hosted-zone-id ${settings.dns.hostedZoneId}`,
        ].some((name) => p.inspect.includes(name)),
        p.id,
      ).toBe(true);
    }
    // The certificate's validation record goes into the cluster's zone (dns.hostedZoneId), nothing left to set.
    expect(built.prerequisites.find((p) => p.id === ACM_DNS_VALIDATION)!.fix).toContain(
      `--hosted-zone-id ${settings.dns.hostedZoneId} `,
    );
  });

  it('returns the releases the cluster’s objects need: every backing service installed, metrics-server for the autoscalers', () => {
    expect(backingInstallations(built.manifests, built.releases).every((i) => i.installed)).toBe(true);
    expect(built.releases.some((r) => (r.provides ?? []).includes(RESOURCE_METRICS_API))).toBe(true);
  });
});
