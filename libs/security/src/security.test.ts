import { ConfigError, ConfigErrors, SYNC_WAVE_ANNOTATION, SyncWave } from '@pms/core';
import { describe, expect, it } from 'vitest';
import { cluster, render } from './__fixtures__/render.js';
import { pmsAwsTags, resolveAlbGroups } from '@pms/ingress';
import { bootstrapDocs } from './bootstrap-docs.js';
import { compliantObjects, manifestsOf } from './gate/__fixtures__/cluster.js';
import { PmsSecurity } from './security.js';
import type { SecuritySettings } from './settings.js';

const settings: SecuritySettings = {
  controllerIdentity: { mode: 'irsa', oidcProviderId: '0123456789ABCDEF0123456789ABCDEF' },
};
const security = (s: SecuritySettings = settings, c = cluster) =>
  render((scope) => new PmsSecurity(scope, 'security', { cluster: c, settings: s }));

describe('PmsSecurity', () => {
  it('renders the namespace, web ACL, certificate and controller IAM', () => {
    const { manifests } = security();
    expect(manifests.map((m) => `${m.kind} ${m.metadata.namespace ?? ''}/${m.metadata.name}`)).toEqual([
      'Namespace /pms-aws',
      'WebACL pms-aws/pms-test-web-acl',
      'Certificate pms-aws/pms',
      'Policy pms-aws/pms-test-aws-load-balancer-controller',
      'Role pms-aws/pms-test-aws-load-balancer-controller',
    ]);
  });

  it('puts the namespace in the foundation wave and every AWS object in the platform wave, with recommended labels', () => {
    for (const manifest of security().manifests) {
      const wave = manifest.kind === 'Namespace' ? SyncWave.foundation : SyncWave.platform;
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
      'Load balancer controller IAM',
    ]);
    expect([...construct.extraFiles.keys()]).toEqual(['iam/aws-load-balancer-controller-policy.json']);
    expect(construct.docs[0]!.body).toContain(
      "kubectl --context pms-test -n pms-aws get webacl.wafv2.services.k8s.aws pms-test-web-acl -o jsonpath='{.status.ackResourceMetadata.arn}'",
    );
  });

  it('names the cluster in every kubectl command of its README sections', () => {
    const commands = security().construct.docs.flatMap((d) => d.body.match(/kubectl [^`]*/g) ?? []);
    expect(commands.length).toBeGreaterThan(0);
    for (const command of commands) expect(command).toMatch(/^kubectl --context pms-test /);
  });

  it('reports every problem of the security settings at once', () => {
    const bad = { ...cluster, webAclArn: cluster.webAclArn.replace('pms-test-web-acl', 'other') };
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
    const other = { ...cluster, webAclArn: cluster.webAclArn.replace('pms-test-web-acl', 'seed-acl') };
    expect(() => security(settings, other)).toThrow(
      '[pms-test] webAclArn = "arn:aws:wafv2:eu-central-1:123456789012:regional/webacl/seed-acl/5a6b7c8d-9999-4e2f-9a0b-1c2d3e4f5a6b": names the web ACL "seed-acl", so the ALB would not use the ACL this repository manages; allowed: the ARN of the web ACL "pms-test-web-acl" that ACK creates',
    );
  });

  describe('docs say where the ALB really reads the ARNs (from the ALB model)', () => {
    // The gate fixture's ALB: web ACL on the IngressClassParams, certificate in an Ingress annotation.
    const [alb] = resolveAlbGroups(manifestsOf(compliantObjects()));
    const docs = (withAlb = true) =>
      render(
        (scope) =>
          new PmsSecurity(scope, 'security', { cluster, settings, ...(withAlb ? { alb: alb! } : {}) }),
      ).construct.docs;
    const body = (title: string, withAlb = true) => docs(withAlb).find((d) => d.title === title)!.body;

    it('names the IngressClassParams field for the web ACL', () => {
      expect(body('WAF web ACL')).toContain(
        `The ALB reads it from \`spec.wafv2AclArn\` of IngressClassParams \`alb\`: \`${cluster.webAclArn}\``,
      );
      expect(body('WAF web ACL')).not.toContain('through the Ingress annotation');
    });

    it('names the annotation for the certificate when that is where it is', () => {
      expect(body('TLS certificate')).toContain(
        "the ALB's HTTPS listener 443 reads it from annotation `alb.ingress.kubernetes.io/certificate-arn` of Ingress `pms/pms`",
      );
      const inParams = structuredClone(compliantObjects());
      inParams.params.spec.certificateArn = [cluster.certificateArn];
      delete inParams.ingress.metadata.annotations['alb.ingress.kubernetes.io/certificate-arn'];
      const [paramsAlb] = resolveAlbGroups(manifestsOf(inParams));
      const certificate = render(
        (scope) => new PmsSecurity(scope, 'security', { cluster, settings, alb: paramsAlb! }),
      ).construct.docs.find((d) => d.title === 'TLS certificate')!.body;
      expect(certificate).toContain(
        "the ALB's HTTPS listener 443 reads it from `spec.certificateArn` of IngressClassParams `alb`",
      );
    });

    it('says so when no ALB model is given, instead of guessing', () => {
      expect(body('WAF web ACL', false)).toContain(
        'The ALB is not part of this render (settings `webAclArn`',
      );
    });

    it('orders the bootstrap: the ALB exists after step 1, web ACL before a usable certificate, certificate once ISSUED', () => {
      const bootstrap = body('AWS resource bootstrap');
      expect(bootstrap).not.toContain('no ALB exists');
      expect(bootstrap).toContain(
        'The controller creates the ALB right away (it creates the load balancer before its listeners)',
      );
      expect(bootstrap).toContain(
        'It must be in place before the Ingress first syncs with a usable certificate',
      );
      expect(bootstrap).toContain('**Wire the certificate** only once it is ISSUED');
      expect(bootstrap).toContain(
        'the render writes `webAclArn` to `spec.wafv2AclArn` of IngressClassParams `alb` and `certificateArn` to annotation `alb.ingress.kubernetes.io/certificate-arn` of Ingress `pms/pms`',
      );
    });

    it('writes the placeholder ARNs in the cluster partition', () => {
      const china = { ...cluster, aws: { ...cluster.aws, region: 'cn-north-1' } };
      const bootstrap = bootstrapDocs(china).body;
      expect(bootstrap).toContain(
        '`arn:aws-cn:wafv2:cn-north-1:123456789012:regional/webacl/pms-test-web-acl/',
      );
      expect(bootstrap).not.toContain('arn:aws:');
    });
  });

  it('tags every ACK object with the same pms:* keys as the ALB', () => {
    const albKeys = pmsAwsTags(cluster).map((t) => t.key);
    for (const manifest of security().manifests.filter((m) => m.kind !== 'Namespace')) {
      const tags = (manifest.spec as { tags: { key: string; value: string }[] }).tags;
      expect(tags.map((t) => t.key)).toEqual([...albKeys, 'pms:component']);
      expect(Object.fromEntries(tags.map((t) => [t.key, t.value]))).toMatchObject({
        'pms:cluster': 'pms-test',
        'pms:environment': 'prod',
        'pms:managed-by': 'pms-gitops',
      });
    }
  });
});
