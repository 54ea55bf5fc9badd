import { formatIssue } from '@pms/core';
import type { PmsClusterSettings } from '@pms/platform';
import { describe, expect, it } from 'vitest';
import { buildArgoCd } from './build.js';
import { fleet } from './fleet.js';
import { checkFleetIdentity, cspHosts, fleetIdentityIssues } from './fleet-identity.js';

type Mutable<T> = { -readonly [K in keyof T]: T[K] extends object ? Mutable<T[K]> : T[K] };
const staging = fleet.find((c) => c.name === 'pms-staging')!;
const prod = fleet.find((c) => c.name === 'pms-prod')!;

/** `pms-copy`, copied from staging with only the obvious fields (name, host, EKS cluster name) changed. */
function qaCopiedFromStaging(): Mutable<PmsClusterSettings> {
  const qa = structuredClone(staging) as Mutable<PmsClusterSettings>;
  qa.name = 'pms-copy';
  qa.eksClusterName = 'pms-copy';
  qa.host = 'copy.pms.example.com';
  return qa;
}

/** `pms-copy` with every value of its own, in staging's account. */
function qaDoneRight(): Mutable<PmsClusterSettings> {
  const qa = qaCopiedFromStaging();
  qa.vpc.id = 'vpc-0a1b2c3d4e5f60744';
  qa.vpc.albSubnets = qa.vpc.albSubnets.map((s) => ({ ...s, id: s.id.replace('6200', '6400') }));
  qa.accessLogs = { bucket: 'pms-copy-alb-access-logs', prefix: 'alb/pms-copy' };
  qa.security = { controllerIdentity: { mode: 'irsa', oidcProviderId: '4E3D40A1B2C34A5B8C6D7E8F9A0B1C2D' } };
  qa.ingress.contentSecurityPolicy = staging.ingress.contentSecurityPolicy!.replace(
    'wss://staging.pms.example.com',
    'wss://copy.pms.example.com',
  );
  return qa;
}

const messages = (clusters: readonly PmsClusterSettings[]) => fleetIdentityIssues(clusters).map(formatIssue);

describe('the fleet check (copy-paste leftovers across clusters)', () => {
  it('accepts the registered fleet and a new cluster with values of its own', () => {
    expect(messages(fleet)).toEqual([]);
    expect(messages([...fleet, qaDoneRight()])).toEqual([]);
  });

  it('refuses every value pms-copy kept from pms-staging, naming both clusters, the field, the value and what is allowed', () => {
    const qa = qaCopiedFromStaging();
    const found = messages([...fleet, qa]);
    expect(found).toEqual([
      `[pms-copy] vpc.id = "vpc-0a1b2c3d4e5f60722": the same VPC, in the same account, as pms-staging (one of them was probably copied from the other; each cluster needs its own); allowed: the id of pms-copy's own VPC; one cluster per VPC within an account (at argocd fleet check)`,
      ...[0, 1, 2].map(
        (i) =>
          `[pms-copy] vpc.albSubnets[${i}].id = "${staging.vpc.albSubnets[i]!.id}": the same ALB subnet id as pms-staging (one of them was probably copied from the other; each cluster needs its own); allowed: the ids of pms-copy's own public subnets (in its VPC "vpc-0a1b2c3d4e5f60722") (at argocd fleet check)`,
      ),
      `[pms-copy] accessLogs.bucket = "pms-staging-alb-access-logs": the same rendered access-log bucket as pms-staging (one of them was probably copied from the other; each cluster needs its own); allowed: a bucket of pms-copy's own, e.g. "pms-copy-alb-access-logs" (each cluster renders its access-log bucket as an ACK Bucket, and two would fight over one bucket's policy); to share a bucket, declare it accessLogs.external: true in both (at argocd fleet check)`,
      `[pms-copy] accessLogs = {"bucket":"pms-staging-alb-access-logs","prefix":"alb/pms-staging"}: the same access-log bucket and prefix as pms-staging (one of them was probably copied from the other; each cluster needs its own); allowed: a bucket and prefix no other cluster writes to, e.g. prefix "alb/pms-copy" (otherwise both ALBs' logs mix) (at argocd fleet check)`,
      `[pms-copy] security.controllerIdentity.oidcProviderId = "${(staging.security.controllerIdentity as { oidcProviderId: string }).oidcProviderId}": the same OIDC provider id as pms-staging (one of them was probably copied from the other; each cluster needs its own); allowed: the id at the end of pms-copy's own OIDC issuer (aws eks describe-cluster --name pms-copy --query cluster.identity.oidc.issuer) (at argocd fleet check)`,
      `[pms-copy] ingress.contentSecurityPolicy = "wss://staging.pms.example.com": names pms-staging's host "staging.pms.example.com" (probably left over from copying pms-staging's settings); allowed: sources on pms-copy's own host "copy.pms.example.com" or outside the fleet; never another cluster's host (at argocd fleet check)`,
    ]);
  });

  it('refuses a duplicate cluster name, host and EKS cluster name', () => {
    const qa = qaDoneRight();
    qa.host = 'STAGING.pms.example.com';
    qa.eksClusterName = staging.eksClusterName;
    const found = messages([...fleet, qa, { ...prod }]);
    expect(found).toContain(
      '[pms-prod] name = "pms-prod": the name of two cluster apps\' settings (a copied app that kept the original\'s name?); allowed: each name once: it is the folder under clusters/, the Argo CD destination and the app (at argocd fleet check)',
    );
    // the second pms-prod is not compared further: its other values are the name's consequence
    expect(found.filter((m) => m.startsWith('[pms-prod]'))).toHaveLength(1);
    expect(found).toContain(
      '[pms-copy] host = "staging.pms.example.com": the same host as pms-staging (one of them was probably copied from the other; each cluster needs its own); allowed: a host name no other cluster serves (two ALBs cannot answer for one DNS name) (at argocd fleet check)',
    );
    expect(found).toContain(
      '[pms-copy] eksClusterName = "pms-staging": the same EKS cluster name as pms-staging (one of them was probably copied from the other; each cluster needs its own); allowed: the name of pms-copy\'s own EKS cluster (aws eks list-clusters in account 222222222222) (at argocd fleet check)',
    );
  });

  it('allows the same VPC id in another account (a VPC shared through AWS RAM)', () => {
    const qa = qaDoneRight();
    qa.aws.accountId = '444444444444';
    qa.vpc.id = staging.vpc.id;
    expect(messages([...fleet, qa])).toEqual([]);
  });

  it('refuses a CSP naming another cluster’s host in any directive and form, but not a longer host that contains it', () => {
    const qa = qaDoneRight();
    qa.ingress.contentSecurityPolicy =
      "default-src 'self'; img-src https://PMS.example.com:443/img data:; connect-src wss://x.pms.example.com";
    const found = messages([...fleet, qa]);
    expect(found).toHaveLength(1);
    expect(found[0]).toContain(
      '[pms-copy] ingress.contentSecurityPolicy = "https://PMS.example.com:443/img": names pms-prod\'s host "pms.example.com"',
    );
  });

  it('reads the hosts of a CSP, skipping keywords and schemes', () => {
    expect(
      cspHosts(
        "connect-src 'self' wss://a.example.com https://b.example.com:8443/x data: blob: *.c.example.com",
      ),
    ).toEqual([
      { source: 'wss://a.example.com', host: 'a.example.com' },
      { source: 'https://b.example.com:8443/x', host: 'b.example.com' },
      { source: '*.c.example.com', host: '*.c.example.com' },
    ]);
  });

  it('runs in the Argo CD render, before any cluster is built', () => {
    expect(() => checkFleetIdentity([...fleet, qaCopiedFromStaging()])).toThrow(/\[pms-copy\] vpc\.id/);
    expect(() => buildArgoCd([...fleet, qaCopiedFromStaging()])).toThrow(
      /^\[pms-copy\] vpc\.id = .*\n[\s\S]*\[pms-copy\] ingress\.contentSecurityPolicy = "wss:\/\/staging\.pms\.example\.com"/,
    );
  });

  it('refuses a certificate or web ACL ARN pinned in two clusters', () => {
    const pinned = {
      certificateArn:
        'arn:aws:acm:eu-central-1:222222222222:certificate/1d2e3f40-2222-4a5b-8c6d-7e8f9a0b1c2d',
      webAclArn:
        'arn:aws:wafv2:eu-central-1:222222222222:regional/webacl/pms-staging-web-acl/5a6b7c8d-2222-4e2f-9a0b-1c2d3e4f5a6b',
    };
    const stagingPinned = { ...structuredClone(staging), ...pinned };
    const qa = { ...qaDoneRight(), ...pinned };
    const found = messages([stagingPinned, qa]);
    expect(found).toContain(
      `[pms-copy] certificateArn = "${pinned.certificateArn}": the same certificate ARN as pms-staging (one of them was probably copied from the other; each cluster needs its own); allowed: the ARN of pms-copy's own ACM certificate for "copy.pms.example.com" (at argocd fleet check)`,
    );
    expect(found).toContain(
      `[pms-copy] webAclArn = "${pinned.webAclArn}": the same web ACL ARN as pms-staging (one of them was probably copied from the other; each cluster needs its own); allowed: the ARN of pms-copy's own regional web ACL (at argocd fleet check)`,
    );
  });

  it('lets two clusters share an access-log bucket only when both declare it external', () => {
    const shared = (prefix: string) => ({ bucket: 'central-alb-logs', prefix, external: true });
    const stagingExternal = { ...structuredClone(staging), accessLogs: shared('alb/pms-staging') };
    const qa = { ...qaDoneRight(), accessLogs: shared('alb/pms-copy') };
    expect(messages([stagingExternal, qa])).toEqual([]);
  });
});
