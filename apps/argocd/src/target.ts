import type { RenderTarget } from '@pms/core';
import { fleet } from './fleet.js';

/** The Argo CD objects that sync `clusters/*` to the registered clusters, rendered into `argocd/`. */
export const target: RenderTarget = {
  name: 'argocd',
  outDir: 'argocd',
  build() {
    const files = new Map<string, string>();
    files.set('README.md', `# Argo CD\n\nClusters: ${fleet.map((c) => c.name).join(', ')}.\n`);
    return files;
  },
};
