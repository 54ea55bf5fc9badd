#!/usr/bin/env node
/**
 * `pnpm render [app…] [--check]` and `pnpm drift`: the fast path of the render. esbuild compiles this project's
 * TypeScript (every `apps/<app>/src/target.ts`, the libraries, tools/render/main.ts) and the packages it uses
 * into one script (compile.mjs); plain node runs it. The script is cached by the content of everything it is
 * compiled from (bundle-cache.mjs), so an unchanged tree does not compile at all. The bundle is a build
 * artefact under node_modules/.cache; nothing about it reaches the rendered output.
 */
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadBundle } from './bundle-cache.mjs';
import { appsWithTargets } from './apps.mjs';
import { buildErrorLines } from './build-errors.mjs';

// Marks for the benchmark's phase clock (tools/bench/phases.mjs); they cost nothing measurable.
performance.mark('pms-render:start');
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

// The entry names no path of this checkout: the same tree in another folder uses the same bundle.
const entry = [
  `import { renderMain } from './tools/render/main.ts';`,
  ...apps.map((app, i) => `import { target as t${i} } from './apps/${app}/src/target.ts';`),
  `export function run(root: string, args: string[]): void {`,
  `  renderMain(root, [${apps.map((app, i) => `{ app: ${JSON.stringify(app)}, target: t${i} }`).join(', ')}], args);`,
  `}`,
].join('\n');

let loaded;
try {
  loaded = await loadBundle({ root, entry });
} catch (error) {
  // A syntax error in a settings file (or any source): where it is, not esbuild's stack; nothing rendered or written.
  const lines = buildErrorLines(error);
  if (!lines) throw error;
  process.stderr.write(`${lines.join('\n')}\nthe render does not compile; nothing was written\n`);
  process.exit(1);
}
const { exports } = loaded;
exports.run(root, process.argv.slice(2));
performance.mark('pms-render:done');
