/**
 * Turns a temporary repository into one whose cluster apps render the fixture cluster from one shared
 * library, `@pms/fixture` (an Nx project of its own, so a change to it affects every cluster, as a change
 * to a real concern library does). Tests then change the library and diff, independent of how far the
 * real concern libraries are.
 */
import type { Manifest } from '@pms/core';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { TempRepo } from './temp-repo.js';

/** The cluster apps of the repository (`apps/<name>/src/settings.ts`), sorted: a new cluster app is included. */
export function clusterAppsOf(repo: TempRepo): string[] {
  return readdirSync(join(repo.dir, 'apps'))
    .filter((app) => existsSync(join(repo.dir, 'apps', app, 'src', 'settings.ts')))
    .sort();
}

/**
 * Installs the fixture library and points every cluster app's render target at it; `argocd` renders one
 * fixed object, so a full render and the drift check depend on nothing but the fixture.
 */
export function installFixtureLibrary(repo: TempRepo, objects: readonly Manifest[]): void {
  repo.write(
    'libs/fixture/project.json',
    JSON.stringify(
      {
        name: 'fixture',
        projectType: 'library',
        sourceRoot: 'libs/fixture/src',
        tags: ['type:lib'],
        targets: {},
      },
      null,
      2,
    ),
  );
  setFixtureObjects(repo, objects);
  const tsconfig = JSON.parse(repo.read('tsconfig.base.json')) as {
    compilerOptions: { paths: Record<string, string[]> };
  };
  tsconfig.compilerOptions.paths['@pms/fixture'] = ['./libs/fixture/src/index.ts'];
  repo.write('tsconfig.base.json', JSON.stringify(tsconfig, null, 2));
  for (const cluster of clusterAppsOf(repo)) {
    repo.write(
      `apps/${cluster}/src/target.ts`,
      [
        `import { manifestsToFiles, type Manifest, type RenderTarget } from '@pms/core';`,
        `import { objects } from '@pms/fixture';`,
        `export const target: RenderTarget = {`,
        `  name: '${cluster}',`,
        `  outDir: 'clusters/${cluster}',`,
        `  build: () => manifestsToFiles('${cluster}', objects as unknown as Manifest[]),`,
        `};`,
        '',
      ].join('\n'),
    );
  }
  repo.write(
    'apps/argocd/src/target.ts',
    [
      `import { manifestsToFiles, type RenderTarget } from '@pms/core';`,
      `const project = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'fixture', namespace: 'argocd' }, data: {} };`,
      `export const target: RenderTarget = { name: 'argocd', outDir: 'argocd', build: () => manifestsToFiles('argocd', [project]) };`,
      '',
    ].join('\n'),
  );
}

/** Replaces the objects the fixture library renders (a change to a shared library). */
export function setFixtureObjects(repo: TempRepo, objects: readonly Manifest[]): void {
  repo.write('libs/fixture/src/index.ts', `export const objects = ${JSON.stringify(objects, null, 2)};\n`);
}
