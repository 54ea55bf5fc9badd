import { formatIssue, type RenderContext, type RenderTarget } from '@pms/core';
import { describe, expect, it } from 'vitest';
import { settingsWith, validSettings, type Mutable } from './__fixtures__/cluster.js';
import { pmsClusterTarget } from './cluster.js';
import { fleetIdentityIssues, fleetIdentityIssuesOf } from './fleet-identity.js';
import type { PmsClusterSettings } from './settings.js';

/** The fixture cluster (`pms-corpus`), as the original a new cluster is copied from. */
const original = validSettings();

/** `pms-copy`, copied from the original with only the obvious fields (name, EKS cluster name, host) changed. */
function copied(change: (s: Mutable<PmsClusterSettings>) => void = () => {}): PmsClusterSettings {
  return settingsWith((s) => {
    s.name = 'pms-copy';
    s.eksClusterName = 'pms-copy';
    s.host = 'copy.pms.example.com';
    change(s);
  });
}

/** `pms-copy` with every value of its own, in the original's account. */
const doneRight = (change: (s: Mutable<PmsClusterSettings>) => void = () => {}) =>
  copied((s) => {
    s.vpc.id = 'vpc-0a1b2c3d4e5f60799';
    s.vpc.albSubnets.forEach((subnet, i) => (subnet.id = `subnet-0a1b2c3d4e5f699${i}0`));
    s.accessLogs = { bucket: 'pms-copy-alb-access-logs', prefix: 'alb/pms-copy' };
    s.security = { controllerIdentity: { mode: 'irsa', oidcProviderId: '5E3D40A1B2C34A5B8C6D7E8F9A0B1C2D' } };
    s.monitoring.alb = { state: 'awaiting' };
    s.migration!.legacyLoadBalancers.forEach(
      (lb) => (lb.hostname = lb.hostname.replace(/^([^.]*)\./, '$1ff.')),
    );
    change(s);
  });

const messages = (cluster: PmsClusterSettings, fleet: readonly PmsClusterSettings[]) =>
  fleetIdentityIssuesOf(cluster, fleet).map(formatIssue);

/** A render context listing cluster targets (and, if given, the clusters the Argo CD app registers). */
function context(clusters: readonly PmsClusterSettings[], registered?: readonly string[]): RenderContext {
  const targets: RenderTarget[] = clusters.map(pmsClusterTarget);
  if (registered)
    targets.push({ name: 'argocd', outDir: 'argocd', registers: registered, build: () => new Map() });
  return { targets, warn: () => {} };
}

describe('the fleet check (copy-paste leftovers across clusters)', () => {
  it('accepts a new cluster with values of its own', () => {
    expect(messages(doneRight(), [original, doneRight()])).toEqual([]);
  });

  it('refuses every value the copy kept, once for both clusters, naming the field, the value and what is allowed', () => {
    const copy = copied();
    const found = messages(copy, [original, copy]);
    const shared = (field: string, value: unknown, what: string, allowed: string) =>
      `[pms-copy, pms-corpus] ${field} = ${JSON.stringify(value)}: the same ${what} in pms-copy and pms-corpus: one was probably copied from the other (edit the copy's apps/<cluster>/src/settings.ts); allowed: ${allowed} (at fleet check)`;
    expect(found).toEqual([
      shared(
        'vpc.id',
        original.vpc.id,
        'VPC, in the same account,',
        "each cluster's own VPC; one cluster per VPC within an account",
      ),
      ...original.vpc.albSubnets.map((subnet) =>
        shared(
          'vpc.albSubnets[].id',
          subnet.id,
          'ALB subnet id',
          "each cluster's own public subnets, in its own VPC",
        ),
      ),
      shared(
        'accessLogs.bucket',
        original.accessLogs.bucket,
        'rendered access-log bucket',
        'each cluster\'s own bucket, e.g. "<cluster>-alb-access-logs" (each cluster renders its access-log bucket as an ACK Bucket, and two would fight over one bucket\'s policy); to share a bucket, declare it accessLogs.external: true in both',
      ),
      shared(
        'accessLogs',
        original.accessLogs,
        'access-log bucket and prefix',
        'a bucket and prefix no other cluster writes to, e.g. prefix "alb/<cluster>" (otherwise both ALBs\' logs mix)',
      ),
      shared(
        'security.controllerIdentity.oidcProviderId',
        (original.security.controllerIdentity as { oidcProviderId: string }).oidcProviderId,
        'OIDC provider id',
        "the id at the end of each cluster's own OIDC issuer (aws eks describe-cluster --name <EKS cluster> --query cluster.identity.oidc.issuer)",
      ),
      ...original.migration!.legacyLoadBalancers.map((lb) =>
        shared(
          'migration.legacyLoadBalancers[].hostname',
          lb.hostname,
          'legacy load balancer',
          "the load balancers of each cluster's own previous deployment (one load balancer answering for two clusters' hosts would get both clusters' traffic)",
        ),
      ),
    ]);
    // the original's render finds the same issues, word for word: the render's report prints each once
    expect(messages(original, [original, copy])).toEqual(found);
  });

  it('refuses a certificate or web ACL ARN pinned in two clusters', () => {
    const pinned = {
      certificateArn:
        'arn:aws:acm:eu-central-1:444444444444:certificate/1d2e3f40-4444-4a5b-8c6d-7e8f9a0b1c2d',
      webAclArn:
        'arn:aws:wafv2:eu-central-1:444444444444:regional/webacl/pms-corpus-web-acl/5a6b7c8d-4444-4e2f-9a0b-1c2d3e4f5a6b',
    };
    const originalPinned = { ...original, ...pinned };
    const copy = doneRight((s) => Object.assign(s, pinned));
    expect(messages(copy, [originalPinned, copy]).map((m) => m.split(' = ')[0])).toEqual([
      '[pms-copy, pms-corpus] certificateArn',
      '[pms-copy, pms-corpus] webAclArn',
    ]);
  });

  it('lets two clusters share an access-log bucket only when both declare it external', () => {
    const shared = (prefix: string) => ({ bucket: 'central-alb-logs', prefix, external: true });
    const originalExternal = { ...original, accessLogs: shared('alb/pms-corpus') };
    const copy = doneRight((s) => (s.accessLogs = shared('alb/pms-copy')));
    expect(messages(copy, [originalExternal, copy])).toEqual([]);
  });

  it('refuses a shared host, compared without case, and a shared EKS cluster name', () => {
    const copy = doneRight((s) => {
      s.host = original.host.toUpperCase();
      s.eksClusterName = original.eksClusterName;
    });
    expect(messages(copy, [original, copy]).map((m) => m.split(':')[0])).toEqual([
      '[pms-copy, pms-corpus] host = "corpus.pms.example.com"',
      '[pms-copy, pms-corpus] eksClusterName = "pms-corpus"',
    ]);
  });

  it('allows the same VPC id in another account (a VPC shared through AWS RAM)', () => {
    const copy = doneRight((s) => {
      s.aws.accountId = '555555555555';
      s.vpc.id = original.vpc.id;
    });
    expect(fleetIdentityIssuesOf(copy, [original, copy]).map((i) => i.field)).not.toContain('vpc.id');
  });

  it('refuses a CSP naming another cluster’s host in any form, but not a longer host that contains it', () => {
    const copy = doneRight(
      (s) =>
        (s.ingress.contentSecurityPolicy =
          "default-src 'self'; img-src https://CORPUS.pms.example.com:443/img data:; connect-src wss://x.corpus.pms.example.com"),
    );
    expect(messages(copy, [original, copy])).toEqual([
      '[pms-copy] ingress.contentSecurityPolicy = "https://CORPUS.pms.example.com:443/img": names pms-corpus\'s host "corpus.pms.example.com" (probably left over from copying pms-corpus\'s settings); allowed: sources on pms-copy\'s own host "copy.pms.example.com" or outside the fleet; never another cluster\'s host (at fleet check)',
    ]);
  });

  it('refuses a Report-Only CSP naming another cluster’s host too', () => {
    const copy = doneRight(
      (s) => (s.ingress.contentSecurityPolicyReportOnly = "connect-src 'self' wss://corpus.pms.example.com"),
    );
    expect(messages(copy, [original, copy]).map((m) => m.split(':')[0])).toEqual([
      '[pms-copy] ingress.contentSecurityPolicyReportOnly = "wss',
    ]);
  });

  it('refuses a name listed twice, once, and compares each shared value once for the whole fleet', () => {
    const copy = copied();
    const all = fleetIdentityIssues([original, copy, original]).map(formatIssue);
    expect(all.filter((m) => m.startsWith('[pms-corpus] name'))).toEqual([
      '[pms-corpus] name = "pms-corpus": listed twice in the fleet (apps/argocd/src/fleet.ts); allowed: each name once: it is the folder under clusters/, the Argo CD destination and the app (at fleet check)',
    ]);
    expect(all.filter((m) => m.startsWith('[pms-copy, pms-corpus] vpc.id'))).toHaveLength(1);
  });
});

describe('every cluster render checks itself against the fleet', () => {
  it('refuses to build a copied cluster app, naming both clusters', () => {
    const copy = copied();
    expect(() => pmsClusterTarget(copy).build(context([original, copy], ['pms-corpus', 'pms-copy']))).toThrow(
      /^\[pms-copy, pms-corpus\] vpc\.id = /,
    );
  });

  it('refuses a cluster app the Argo CD app does not register, even with values of its own', () => {
    const copy = doneRight();
    expect(() => pmsClusterTarget(copy).build(context([original, copy], ['pms-corpus']))).toThrow(
      '[pms-copy] name = "pms-copy": the cluster app is not in the fleet of argocd (apps/argocd/src/fleet.ts): Argo CD would sync its folder with no project destination (every sync refused) and no controller Applications; allowed: a registered cluster: import apps/pms-copy/src/settings.ts and add it to the fleet in apps/argocd/src/fleet.ts (at fleet check)',
    );
    expect(
      pmsClusterTarget(copy).build(context([original, copy], ['pms-corpus', 'pms-copy'])).size,
    ).toBeGreaterThan(0);
  });
});
