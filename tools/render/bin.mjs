#!/usr/bin/env node
/**
 * `pnpm render [app…] [--check]` and `pnpm drift`: the fast path of the render. esbuild compiles this project's
 * TypeScript (every `apps/<app>/src/target.ts`, the libraries, tools/render/main.ts) into one ES module in
 * about 0.1 s (compile.mjs); plain node then runs it, loading node_modules natively instead of through a
 * TypeScript loader (which costs about a second with the schema validators). The bundle is a build artefact
 * under node_modules/.cache, removed after the run; nothing about it reaches the rendered output.
 */
import { mkdirSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { appsWithTargets, compile } from './compile.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const known = appsWithTargets(root);
// Every app's target is compiled, also when only some are named: a cluster's build checks itself against the
// others' settings and the Argo CD fleet (checkClusterInFleet). renderMain renders only the named ones.
const named = process.argv.slice(2).filter((arg) => !arg.startsWith('--'));
const unknown = named.filter((app) => !known.includes(app));
if (unknown.length > 0) {
  process.stderr.write(`unknown app(s): ${unknown.join(', ')}; known: ${known.join(', ')}\n`);
  process.exit(2);
}
const apps = known;

const entry = [
  `import { renderMain } from './tools/render/main.ts';`,
  ...apps.map((app, i) => `import { target as t${i} } from './apps/${app}/src/target.ts';`),
  `renderMain(${JSON.stringify(root)}, [${apps.map((app, i) => `{ app: ${JSON.stringify(app)}, target: t${i} }`).join(', ')}], process.argv.slice(2));`,
].join('\n');

const cacheDir = join(root, 'node_modules', '.cache', 'pms-render');
mkdirSync(cacheDir, { recursive: true });
const bundle = join(cacheDir, `render-${process.pid}.mjs`);
try {
  await compile({ root, entry: { contents: entry }, outfile: bundle });
  await import(pathToFileURL(bundle).href);
} finally {
  rmSync(bundle, { force: true });
}
