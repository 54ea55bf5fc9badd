import { pmsClusterTarget, type PmsClusterSettings } from '@pms/platform';
import { renderTargets } from '@pms/render';
import { describe, expect, it } from 'vitest';
import { buildArgoCd } from './build.js';
import { fleet } from './fleet.js';

/**
 * A copy of `cluster` pinning a certificate of the wrong region: the cluster itself does not build. The certificate
 * id ends in the cluster's place in the fleet: clusters of one account must not pin the same certificate, which the
 * fleet check would refuse on top.
 */
const withBadCertificate = (cluster: PmsClusterSettings, index = 0): PmsClusterSettings => ({
  ...cluster,
  certificateArn: `arn:aws:acm:us-east-1:${cluster.aws.accountId}:certificate/1d2e3f40-1111-4a5b-8c6d-${String(index).padStart(12, '0')}`,
});

const messageOf = (build: () => unknown): string => {
  try {
    build();
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('no error');
};

describe('a cluster that does not build', () => {
  const broken = withBadCertificate(fleet[0]!);
  const others = fleet.slice(1);
  const ownError = messageOf(() => pmsClusterTarget(broken).build());

  it('is one line under argocd, not its own errors again', () => {
    expect(ownError).toContain(`[${broken.name}] certificateArn`);
    expect(messageOf(() => buildArgoCd([broken, ...others]))).toBe(
      `[argocd] fleet = "${broken.name}": cluster ${broken.name} does not build; its own error is reported under "✗ ${broken.name}" (pnpm render ${broken.name}); allowed: clusters that build: the project and the controller Applications derive from their objects`,
    );
  });

  it('is one line per broken cluster', () => {
    const lines = messageOf(() =>
      buildArgoCd(fleet.map((cluster, i) => withBadCertificate(cluster, i))),
    ).split('\n');
    expect(lines).toEqual(
      fleet.map((c) =>
        expect.stringMatching(
          new RegExp(`^\\[argocd\\] fleet = "${c.name}": cluster ${c.name} does not build;`),
        ),
      ),
    );
  });

  it('reads, in the render report, its error once: under its own target, argocd naming it after', () => {
    const argocd = {
      name: 'argocd',
      outDir: 'argocd',
      build: () => new Map(buildArgoCd([broken, ...others]).manifests.map((m) => [m.metadata.name, ''])),
    };
    const report = renderTargets('/nonexistent', [argocd, pmsClusterTarget(broken)], 'check');
    expect(report.ok).toBe(false);
    const text = report.lines.join('\n');
    expect(text.split(`[${broken.name}] certificateArn`)).toHaveLength(2);
    expect(report.lines[0]).toContain(
      `✗ ${broken.name}: render failed (settings: apps/${broken.name}/src/settings.ts)\n    [${broken.name}] certificateArn`,
    );
    // argocd's own line about the broken cluster only echoes it: one line after, no message repeated
    expect(report.lines[1]).toBe(
      `✗ argocd: render failed: it derives from ${broken.name}, which does not build (reported above)`,
    );
  });
});
