import { manifestsToFiles, type RenderTarget } from '@pms/core';
import { buildArgoCd } from './build.js';
import { fleet } from './fleet.js';
import { argoCdReadme } from './readme.js';
import { clusterSyncSources } from './sync-sources.js';

let cached: ReturnType<typeof buildArgoCd> | undefined;
/** The fleet's Argo CD objects, built once per process (settings are immutable). */
function builtOnce(): ReturnType<typeof buildArgoCd> {
  cached ??= buildArgoCd(fleet);
  return cached;
}

/** The Argo CD objects that sync `clusters/*` to the registered clusters, rendered into `argocd/`. */
export const target: RenderTarget = {
  name: 'argocd',
  outDir: 'argocd',
  // Every cluster render refuses to build while it is missing from here (checkClusterInFleet, @pms/platform).
  registers: fleet.map((cluster) => cluster.name),
  syncSources(cluster) {
    const settings = fleet.find((c) => c.name === cluster);
    return settings ? clusterSyncSources(builtOnce(), settings) : undefined;
  },
  build() {
    const built = builtOnce();
    const files = manifestsToFiles('argocd', [...built.manifests, built.healthConfig]);
    files.set('README.md', argoCdReadme(built));
    return files;
  },
};
