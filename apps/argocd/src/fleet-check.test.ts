import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkFleetMatchesClusterApps } from './fleet-check.js';
import { fleet } from './fleet.js';
import { repositoryTree } from './repo-tree.js';

/** The cluster apps of this workspace: `apps/<name>/` holding `src/settings.ts`. */
function clusterAppsOfWorkspace(): string[] {
  const { root, directories } = repositoryTree();
  return directories
    .filter((d) => /^apps\/[^/]+$/.test(d))
    .filter((d) => existsSync(join(root, d, 'src', 'settings.ts')))
    .map((d) => d.slice('apps/'.length));
}

describe('the fleet matches the cluster apps', () => {
  it('lists exactly the cluster apps of this workspace', () => {
    const apps = clusterAppsOfWorkspace();
    expect(apps.length).toBeGreaterThan(0);
    expect(() =>
      checkFleetMatchesClusterApps(
        fleet.map((c) => c.name),
        apps,
      ),
    ).not.toThrow();
  });

  it('tells where to register a new cluster app that is missing from the fleet', () => {
    expect(() =>
      checkFleetMatchesClusterApps(['pms-dev', 'pms-prod'], ['pms-dev', 'pms-eu2', 'pms-prod']),
    ).toThrow(
      '[argocd] fleet = ["pms-dev","pms-prod"]: cluster app(s) apps/pms-eu2 not registered: import their settings and add them to the fleet in apps/argocd/src/fleet.ts; ' +
        'allowed: exactly the cluster apps of the workspace (pms-dev, pms-eu2, pms-prod); register a new cluster in apps/argocd/src/fleet.ts',
    );
  });

  it('refuses a fleet entry whose cluster app is gone', () => {
    expect(() => checkFleetMatchesClusterApps(['pms-dev', 'pms-old'], ['pms-dev'])).toThrow(
      'pms-old listed in apps/argocd/src/fleet.ts without an apps/<name>/src/settings.ts',
    );
  });
});
