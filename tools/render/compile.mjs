/**
 * How the render's TypeScript becomes the ES module plain node runs: shared by `bin.mjs` (the render) and the
 * benchmark (tools/bench/compiled.mjs), so the benchmark measures exactly what the render does.
 */
import { build } from 'esbuild';
import { existsSync, readdirSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';

/** The apps with a render target (`apps/<app>/src/target.ts`), sorted by name. */
export function appsWithTargets(root) {
  return readdirSync(join(root, 'apps'))
    .filter((app) => existsSync(join(root, 'apps', app, 'src', 'target.ts')))
    .sort();
}

/**
 * The validators generated into libs/crd-models (`src/generated/_schemas/*.js`, about 0.7 MB of plain ES modules)
 * stay outside the bundle like a package: node loads them from where they are, and esbuild neither re-emits them
 * nor maps them.
 */
function generatedValidatorsExternal(root) {
  const generated = join(root, 'libs', 'crd-models', 'src', 'generated') + sep;
  return {
    name: 'crd-models-validators-external',
    setup(pluginBuild) {
      pluginBuild.onResolve({ filter: /\/_schemas\/[^/]+$/ }, (args) => {
        const file = resolve(args.resolveDir, `${args.path}.js`);
        return file.startsWith(generated) ? { path: pathToFileURL(file).href, external: true } : undefined;
      });
    },
  };
}

/**
 * Compiles the project's TypeScript reachable from `entry` (a file, or `{ contents }` resolved from `root`) into
 * one ES module at `outfile`. Every package stays external: node loads node_modules natively; so do the generated
 * CRD validators. The inline source map carries positions only (no copy of the sources, whose doc comments, such
 * as the generated models', would only make the bundle larger).
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
    sourcesContent: false,
    plugins: [generatedValidatorsExternal(root)],
    logLevel: 'error',
    metafile,
  });
}
