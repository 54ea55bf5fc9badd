import { manifestsToFiles, type RenderTarget } from '@pms/core';
import { buildArgoCd } from './build.js';
import { fleet } from './fleet.js';
import { argoCdReadme } from './readme.js';

/** The Argo CD objects that sync `clusters/*` to the registered clusters, rendered into `argocd/`. */
export const target: RenderTarget = {
  name: 'argocd',
  outDir: 'argocd',
  // Every cluster render refuses to build while it is missing from here (checkClusterInFleet, @pms/platform).
  registers: fleet.map((cluster) => cluster.name),
  build() {
    const built = buildArgoCd(fleet);
    const files = manifestsToFiles('argocd', [...built.manifests, built.healthConfig]);
    files.set('README.md', argoCdReadme(built));
    return files;
  },
};
