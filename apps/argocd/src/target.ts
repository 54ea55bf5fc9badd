import { manifestsToFiles, type RenderTarget } from '@pms/core';
import { buildArgoCd } from './build.js';
import { fleet } from './fleet.js';
import { argoCdReadme } from './readme.js';

/** The Argo CD objects that sync `clusters/*` to the registered clusters, rendered into `argocd/`. */
export const target: RenderTarget = {
  name: 'argocd',
  outDir: 'argocd',
  build() {
    const built = buildArgoCd(fleet);
    const files = manifestsToFiles('argocd', [...built.manifests, built.healthConfig]);
    files.set('README.md', argoCdReadme(built));
    return files;
  },
};
