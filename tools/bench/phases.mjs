/**
 * Phase clock for the real render process, loaded by `pnpm bench` as a preload:
 *
 *   PMS_BENCH_PHASES=<file> node --import ./tools/bench/phases.mjs tools/render/bin.mjs [args]
 *
 * It changes nothing the render does; it records when the process passes from one phase to the next:
 * - `preload`: this module runs (node has started: ms since the process's time origin);
 * - `binStart`: bin.mjs starts (`pms-render:start`; it and tools/render/bundle-cache.mjs are loaded);
 * - `compiled`: the compiled scripts are found in the cache, or compiled (`pms-render:compiled`);
 * - `loaded`: both scripts ran: the packages and the project code are loaded (`pms-render:loaded`);
 * - `buildEnd`: the render first looks at an output folder (every target is built and validated);
 * - `done`: the render returned (`pms-render:done`: every folder written or compared, lines printed);
 * - `exit`: the process exits.
 * The `pms-render:*` marks are bin.mjs's and bundle-cache.mjs's own `performance.mark()`s; `buildEnd` is seen
 * from outside (the first `existsSync` of an output folder). At exit it writes the marks (ms since the time
 * origin) and the peak memory as JSON to $PMS_BENCH_PHASES. Run it with the workspace root as the working
 * directory (the output folders are found from there).
 */
import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import { join, sep } from 'node:path';
import { performance } from 'node:perf_hooks';

const marks = { preload: performance.now() };
const workspace = process.cwd();
const outputs = [join(workspace, 'clusters') + sep, join(workspace, 'argocd')];
const markOf = (name) => performance.getEntriesByName(`pms-render:${name}`, 'mark').at(0)?.startTime;

const { existsSync } = fs;
fs.existsSync = function (path) {
  const p = String(path);
  if (
    marks.buildEnd === undefined &&
    markOf('loaded') !== undefined &&
    outputs.some((o) => p.startsWith(o) || p === o)
  )
    marks.buildEnd = performance.now();
  return existsSync.call(this, path);
};
syncBuiltinESMExports();

process.on('exit', () => {
  marks.binStart = markOf('start');
  marks.compiled = markOf('compiled');
  marks.loaded = markOf('loaded');
  marks.done = markOf('done');
  marks.exit = performance.now();
  marks.maxRssKb = process.resourceUsage().maxRSS;
  if (process.env.PMS_BENCH_PHASES) fs.writeFileSync(process.env.PMS_BENCH_PHASES, JSON.stringify(marks));
});
