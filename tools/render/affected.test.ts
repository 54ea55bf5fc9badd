/**
 * The affected graph and the drift check, in a temporary copy of this workspace (its own git history; the
 * workspace's git state is never touched). Nx runs without daemon and cloud. The clusters are the workspace's
 * cluster apps, so a new cluster app is covered without touching this file; every test puts the temporary
 * repository back as it found it, also when it fails, so one failure does not cascade into the next test.
 */
import { findWorkspaceRoot } from '@pms/render';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureObjects } from '../diff/__fixtures__/cluster.js';
import { installFixtureLibrary } from '../diff/__fixtures__/fixture-lib.js';
import { TempRepo } from '../diff/__fixtures__/temp-repo.js';
import { loadClusterSettings } from './targets.js';

/** The cluster apps' names, sorted. */
const clusterNames = (await loadClusterSettings<{ name: string }>(findWorkspaceRoot()))
  .map((s) => s.name)
  .sort();
const someCluster = clusterNames[0];
if (!someCluster) throw new Error('no cluster app (apps/<name>/src/settings.ts) in the workspace');

let repo: TempRepo;
beforeAll(() => {
  repo = TempRepo.fromWorkspace();
});
afterAll(() => repo?.dispose());

/** Runs `body`, then restores the temporary repository's commit and files, whatever happened. */
function restoring(body: () => void): () => void {
  return () => {
    const start = repo.git('rev-parse', 'HEAD');
    try {
      body();
    } finally {
      repo.git('reset', '-q', '--hard', start);
      repo.git('clean', '-qfd');
    }
  };
}

const clusters = (projects: string[]) => projects.filter((p) => clusterNames.includes(p));

describe('nx show projects --affected (render targets)', () => {
  it(
    'marks every cluster affected by a change in a concern library',
    restoring(() => {
      repo.write('libs/ingress/src/index.ts', `${repo.read('libs/ingress/src/index.ts')}// a change\n`);
      expect(clusters(repo.affected('HEAD'))).toEqual(clusterNames);
    }),
  );

  it(
    'marks only that cluster affected by a change in one cluster’s settings',
    restoring(() => {
      const settings = `apps/${someCluster}/src/settings.ts`;
      repo.write(settings, `${repo.read(settings)}// a change\n`);
      repo.commit(`change ${someCluster} settings`);
      expect(clusters(repo.affected('HEAD~1'))).toEqual([someCluster]);
    }),
  );
});

/** `pnpm drift`: the fast render path in check mode. */
const drift = () => repo.node(['tools/render/bin.mjs', '--check']);

describe('pnpm drift (node tools/render/bin.mjs --check)', () => {
  it(
    'passes on current output and fails naming a stale committed file',
    restoring(() => {
      installFixtureLibrary(repo, fixtureObjects());
      const render = repo.node(['tools/render/bin.mjs']);
      expect(render.status, render.stderr).toBe(0);
      repo.commit('render the fixture');
      const current = drift();
      expect(current.status, current.stderr).toBe(0);

      const stale = `clusters/${someCluster}/pms/ingress/pms.yaml`;
      repo.write(stale, repo.read(stale).replace('path: /api', 'path: /api/v1'));
      repo.commit('hand-edit rendered output');
      const check = drift();
      expect(check.status).toBe(1);
      expect(check.stderr).toContain(`changed ${stale}`);
      expect(check.stderr).toContain('run `pnpm render` and commit the result');
    }),
  );
});
