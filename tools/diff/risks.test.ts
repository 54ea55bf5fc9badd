import { manifestsToFiles, type Manifest } from '@pms/core';
import { describe, expect, it } from 'vitest';
import { FIXTURE_VPC, fixtureObjects, type FixtureOptions } from './__fixtures__/cluster.js';
import { diffTarget } from './diff.js';
import { isApiPath } from './risks.js';

const files = (objects: Manifest[]) => manifestsToFiles('pms-dev', objects);
/** The risk flags of changing the fixture from `before` to `after` options, as `kind: message`. */
function risks(after: FixtureOptions | Manifest[], before: FixtureOptions = {}, name = 'pms-dev'): string[] {
  const head = Array.isArray(after) ? after : fixtureObjects(after);
  const diff = diffTarget({
    name,
    outDir: `clusters/${name}`,
    base: files(fixtureObjects(before)),
    head: files(head),
  });
  return diff.risks.map((r) => `${r.kind}: ${r.message}`);
}

/** The fixture with the Ingress's paths replaced: `[path, service:port]`, in order, all `Prefix`. */
function withPaths(...paths: [string, string][]): Manifest[] {
  return fixtureObjects().map((m) => {
    if (m.kind !== 'Ingress') return m;
    const spec = m['spec'] as { rules: { host: string }[] };
    const http = {
      paths: paths.map(([path, backend]) => {
        const [name, port] = backend.split(':');
        return { path, pathType: 'Prefix', backend: { service: { name, port: { number: Number(port) } } } };
      }),
    };
    return { ...m, spec: { ...spec, rules: [{ host: spec.rules[0]!.host, http }] } };
  });
}
/** The risk flags of changing the Ingress's paths from `before` to `after`. */
function routeRisks(before: [string, string][], after: [string, string][]): string[] {
  const diff = diffTarget({
    name: 'pms-dev',
    outDir: 'clusters/pms-dev',
    base: files(withPaths(...before)),
    head: files(withPaths(...after)),
  });
  return diff.risks.map((r) => `${r.kind}: ${r.message}`);
}

describe('risk flags', () => {
  it('does not flag API URLs that move with their renamed route: a change, shown loudly under Routing', () => {
    expect(risks({ apiPath: '/apis' })).toEqual([]);
    const spa: [string, string] = ['/', 'frontend:80'];
    // a changed path keeps the backend's number of rules, whatever the new path
    expect(
      routeRisks([['/api/analysis', 'apigateway:8080'], spa], [['/api/analytics', 'apigateway:8080'], spa]),
    ).toEqual([]);
  });

  it('flags WebSocket URLs whose route was removed, falling through to the frontend, and API URLs left to a 404', () => {
    const spa: [string, string] = ['/', 'frontend:80'];
    expect(routeRisks([['/ws', 'apigateway:8080'], spa], [spa])).toEqual([
      'api-to-frontend: `pms.example.com/ws`, `pms.example.com/ws/`, `pms.example.com/ws/x`: `apigateway:8080` → `frontend:80` (the frontend)',
    ]);
    // no catch-all: the listener's default action answers
    expect(
      routeRisks(
        [
          ['/api/analysis', 'apigateway:8080'],
          ['/api/auth', 'apigateway:8080'],
        ],
        [['/api/auth', 'apigateway:8080']],
      ),
    ).toEqual([
      'api-to-frontend: `pms.example.com/api/analysis`, `pms.example.com/api/analysis/`, `pms.example.com/api/analysis/x`: `apigateway:8080` → `fixed-response 404`',
    ]);
  });

  it('does not flag API URLs moving to another backend, nor non-API paths reaching the frontend', () => {
    const spa: [string, string] = ['/', 'frontend:80'];
    expect(routeRisks([['/api', 'apigateway:8080'], spa], [['/api', 'analysis:8080'], spa])).toEqual([]);
    expect(routeRisks([['/apis', 'apigateway:8080'], spa], [spa])).toEqual([]);
    expect(routeRisks([spa], [['/api/v2', 'apigateway:8080'], spa])).toEqual([]);
  });

  it('treats /api and /ws and the paths below them as API paths, by path element', () => {
    expect(['/api', '/api/', '/api/auth/login', '/ws', '/ws/rttm'].every(isApiPath)).toBe(true);
    expect(['/', '/apix', '/wsx', '/apis/x', '/static/api'].some(isApiPath)).toBe(false);
  });

  it('flags a detached WAF', () => {
    expect(risks({ waf: false })).toEqual([
      expect.stringMatching(
        /^waf-detached: web ACL `arn:aws:wafv2:.*` is no longer attached \(was on Ingress pms\/pms\); no web ACL is attached$/,
      ),
    ]);
  });

  it('flags a weaker TLS policy, naming both policies and the minimum versions', () => {
    expect(risks({ sslPolicy: 'ELBSecurityPolicy-TLS-1-1-2017-01' })).toEqual([
      'tls-weakened: Ingress pms/pms: SSL policy `ELBSecurityPolicy-TLS13-1-2-2021-06` → `ELBSecurityPolicy-TLS-1-1-2017-01` — minimum TLS 1.2 → 1.1',
    ]);
    expect(risks({ sslPolicy: 'ELBSecurityPolicy-TLS13-1-3-2021-06' })).toEqual([]);
  });

  it('does not flag moving the certificate from an ARN to discovery, but flags dropping the HTTPS listener', () => {
    const params = (spec: Record<string, unknown>): Manifest => ({
      apiVersion: 'elbv2.k8s.aws/v1beta1',
      kind: 'IngressClassParams',
      metadata: { name: 'alb' },
      spec,
    });
    // The HTTPS check runs where the SSL policy changes, so the head also drops it (the controller default then).
    const removed = (before: Manifest, after: Manifest) =>
      diffTarget({
        name: 'pms-dev',
        outDir: 'clusters/pms-dev',
        base: files([...fixtureObjects(), before]),
        head: files([...fixtureObjects(), after]),
      })
        .risks.map((r) => r.message)
        .filter((message) => message.includes('HTTPS listener'));
    const https = { listeners: [{ protocol: 'HTTPS', port: 443 }] };
    const pinned = params({
      ...https,
      sslPolicy: 'ELBSecurityPolicy-TLS13-1-2-2021-06',
      certificateArn: ['arn:aws:acm:eu-central-1:111111111111:certificate/x'],
    });
    expect(removed(pinned, params(https))).toEqual([]);
    expect(removed(pinned, params({}))).toEqual([
      'IngressClassParams alb: the HTTPS listener or its certificate is removed',
    ]);
  });

  it('flags a removed default deny', () => {
    expect(risks({ defaultDeny: false })).toEqual([
      'default-deny-removed: namespace `pms` Ingress default deny is gone (was NetworkPolicy pms/default-deny)',
      'default-deny-removed: namespace `pms` Egress default deny is gone (was NetworkPolicy pms/default-deny)',
    ]);
  });

  it('flags a closed connection from the load balancer to a backend', () => {
    const d = diffTarget({
      name: 'pms-dev',
      outDir: 'clusters/pms-dev',
      base: files(fixtureObjects()),
      head: files(fixtureObjects({ apiAlbCidr: '10.10.9.0/24' })),
      cluster: { vpc: FIXTURE_VPC },
    });
    expect(d.risks.map((r) => `${r.kind}: ${r.message}`)).toEqual([
      'alb-connection-closed: `alb → apigateway: 8080/TCP` is closed: the load balancer can no longer reach `apigateway` (its targets turn unhealthy; requests routed there get 502/503)',
    ]);
    // opening more for the ALB, or closing connections of other endpoints, is not this risk
    const dns = diffTarget({
      name: 'pms-dev',
      outDir: 'clusters/pms-dev',
      base: files(fixtureObjects()),
      head: files(fixtureObjects({ dnsEgress: false })),
      cluster: { vpc: FIXTURE_VPC },
    });
    expect(dns.reachability.closed.length).toBeGreaterThan(0);
    expect(dns.risks.filter((r) => r.kind === 'alb-connection-closed')).toEqual([]);
  });

  it('flags a new ingress from 0.0.0.0/0', () => {
    expect(risks({ extraApiSource: '0.0.0.0/0' })).toEqual([
      'open-ingress: NetworkPolicy pms/apigateway: `spec.ingress[0].from[1].ipBlock.cidr = 0.0.0.0/0`',
    ]);
  });

  it('flags a removed redirect and a removed security header', () => {
    const head = fixtureObjects().map((m) =>
      m.kind === 'Ingress'
        ? {
            ...m,
            metadata: {
              ...m.metadata,
              annotations: {
                'alb.ingress.kubernetes.io/listen-ports': '[{"HTTP":80},{"HTTPS":443}]',
                'alb.ingress.kubernetes.io/wafv2-acl-arn':
                  m.metadata.annotations!['alb.ingress.kubernetes.io/wafv2-acl-arn']!,
                'alb.ingress.kubernetes.io/ssl-policy': 'ELBSecurityPolicy-TLS13-1-2-2021-06',
              },
            },
          }
        : m,
    );
    expect(risks(head)).toEqual([
      'redirect-removed: Ingress pms/pms: the HTTP → HTTPS redirect (to port 443) is removed',
      'security-header-removed: `Strict-Transport-Security` is no longer set by Ingress pms/pms',
    ]);
  });

  it('flags lost deletion protection wherever the base had it, deleted objects in prod only', () => {
    const protectedAlb = (on: boolean) =>
      fixtureObjects().map((m) =>
        m.kind === 'Ingress'
          ? {
              ...m,
              metadata: {
                ...m.metadata,
                annotations: {
                  ...m.metadata.annotations,
                  'alb.ingress.kubernetes.io/load-balancer-attributes': `deletion_protection.enabled=${on}`,
                },
              },
            }
          : m,
      );
    const diff = (name: string) =>
      diffTarget({
        name,
        outDir: `clusters/${name}`,
        base: files(protectedAlb(true)),
        head: files(
          protectedAlb(false).filter((m) => m.metadata.name !== 'frontend' || m.kind !== 'Service'),
        ),
      }).risks.map((r) => r.kind);
    expect(diff('pms-prod')).toEqual(['deletion-protection-off', 'prod-object-deleted']);
    // A non-prod cluster whose settings turn deletionProtection true → false loses the Ingress's guard too.
    expect(diff('pms-staging')).toEqual(['deletion-protection-off']);
    // Never protected: nothing lost.
    const unprotected = diffTarget({
      name: 'pms-staging',
      outDir: 'clusters/pms-staging',
      base: files(protectedAlb(false)),
      head: files(protectedAlb(false)),
    });
    expect(unprotected.risks).toEqual([]);
  });
});
