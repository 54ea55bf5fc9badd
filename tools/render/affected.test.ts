/**
 * The affected graph and the drift check, in a temporary copy of this workspace (its own git history; the
 * workspace's git state is never touched). Nx runs without daemon and cloud.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureObjects } from '../diff/__fixtures__/cluster.js';
import { installFixtureLibrary } from '../diff/__fixtures__/fixture-lib.js';
import { TempRepo } from '../diff/__fixtures__/temp-repo.js';

let repo: TempRepo;
beforeAll(() => {
  repo = TempRepo.fromWorkspace();
});
afterAll(() => repo?.dispose());

const clusters = (projects: string[]) => projects.filter((p) => p.startsWith('pms-'));

describe('nx show projects --affected (render targets)', () => {
  it('marks every cluster affected by a change in a concern library', () => {
    repo.write('libs/ingress/src/index.ts', `${repo.read('libs/ingress/src/index.ts')}// a change\n`);
    expect(clusters(repo.affected('HEAD'))).toEqual(['pms-dev', 'pms-prod', 'pms-staging']);
    repo.git('checkout', '-q', '--', '.');
  });

  it('marks only that cluster affected by a change in one cluster’s settings', () => {
    repo.write('apps/pms-dev/src/settings.ts', `${repo.read('apps/pms-dev/src/settings.ts')}// a change\n`);
    repo.commit('change pms-dev settings');
    expect(clusters(repo.affected('HEAD~1'))).toEqual(['pms-dev']);
  });
});

/** `pnpm drift`: the fast render path in check mode. */
const drift = () => repo.node(['tools/render/bin.mjs', '--check']);

describe('pnpm drift (node tools/render/bin.mjs --check)', () => {
  it('passes on current output and fails naming a stale committed file', () => {
    installFixtureLibrary(repo, fixtureObjects());
    const render = repo.node(['tools/render/bin.mjs']);
    expect(render.status, render.stderr).toBe(0);
    repo.commit('render the fixture');
    const current = drift();
    expect(current.status, current.stderr).toBe(0);

    const stale = 'clusters/pms-staging/pms/ingress/pms.yaml';
    repo.write(stale, repo.read(stale).replace('path: /api', 'path: /api/v1'));
    repo.commit('hand-edit rendered output');
    const check = drift();
    expect(check.status).toBe(1);
    expect(check.stderr).toContain(`changed ${stale}`);
    expect(check.stderr).toContain('run `pnpm render` and commit the result');
  });
});
