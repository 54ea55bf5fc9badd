/** The apps the render knows, found on disk (no esbuild here: bin.mjs loads this on every run). */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** The apps with a render target (`apps/<app>/src/target.ts`), sorted by name. */
export function appsWithTargets(root) {
  return readdirSync(join(root, 'apps'))
    .filter((app) => existsSync(join(root, 'apps', app, 'src', 'target.ts')))
    .sort();
}
