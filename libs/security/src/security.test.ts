import {
  ConfigError,
  ConfigErrors,
  firstSyncLink,
  prerequisitesLink,
  STATEFUL_AWS_KINDS,
  SYNC_WAVE_ANNOTATION,
  SyncWave,
} from '@pms/core';
import { describe, expect, it } from 'vitest';
import { cluster, render } from './__fixtures__/render.js';
import { pmsAwsTags, resolveAlbGroups } from '@pms/ingress';
import { bootstrapDocs } from './bootstrap-docs.js';
import { ARN, compliantObjects, manifestsOf } from './gate/__fixtures__/cluster.js';
import { PmsSecurity } from './security.js';
import type { SecuritySettings } from './settings.js';

const settings: SecuritySettings = {
  controllerIdentity: { mode: 'irsa', oidcProviderId: '0123456789ABCDEF0123456789ABCDEF' },
};
const security = (s: SecuritySettings = settings, c = cluster) =>
  render((scope) => new PmsSecurity(scope, 'security', { cluster: c, settings: s }));

describe('PmsSecurity', () => {
  it('renders the namespace, web ACL, certificate, access-log bucket and controller IAM', () => {
    const { manifests } = security();
    expect(manifests.map((m) => `${m.kind} ${m.metadata.namespace ?? ''}/${m.metadata.name}`)).toEqual([
      'Namespace /pms-aws',
      'WebACL pms-aws/pms-test-web-acl',
      'Certificate pms-aws/pms',
      `Bucket pms-aws/${cluster.accessLogs.bucket}`,
      'Policy pms-aws/pms-test-aws-load-balancer-controller',
      'Role pms-aws/pms-test-aws-load-balancer-controller',
    ]);
  });

  it('renders no bucket for an access-log bucket declared external', () => {
    const external = { ...cluster, accessLogs: { ...cluster.accessLogs, external: true } };
    const { manifests, construct } = security(settings, external);
    expect(manifests.filter((m) => m.kind === 'Bucket')).toEqual([]);
    expect(construct.accessLogBucket.rendered).toBe(false);
    expect(construct.docs.find((d) => d.title === 'Access-log bucket')!.body).toContain('**external**');
  });

  it('puts the namespace in the foundation wave, the certificate before the Ingress and every other AWS object in the platform wave, with recommended labels', () => {
    const waves: Record<string, number> = {
      Namespace: SyncWave.foundation,
      Certificate: SyncWave.certificate,
    };
    expect(SyncWave.workloads < SyncWave.certificate && SyncWave.certificate < SyncWave.ingress).toBe(true);
    for (const manifest of security().manifests) {
      const wave = waves[manifest.kind] ?? SyncWave.platform;
      expect(manifest.metadata.annotations?.[SYNC_WAVE_ANNOTATION]).toBe(String(wave));
      expect(manifest.metadata.labels).toMatchObject({
        'app.kubernetes.io/part-of': 'pms',
        'app.kubernetes.io/managed-by': 'pms-gitops',
      });
    }
  });

  it('gives the ACK namespace restricted Pod Security and the cluster region as default', () => {
    const namespace = security().manifests[0]!;
    expect(namespace.metadata.labels?.['pod-security.kubernetes.io/enforce']).toBe('restricted');
    expect(namespace.metadata.annotations?.['services.k8s.aws/default-region']).toBe('eu-central-1');
  });

  it('exposes the README sections and the plain JSON policy', () => {
    const { construct } = security();
    expect(construct.docs.map((d) => d.title)).toEqual([
      'AWS resource bootstrap',
      'WAF web ACL',
      'TLS certificate',
      'Access-log bucket',
      'Load balancer controller IAM',
    ]);
    expect([...construct.extraFiles.keys()]).toEqual(['iam/aws-load-balancer-controller-policy.json']);
    expect(construct.prerequisites.map((p) => p.id)).toEqual(['acm-dns-validation']);
  });

  it('names the cluster in every kubectl command of its README sections', () => {
    const commands = security().construct.docs.flatMap((d) => d.body.match(/kubectl [^`]*/g) ?? []);
    expect(commands.length).toBeGreaterThan(0);
    for (const command of commands) expect(command).toMatch(/^kubectl --context pms-test /);
  });

  it('reports every problem of the security settings at once', () => {
    const bad = { ...cluster, webAclArn: ARN.webAcl.replace('pms-test-web-acl', 'other') };
    let error: unknown;
    try {
      security(
        { controllerIdentity: { mode: 'irsa', oidcProviderId: 'abc' }, waf: { rateLimitPer5Minutes: 0 } },
        bad,
      );
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigErrors);
    expect((error as ConfigErrors).issues.map((i) => i.field)).toEqual([
      'webAclArn',
      'security.waf.rateLimitPer5Minutes',
      'security.controllerIdentity.oidcProviderId',
    ]);
  });

  it('refuses a rate limit WAF does not accept, once, as part of the security section', () => {
    expect(() => security({ ...settings, waf: { rateLimitPer5Minutes: 5 } })).toThrow(
      new ConfigError({
        cluster: 'pms-test',
        field: 'security.waf.rateLimitPer5Minutes',
        value: 5,
        allowed: 'a whole number from 10 to 2000000000 requests',
        where: 'pms-test/security',
      }).message,
    );
  });

  it('refuses a webAclArn that names another ACL than the one ACK creates', () => {
    const other = { ...cluster, webAclArn: ARN.webAcl.replace('pms-test-web-acl', 'seed-acl') };
    expect(() => security(settings, other)).toThrow(
      '[pms-test] webAclArn = "arn:aws:wafv2:eu-central-1:123456789012:regional/webacl/seed-acl/5a6b7c8d-9999-4e2f-9a0b-1c2d3e4f5a6b": names the web ACL "seed-acl", so the ALB would not use the ACL this repository manages; allowed: the ARN of the web ACL "pms-test-web-acl" that ACK creates',
    );
  });

  describe('docs say how the ALB really finds its web ACL and certificate (from the ALB model)', () => {
    // The gate fixture's ALB: the web ACL by name on the IngressClassParams, the certificate by discovery.
    const [alb] = resolveAlbGroups(manifestsOf(compliantObjects()));
    const docs = (withAlb = true) =>
      render(
        (scope) =>
          new PmsSecurity(scope, 'security', { cluster, settings, ...(withAlb ? { alb: alb! } : {}) }),
      ).construct.docs;
    const body = (title: string, withAlb = true) => docs(withAlb).find((d) => d.title === title)!.body;

    it('names the IngressClassParams field that names the web ACL, and says the controller resolves it', () => {
      expect(body('WAF web ACL')).toContain(
        'The ALB names it in `spec.wafv2AclName` of IngressClassParams `alb`: `pms-test-web-acl`; the load balancer controller resolves the name',
      );
    });

    it('says the certificate is discovered from the host, or names the field of a pinned ARN', () => {
      expect(body('TLS certificate')).toContain(
        "the ALB's HTTPS listener 443 names no ARN: the load balancer controller discovers it, attaching every ISSUED ACM certificate of the account and region whose names cover `pms.example.com`",
      );
      const pinned = structuredClone(compliantObjects());
      pinned.params.spec.certificateArn = [ARN.certificate];
      const [pinnedAlb] = resolveAlbGroups(manifestsOf(pinned));
      const certificate = render(
        (scope) => new PmsSecurity(scope, 'security', { cluster, settings, alb: pinnedAlb! }),
      ).construct.docs.find((d) => d.title === 'TLS certificate')!.body;
      expect(certificate).toContain(
        "the ALB's HTTPS listener 443 reads its ARN from `spec.certificateArn` of IngressClassParams `alb`",
      );
    });

    it('says so when no ALB model is given, instead of guessing', () => {
      expect(body('WAF web ACL', false)).toContain('The ALB is not part of this render.');
    });

    it('leaves the order to "First sync" and says what each AWS resource waits for; no ARN to copy', () => {
      const bootstrap = body('AWS resource bootstrap');
      expect(bootstrap).toContain(firstSyncLink());
      // The order lives in "First sync" (derived from the sync plan): no wave numbers here to go stale.
      expect(bootstrap).not.toMatch(/\bwave -?\d+/i);
      const parts = ['**The ACK objects**', '**The certificate**', '**The Ingress**'].map((p) =>
        bootstrap.indexOf(p),
      );
      expect(parts.every((index) => index >= 0)).toBe(true);
      expect(bootstrap).toContain(
        'no ARN is copied into `apps/pms-test/src/settings.ts`: a new cluster is one pull request',
      );
      expect(bootstrap).toContain(`prerequisite ${prerequisitesLink('acm-dns-validation')}`);
      // Only the stateful kinds are retained; the rest (dashboard, alarms) are not claimed to be.
      for (const { kind } of STATEFUL_AWS_KINDS) expect(bootstrap).toContain(kind);
      expect(bootstrap).not.toContain('The ACK objects carry');
      expect(bootstrap).not.toContain('placeholder');
    });

    it('names external-dns among the IAM owners only when its role is rendered', () => {
      expect(bootstrapDocs(cluster, undefined, true).body).toContain('external-dns');
      expect(bootstrapDocs(cluster).body).not.toContain('external-dns');
    });
  });

  it('tags every ACK object with the same pms:* keys as the ALB', () => {
    const albKeys = pmsAwsTags(cluster).map((t) => t.key);
    for (const manifest of security().manifests.filter((m) => m.kind !== 'Namespace')) {
      // S3 buckets carry their tags under tagging.tagSet, every other ACK kind under tags.
      const spec = manifest.spec as {
        tags?: { key: string; value: string }[];
        tagging?: { tagSet: { key: string; value: string }[] };
      };
      const tags = spec.tags ?? spec.tagging!.tagSet;
      expect(tags.map((t) => t.key)).toEqual([...albKeys, 'pms:component']);
      expect(Object.fromEntries(tags.map((t) => [t.key, t.value]))).toMatchObject({
        'pms:cluster': 'pms-test',
        'pms:environment': 'prod',
        'pms:managed-by': 'pms-gitops',
      });
    }
  });
});
