/**
 * The README's recipes, applied (end to end): in a copy of this workspace (TempRepo: its files, its own git
 * history, node_modules linked back), each recipe of `recipes.ts` in turn — a route to a backend behind the ALB,
 * a route to a workload new to the ALB, a workload called by the API gateway, a cluster copied from the one the
 * README names — must touch exactly the files its README "Touches" names and render; with all of them applied,
 * the unit tests must pass. So adding a route, a service or a cluster needs the edits the README lists and breaks
 * no test that is not about it. No network: the copy renders and tests like the workspace does.
 */
import type { PmsClusterSettings } from '@pms/platform';
import { findWorkspaceRoot } from '@pms/render';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { TempRepo } from '../diff/__fixtures__/temp-repo.js';
import { loadClusterSettings } from '../render/targets.js';
import { CLUSTER_SETTINGS, NEW_CLUSTER_APP, recipes, type Recipe } from './recipes.js';

/** Rendered output: the render writes it, no recipe edits it by hand. */
const RENDERED = /^(clusters|argocd)\//;

const settings = await loadClusterSettings<PmsClusterSettings>(findWorkspaceRoot());
const clusters = new Map(settings.map((s) => [s.name, s]));

/** The files `recipe` may touch, as patterns over paths: `<cluster>` any cluster app, a folder anything under it. */
function expectedFiles(recipe: Recipe, touched: readonly string[]): string[] {
  return recipe.touches.flatMap((pattern) => {
    if (pattern === CLUSTER_SETTINGS)
      return [...clusters.keys()].map((app) => CLUSTER_SETTINGS.replace('<cluster>', app));
    if (pattern === NEW_CLUSTER_APP) {
      const folder = NEW_CLUSTER_APP.replace('<name>', recipe.name!);
      const inside = touched.filter((file) => file.startsWith(folder));
      return inside.length > 0 ? inside : [folder];
    }
    return [pattern];
  });
}

describe('the README recipes, applied to a copy of the repository', () => {
  const repo = TempRepo.fromWorkspace();
  afterAll(() => repo.dispose());

  /** Files changed or added since the last commit of the copy, without the rendered output. */
  const touched = () =>
    [
      ...repo.git('diff', '--name-only', 'HEAD').split('\n'),
      ...repo.git('ls-files', '--others', '--exclude-standard').split('\n'),
    ]
      .filter((file) => file !== '' && !RENDERED.test(file))
      .sort();

  it.each(recipes({ clusters }).map((r) => [r.title, r] as const))(
    '%s: touches the files the README names, and renders',
    (_title, recipe) => {
      recipe.apply(repo.dir);
      const files = touched();
      expect(files).toEqual(expectedFiles(recipe, files).sort());
      const render = repo.node(['tools/render/bin.mjs']);
      expect(render.status, `pnpm render after ${recipe.title}:\n${render.stderr}${render.stdout}`).toBe(0);
      repo.commit(recipe.title);
    },
  );

  it(
    'passes the unit tests with every recipe applied',
    () => {
      // The unit project where vitest.config.ts declares projects; this file is never run inside its own copy.
      const config = readFileSync(join(repo.dir, 'vitest.config.ts'), 'utf8');
      const project = /name: 'unit'/.test(config) ? ['--project', 'unit'] : [];
      const env = Object.fromEntries(
        Object.entries(process.env).filter(([key]) => !key.startsWith('VITEST') && key !== 'NODE_ENV'),
      );
      const vitest = join(repo.dir, 'node_modules', '.bin', 'vitest');
      expect(existsSync(vitest)).toBe(true);
      const result = spawnSync(
        vitest,
        ['run', ...project, '--exclude', 'tools/recipes/recipes.test.ts', '--reporter=dot'],
        { cwd: repo.dir, encoding: 'utf8', env: { ...env, FORCE_COLOR: '0' }, maxBuffer: 64 * 1024 * 1024 },
      );
      const failures = `${result.stdout}${result.stderr}`
        .split('\n')
        .filter((line) => /FAIL|AssertionError|Error:/.test(line))
        .slice(0, 60)
        .join('\n');
      expect(result.status, `unit tests with every recipe applied:\n${failures}`).toBe(0);
    },
    30 * 60_000,
  );
});
