import { describe, expect, it } from 'vitest';
import { cluster, only, render } from './__fixtures__/render.js';
import { certificateCovers, PmsCertificate } from './certificate.js';

describe('PmsCertificate', () => {
  const { construct, manifests } = render((scope) => new PmsCertificate(scope, 'certificate', { cluster }));

  it('renders an ACK Certificate for the host, RSA 2048, in the cluster region', () => {
    const certificate = only(manifests, 'Certificate');
    expect(certificate.apiVersion).toBe('acm.services.k8s.aws/v1alpha1');
    expect(certificate.metadata).toMatchObject({
      name: 'pms',
      namespace: 'pms-aws',
      annotations: { 'argocd.argoproj.io/sync-wave': '-5', 'services.k8s.aws/region': 'eu-central-1' },
    });
    expect(certificate.spec).toMatchObject({
      domainName: 'pms.example.com',
      keyAlgorithm: 'RSA_2048',
      options: { certificateTransparencyLoggingPreference: 'ENABLED' },
    });
    expect(construct.names).toEqual(['pms.example.com']);
  });

  it('documents the DNS validation step and where the ARN goes', () => {
    expect(construct.docs.body).toContain("jsonpath='{.status.domainValidations[*].resourceRecord}'");
    expect(construct.docs.body).toContain('into `certificateArn` in `apps/pms-test/src/settings.ts`');
  });
});

describe('certificateCovers', () => {
  it('covers the exact host and one level of wildcard, nothing more', () => {
    expect(certificateCovers(['pms.example.com'], 'pms.example.com')).toBe(true);
    expect(certificateCovers(['*.example.com'], 'pms.example.com')).toBe(true);
    expect(certificateCovers(['*.example.com'], 'a.pms.example.com')).toBe(false);
    expect(certificateCovers(['pms.example.com'], 'dev.pms.example.com')).toBe(false);
  });
});
