import type { RenderTarget } from '@pms/core';
import { findWorkspaceRoot } from '@pms/render';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadTargets } from '../render/targets.js';
import { syncPlanMain } from './cli.js';

let targets: RenderTarget[];
beforeAll(async () => {
  targets = await loadTargets(findWorkspaceRoot());
});

const run = (argv: string[], from = targets) => {
  let stdout = '';
  let stderr = '';
  const code = syncPlanMain(argv, from, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
};
const clusters = () => targets.filter((t) => t.settings !== undefined).map((t) => t.name);

describe('pnpm sync-plan <cluster>', () => {
  it('prints every cluster’s plan, each Application and its objects with their prerequisites, and exits 0', () => {
    for (const cluster of clusters()) {
      const { code, stdout } = run([cluster]);
      expect(code, cluster).toBe(0);
      expect(stdout).toMatch(/^Sync plan of /);
      expect(stdout).toContain(`Application ${cluster} (wave 0 of pms-argocd)`);
      expect(stdout).toMatch(
        /CRD of elbv2\.k8s\.aws\/IngressClassParams ← Application \S+-aws-load-balancer-controller \(wave -5 of pms-argocd\)/,
      );
      expect(stdout).toContain('No violation');
    }
  });

  it('refuses an unknown cluster, listing the clusters, and a missing argument', () => {
    // A name no cluster app has, whatever the fleet holds.
    const missing = `${clusters().sort().join('-')}-missing`;
    const unknown = run([missing]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toBe(`unknown cluster "${missing}"; known: ${clusters().sort().join(', ')}\n`);
    expect(run([]).stderr).toMatch(/^usage: pnpm sync-plan <cluster>/);
  });

  it('exits 1 with the violations when the plan has some', () => {
    const cluster = clusters()[0]!;
    const broken = targets.map((t) =>
      t.syncSources
        ? {
            ...t,
            syncSources: (name: string) => {
              const sources = t.syncSources!(name)!;
              return { ...sources, applicationHealth: false };
            },
          }
        : t,
    );
    const { code, stdout } = run([cluster], broken);
    expect(code).toBe(1);
    expect(stdout).toMatch(/\d+ violation\(s\):\n\[/);
    expect(stdout).toContain('argocd-cm has no health check for argoproj.io/Application');
  });
});
