import { prerequisitesLink, SyncWave } from '@pms/core';
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { cluster, only, render } from './__fixtures__/render.js';
import { certificateCovers, certificateValidationPrerequisite, PmsCertificate } from './certificate.js';

describe('PmsCertificate', () => {
  const { construct, manifests } = render((scope) => new PmsCertificate(scope, 'certificate', { cluster }));

  it('renders an ACK Certificate for the host, RSA 2048, in the cluster region', () => {
    const certificate = only(manifests, 'Certificate');
    expect(certificate.apiVersion).toBe('acm.services.k8s.aws/v1alpha1');
    expect(certificate.metadata).toMatchObject({
      name: 'pms',
      namespace: 'pms-aws',
      annotations: {
        'argocd.argoproj.io/sync-wave': String(SyncWave.certificate),
        'services.k8s.aws/region': 'eu-central-1',
        'services.k8s.aws/deletion-policy': 'retain',
      },
    });
    expect(certificate.spec).toMatchObject({
      domainName: 'pms.example.com',
      keyAlgorithm: 'RSA_2048',
      options: { certificateTransparencyLoggingPreference: 'ENABLED' },
    });
    expect(construct.names).toEqual(['pms.example.com']);
  });

  it('points to the cluster prerequisites section for the DNS validation step, without repeating its commands', () => {
    expect(construct.docs.body).toContain(prerequisitesLink(construct.prerequisite.id));
    expect(construct.docs.body).not.toContain(construct.prerequisite.fix);
  });
});

describe('certificateValidationPrerequisite', () => {
  const prerequisite = certificateValidationPrerequisite(cluster);

  it('checks that the certificate is ISSUED, for this cluster only', () => {
    expect(prerequisite.id).toBe('acm-dns-validation');
    expect(prerequisite.check).toBe(
      `test "$(kubectl --context pms-test -n pms-aws get certificate.acm.services.k8s.aws pms -o jsonpath='{.status.status}')" = ISSUED`,
    );
    expect(prerequisite.why).toContain('HOSTED_ZONE_ID');
    expect(prerequisite.check).toContain(prerequisite.inspect);
    // The record exists only once ACK has requested the certificate: done while the first sync waits for it.
    expect(prerequisite.when).toBe('during-first-sync');
  });

  /** Runs a command in bash with `kubectl` and `aws` replaced by shell functions; returns what they printed. */
  const runWithStubs = (command: string, kubectlOutput: string): string =>
    execFileSync(
      'bash',
      [
        '-c',
        `kubectl() { printf '%s' "$KUBECTL_OUTPUT"; }\naws() { printf '%s\\n' "$*"; }\nHOSTED_ZONE_ID=Z0TEST\n${command}`,
      ],
      {
        env: { PATH: process.env['PATH'] ?? '', KUBECTL_OUTPUT: kubectlOutput },
        encoding: 'utf8',
        // No stdin: bash reads ~/.bashrc even without -i when its stdin is a socket (node's default pipe), as
        // it does for rsh/sshd (bash(1), INVOCATION); the commands read nothing from it.
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );

  it('passes its check only when kubectl prints ISSUED', () => {
    const passes = (status: string) => {
      try {
        runWithStubs(prerequisite.check, status);
        return true;
      } catch {
        return false;
      }
    };
    expect(passes('ISSUED')).toBe(true);
    expect(passes('PENDING_VALIDATION')).toBe(false);
  });

  it('upserts each validation record of the status into the hosted zone, as a JSON change batch', () => {
    const record = '_3f1a.pms.example.com. CNAME _9b2c.acm-validations.aws.\n';
    const lines = runWithStubs(prerequisite.fix, record).trim().split('\n');
    expect(lines).toHaveLength(1);
    const [, zone, batch] = /--hosted-zone-id (\S+) --change-batch (.*)$/.exec(lines[0]!)!;
    expect(lines[0]).toMatch(/^route53 change-resource-record-sets /);
    expect(zone).toBe('Z0TEST');
    expect(JSON.parse(batch!)).toEqual({
      Changes: [
        {
          Action: 'UPSERT',
          ResourceRecordSet: {
            Name: '_3f1a.pms.example.com.',
            Type: 'CNAME',
            TTL: 300,
            ResourceRecords: [{ Value: '_9b2c.acm-validations.aws.' }],
          },
        },
      ],
    });
  });
});

describe('certificateValidationPrerequisite with the hosted zone known (dns.hostedZoneId)', () => {
  const zone = 'Z0KNOWNZONE1';
  const prerequisite = certificateValidationPrerequisite(cluster, zone);

  it('writes the record into that zone, with nothing left to set', () => {
    expect(prerequisite.fix).toContain(`--hosted-zone-id ${zone} `);
    expect(prerequisite.fix).not.toContain('HOSTED_ZONE_ID');
    expect(prerequisite.why).not.toContain('HOSTED_ZONE_ID');
    expect(prerequisite.why).toContain(`hosted zone ${zone}`);
  });

  it('changes nothing else of the step', () => {
    const unknown = certificateValidationPrerequisite(cluster);
    const { fix: _fix, why: _why, ...rest } = prerequisite;
    const { fix: _f, why: _w, ...restUnknown } = unknown;
    expect(rest).toEqual(restUnknown);
    expect(prerequisite.fix.replace(zone, '"$HOSTED_ZONE_ID"')).toBe(unknown.fix);
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
