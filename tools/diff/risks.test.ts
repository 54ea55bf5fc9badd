import { manifestsToFiles, type Manifest } from '@pms/core';
import { describe, expect, it } from 'vitest';
import { fixtureObjects, type FixtureOptions } from './__fixtures__/cluster.js';
import { diffTarget } from './diff.js';
import { minimumTls, tlsScore } from './risks.js';

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

describe('risk flags', () => {
  it('flags nothing for a plain route change', () => {
    expect(risks({ apiPath: '/apis' })).toEqual([]);
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

  it('flags a removed default deny', () => {
    expect(risks({ defaultDeny: false })).toEqual([
      'default-deny-removed: namespace `pms` Ingress default deny is gone (was NetworkPolicy pms/default-deny)',
      'default-deny-removed: namespace `pms` Egress default deny is gone (was NetworkPolicy pms/default-deny)',
    ]);
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

  it('flags deletions and lost deletion protection in prod only', () => {
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
    expect(diff('pms-staging')).toEqual([]);
  });

  it('ranks SSL policies by minimum version, then TLS 1.3 and restricted ciphers', () => {
    expect(minimumTls('ELBSecurityPolicy-2016-08')).toBe(10);
    expect(minimumTls('ELBSecurityPolicy-TLS13-1-2-Res-2021-06')).toBe(12);
    expect(tlsScore('ELBSecurityPolicy-TLS13-1-2-Res-2021-06')).toBeGreaterThan(
      tlsScore('ELBSecurityPolicy-TLS13-1-2-2021-06'),
    );
    expect(tlsScore('ELBSecurityPolicy-TLS13-1-2-2021-06')).toBeGreaterThan(
      tlsScore('ELBSecurityPolicy-TLS-1-2-2017-01'),
    );
  });
});
