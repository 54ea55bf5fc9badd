import { ConfigErrors, SYNC_WAVE_ANNOTATION, SyncWave } from '@pms/core';
import { describe, expect, it } from 'vitest';
import { cluster, render } from './__fixtures__/render.js';
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
      "kubectl -n pms-aws get webacl.wafv2.services.k8s.aws pms-test-web-acl -o jsonpath='{.status.ackResourceMetadata.arn}'",
    );
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
});
