#!/usr/bin/env node
/**
 * `node tools/bench/compiled.mjs <fleet N <dir> | engine>`: runs tools/bench/child.ts the way `pnpm render`
 * runs the render (tools/render/bin.mjs): compiled by tools/render/compile.mjs into the project and packages
 * scripts, cached by tools/render/bundle-cache.mjs, run by plain node. So the synthetic fleets pay exactly the
 * start-up a real render pays.
 *
 * The driver's own phase times reach the child through `globalThis.__pmsBenchDriver`. In `engine` mode every
 * package the child requires is initialised first, one package at a time in a fixed order (cdk8s first), so
 * the profile can say what loading each of them costs.
 */
const startMs = performance.now();
const { loadBundle } = await import('../render/bundle-cache.mjs');
const binLoadedMs = performance.now();
const { dirname, resolve } = await import('node:path');
const { fileURLToPath } = await import('node:url');

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const mode = process.argv[2];

/**
 * The npm package a bare import specifier belongs to (`@scope/name` or `name`); the generated CRD validators,
 * which the project script requires by their path from the root (tools/render/compile.mjs), count as one entry.
 */
const packageOf = (specifier) =>
  specifier.startsWith('./libs/crd-models/')
    ? 'libs/crd-models validators'
    : specifier
        .split('/')
        .slice(0, specifier.startsWith('@') ? 2 : 1)
        .join('/');
/** Initialisation order of the engine profile: cdk8s and constructs first, then the rest by name. */
const FIRST = ['cdk8s', 'constructs'];
const rank = (name) => (FIRST.includes(name) ? FIRST.indexOf(name) : FIRST.length);

await loadBundle({
  root,
  entry: `import './tools/bench/child.ts';`,
  beforeProject(packages) {
    const readyMs = performance.getEntriesByName('pms-render:compiled').at(-1).startTime;
    const packageImportMs = {};
    if (mode === 'engine') {
      const byPackage = new Map();
      for (const specifier of Object.keys(packages)) {
        const name = packageOf(specifier);
        byPackage.set(name, [...(byPackage.get(name) ?? []), specifier]);
      }
      const names = [...byPackage.keys()].sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : 1));
      for (const name of names) {
        const t0 = performance.now();
        for (const specifier of byPackage.get(name)) packages[specifier]();
        packageImportMs[name] = performance.now() - t0;
      }
    }
    globalThis.__pmsBenchDriver = {
      nodeStartMs: startMs,
      binLoadMs: binLoadedMs - startMs,
      lookupMs: readyMs - binLoadedMs,
      packagesLoadMs: performance.now() - readyMs,
      packageImportMs,
      importStartMs: performance.now(),
    };
  },
});
