/**
 * Phase clock for the real render process, loaded by `pnpm bench` as a preload:
 *
 *   PMS_BENCH_PHASES=<file> node --import ./tools/bench/phases.mjs tools/render/bin.mjs [args]
 *
 * It changes nothing the render does; it only timestamps the points where the process passes from one phase to
 * the next, as seen from outside bin.mjs (which stays the lead's file and is not edited):
 * - `preload`: this module runs (node has started: ms since the process's time origin);
 * - `binStart`: bin.mjs lists `apps/` (bin.mjs and esbuild's JavaScript API are loaded);
 * - `compileStart`: bin.mjs creates its cache folder, just before esbuild's `build()`;
 * - `compileEnd`: bin.mjs turns the bundle's path into a URL to import it (the compile has finished);
 * - `importEnd`: the bundle's last statement reads `process.argv` to call the render (the bundle and every
 *   package it imports are loaded and evaluated; nothing else reads `process.argv` after the compile);
 * - `buildEnd`: the render first looks at an output folder (every target is built and validated);
 * - `writeEnd`: bin.mjs removes its bundle (every folder written or compared, lines printed);
 * - `exit`: the process exits.
 * At exit it writes the marks (ms since the time origin) and the peak memory as JSON to $PMS_BENCH_PHASES.
 * Run it with the workspace root as the working directory (the output folders are found from there).
 */
import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import { join, sep } from 'node:path';
import { performance } from 'node:perf_hooks';
import url from 'node:url';

const marks = { preload: performance.now() };
const mark = (name) => {
  if (marks[name] === undefined) marks[name] = performance.now();
};
const workspace = process.cwd();
const outputs = [join(workspace, 'clusters') + sep, join(workspace, 'argocd')];

const { readdirSync, existsSync, mkdirSync, rmSync } = fs;
const { pathToFileURL } = url;
fs.readdirSync = function (path, ...rest) {
  if (String(path).endsWith(`${sep}apps`)) mark('binStart');
  return readdirSync.call(this, path, ...rest);
};
fs.mkdirSync = function (path, ...rest) {
  if (String(path).endsWith(`${sep}pms-render`)) mark('compileStart');
  return mkdirSync.call(this, path, ...rest);
};
url.pathToFileURL = function (path, ...rest) {
  if (String(path).includes(`${sep}pms-render${sep}`)) mark('compileEnd');
  return pathToFileURL.call(this, path, ...rest);
};
const argv = process.argv;
Object.defineProperty(process, 'argv', {
  configurable: true,
  enumerable: true,
  get() {
    if (marks.compileEnd !== undefined) mark('importEnd');
    return argv;
  },
});
fs.existsSync = function (path) {
  const p = String(path);
  if (marks.importEnd !== undefined && outputs.some((o) => p.startsWith(o) || p === o)) mark('buildEnd');
  return existsSync.call(this, path);
};
fs.rmSync = function (path, ...rest) {
  if (String(path).includes(`${sep}pms-render${sep}render-`)) mark('writeEnd');
  return rmSync.call(this, path, ...rest);
};
syncBuiltinESMExports();

process.on('exit', () => {
  mark('exit');
  marks.maxRssKb = process.resourceUsage().maxRSS;
  if (process.env.PMS_BENCH_PHASES) fs.writeFileSync(process.env.PMS_BENCH_PHASES, JSON.stringify(marks));
});
