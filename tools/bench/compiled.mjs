#!/usr/bin/env node
/**
 * `node tools/bench/compiled.mjs <fleet N <dir> | engine>`: runs tools/bench/child.ts the way `pnpm render`
 * runs the render (tools/render/bin.mjs): esbuild compiles it with the project's TypeScript into one ES module
 * under node_modules/.cache (every package left external, the same compile.mjs as bin.mjs), plain node imports it, the
 * bundle is removed afterwards. So the synthetic fleets pay exactly the start-up a real render pays.
 *
 * The driver's own phase times reach the child through `globalThis.__pmsBenchDriver`. In `engine` mode the
 * packages the bundle imports are imported first, one package at a time in a fixed order (cdk8s first),
 * so the profile can say what loading each of them costs in plain node.
 */
const startMs = performance.now();
const { compile } = await import('../render/compile.mjs');
const esbuildLoadedMs = performance.now();
const { mkdirSync, rmSync } = await import('node:fs');
const { dirname, join, resolve } = await import('node:path');
const { fileURLToPath, pathToFileURL } = await import('node:url');

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const mode = process.argv[2];
const cacheDir = join(root, 'node_modules', '.cache', 'pms-bench');
mkdirSync(cacheDir, { recursive: true });
const bundle = join(cacheDir, `child-${process.pid}.mjs`);

/**
 * The npm package a bare import specifier belongs to (`@scope/name` or `name`); the generated CRD validators,
 * which the bundle imports by file URL (tools/render/compile.mjs), count as one entry.
 */
const packageOf = (specifier) =>
  specifier.startsWith('file:')
    ? 'libs/crd-models validators'
    : specifier
        .split('/')
        .slice(0, specifier.startsWith('@') ? 2 : 1)
        .join('/');
/** Import order of the engine profile: the baseline's packages first, then the rest by name. */
const FIRST = ['cdk8s', 'constructs'];
const rank = (name) => (FIRST.includes(name) ? FIRST.indexOf(name) : FIRST.length);

try {
  const result = await compile({
    root,
    entry: join(root, 'tools', 'bench', 'child.ts'),
    outfile: bundle,
    metafile: mode === 'engine',
  });
  const compiledMs = performance.now();
  const packageImportMs = {};
  if (mode === 'engine') {
    const externals = Object.values(result.metafile.outputs)
      .flatMap((output) => output.imports)
      .filter((i) => i.external && !i.path.startsWith('node:'))
      .map((i) => i.path);
    const byPackage = new Map();
    for (const specifier of new Set(externals)) {
      const name = packageOf(specifier);
      byPackage.set(name, [...(byPackage.get(name) ?? []), specifier]);
    }
    const names = [...byPackage.keys()].sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : 1));
    for (const name of names) {
      const t0 = performance.now();
      for (const specifier of byPackage.get(name)) await import(specifier);
      packageImportMs[name] = performance.now() - t0;
    }
  }
  globalThis.__pmsBenchDriver = {
    nodeStartMs: startMs,
    esbuildLoadMs: esbuildLoadedMs - startMs,
    compileMs: compiledMs - esbuildLoadedMs,
    packageImportMs,
    importStartMs: performance.now(),
  };
  await import(pathToFileURL(bundle).href);
} finally {
  rmSync(bundle, { force: true });
}
