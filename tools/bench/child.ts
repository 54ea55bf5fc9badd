/**
 * One measured process of the benchmark, compiled and started by compiled.mjs the way bin.mjs starts the
 * render (never imported, never run through a TypeScript loader). Modes:
 * - `fleet <size> <dir>`: a synthetic fleet of `size` clusters, rendered (built, validated, written) into `<dir>`;
 * - `engine`: in-process timings of the render engine (cold and warm builds, validation share, fleets).
 * Prints one JSON line: the driver's phase times, this process's, and its peak memory.
 */
import { pmsClusterTarget } from '@pms/platform';
import { renderTargets } from '@pms/render';
import { realClusters } from './clusters.js';
import { runEngineProfile } from './engine.js';
import { syntheticFleet } from './fleet.js';

/** Phase times set by compiled.mjs before this script runs (ms; `nodeStartMs` since the time origin). */
interface DriverTimes {
  readonly nodeStartMs: number;
  /** Loading tools/render/bundle-cache.mjs. */
  readonly binLoadMs: number;
  /** Finding the compiled scripts in the cache (compiling them when they are not). */
  readonly lookupMs: number;
  /** Running the packages script (and, in `engine` mode, initialising every package). */
  readonly packagesLoadMs: number;
  readonly packageImportMs: Record<string, number>;
  readonly importStartMs: number;
}

const bodyStartMs = performance.now();
const driver = (globalThis as { __pmsBenchDriver?: DriverTimes }).__pmsBenchDriver;
const [mode, ...args] = process.argv.slice(2);

function report(result: Record<string, unknown>): void {
  const { importStartMs = bodyStartMs, ...times } = driver ?? ({} as Partial<DriverTimes>);
  const line = {
    mode,
    ...times,
    importMs: bodyStartMs - importStartMs,
    ...result,
    totalMs: performance.now(),
    maxRssKb: process.resourceUsage().maxRSS,
  };
  process.stdout.write(`${JSON.stringify(line)}\n`);
}

if (mode === 'fleet') {
  const size = Number(args[0]);
  const bases = realClusters();
  const targets = bases
    .flatMap((base, b) => syntheticFleet(base, size).filter((_, i) => i % bases.length === b))
    .map(pmsClusterTarget);
  const t0 = performance.now();
  const result = renderTargets(args[1]!, targets, 'write');
  const renderMs = performance.now() - t0;
  if (!result.ok) {
    process.stderr.write(`${result.lines.join('\n')}\n`);
    process.exit(1);
  }
  report({ targets: targets.length, renderMs });
} else if (mode === 'engine') {
  report(runEngineProfile());
} else {
  process.stderr.write(`unknown mode ${mode}; expected fleet <size> <dir> or engine\n`);
  process.exit(2);
}
