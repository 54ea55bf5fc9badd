/**
 * How the render's TypeScript becomes the ES module plain node runs: shared by `bin.mjs` (the render) and the
 * benchmark (tools/bench/compiled.mjs), so the benchmark measures exactly what the render does.
 */
import { build } from 'esbuild';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** The apps with a render target (`apps/<app>/src/target.ts`), sorted by name. */
export function appsWithTargets(root) {
  return readdirSync(join(root, 'apps'))
    .filter((app) => existsSync(join(root, 'apps', app, 'src', 'target.ts')))
    .sort();
}

/**
 * Compiles the project's TypeScript reachable from `entry` (a file, or `{ contents }` resolved from `root`) into
 * one ES module at `outfile`. Every package stays external: node loads node_modules natively.
 */
export function compile({ root, entry, outfile, metafile = false }) {
  return build({
    ...(typeof entry === 'string'
      ? { entryPoints: [entry] }
      : {
          stdin: { contents: entry.contents, resolveDir: root, sourcefile: 'render-entry.ts', loader: 'ts' },
        }),
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    tsconfig: join(root, 'tsconfig.json'),
    outfile,
    sourcemap: 'inline',
    logLevel: 'error',
    metafile,
  });
}
