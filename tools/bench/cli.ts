/**
 * `pnpm bench [--runs N]`: measures the render and writes bench/results.json and docs/performance.md.
 *
 * Every end-to-end figure is the median wall time of separate child processes (nothing cached in memory;
 * tsx's on-disk transform cache warm unless noted). Speed is judged here, never in a timed test.
 */
import { spawnSync } from 'node:child_process';
import { cpus, loadavg, tmpdir } from 'node:os';
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { findWorkspaceRoot } from '@pms/render';
import { buildResults, renderPerformanceDoc, type Measured } from './report.js';
import { summarize, type Sample } from './stats.js';

const root = findWorkspaceRoot();
const argv = process.argv.slice(2);
const runsArg = argv.indexOf('--runs');
const RUNS = runsArg >= 0 ? Number(argv[runsArg + 1]) : 5;
const FEW = Math.max(3, Math.ceil(RUNS / 2));
const tsx = join(root, 'node_modules/tsx/dist/cli.mjs');
const cdk8sCli = join(root, 'node_modules/cdk8s-cli/bin/cdk8s');
const scratch = mkdtempSync(join(tmpdir(), 'pms-bench-'));

interface Run {
  readonly ms: number;
  readonly stdout: string;
}

/** Runs a command to completion and returns its wall time; fails loudly when it fails. */
function run(
  command: string,
  args: readonly string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv; allowFailure?: boolean } = {},
): Run {
  const t0 = performance.now();
  const result = spawnSync(command, args, {
    cwd: options.cwd ?? root,
    env: { ...process.env, ...options.env },
    encoding: 'utf8',
    maxBuffer: 64 << 20,
  });
  const ms = performance.now() - t0;
  if (result.status !== 0 && !options.allowFailure) {
    throw new Error(`${command} ${args.join(' ')} exited ${result.status}:\n${result.stderr}`);
  }
  return { ms, stdout: result.stdout };
}

/** Repeats a command `times` times (after one unmeasured warm-up of the OS file cache when asked) and summarises. */
function measure(
  label: string,
  times: number,
  once: () => Run,
  warmUp = false,
): { sample: Sample; last: Run } {
  if (warmUp) once();
  const runs: Run[] = [];
  for (let i = 0; i < times; i++) runs.push(once());
  const sample = summarize(runs.map((r) => r.ms));
  process.stdout.write(
    `  ${label.padEnd(44)} median ${String(sample.medianMs).padStart(8)} ms  (${runs.length} runs)\n`,
  );
  return { sample, last: runs.at(-1)! };
}

/** The JSON line a child.ts process prints last. */
function childReport(run: Run): Record<string, any> {
  return JSON.parse(run.stdout.trim().split('\n').at(-1)!) as Record<string, any>;
}

const child =
  (args: string[], env: NodeJS.ProcessEnv = {}) =>
  () =>
    run(process.execPath, [tsx, 'tools/bench/child.ts', ...args], { env });
const t0 = performance.now();
process.stdout.write(
  `pnpm bench: ${RUNS} runs per figure (${FEW} for fleets and cdk8s), ${cpus().length} CPUs, node ${process.version}\n`,
);

const loadBefore = loadavg()[0]!;
const measured: Measured = (() => {
  const node = measure('node -e 0', RUNS, () => run(process.execPath, ['-e', '0']), true);
  const nodeCdk8sPlus = measure(
    'node + import cdk8s-plus-27',
    RUNS,
    () => run(process.execPath, ['--input-type=module', '-e', "await import('cdk8s-plus-27')"]),
    true,
  );
  const tsxStartup = measure('tsx startup (empty program)', RUNS, () =>
    run(process.execPath, [tsx, '-e', '0']),
  );
  const render = measure(
    'render 3 clusters + argocd (child, tsx cache)',
    RUNS,
    child(['render', join(scratch, 'render')]),
  );
  const renderCold = measure(
    'same, tsx transform cache disabled',
    FEW,
    child(['render', join(scratch, 'render-cold')], { TSX_DISABLE_CACHE: '1' }),
  );
  const renderImportTsx = measure('render via node --import tsx (no tsx CLI)', FEW, () =>
    run(process.execPath, [
      '--import',
      'tsx',
      'tools/bench/child.ts',
      'render',
      join(scratch, 'render-import'),
    ]),
  );
  const pnpmRender = measure('pnpm render --check (the command)', FEW, () =>
    run('pnpm', ['render', '--check'], { allowFailure: true }),
  );
  const fleet10 = measure(
    'fleet of 10 clusters (child)',
    FEW,
    child(['fleet', '10', join(scratch, 'fleet10')]),
  );
  const fleet100 = measure(
    'fleet of 100 clusters (child)',
    FEW,
    child(['fleet', '100', join(scratch, 'fleet100')]),
  );
  const cdk8sEnv = { CDK8S_CHECK_UPGRADE: 'false' };
  const cdk8sDir = join(root, 'tools/bench/cdk8s');
  const cdk8sSynth = measure('cdk8s synth (3 clusters, cdk8s.yaml app)', FEW, () =>
    run(process.execPath, [cdk8sCli, 'synth', '--output', join(scratch, 'cdk8s')], {
      cwd: cdk8sDir,
      env: cdk8sEnv,
    }),
  );
  const cdk8sApp = measure('  its app command alone (npx tsx main.ts)', FEW, () =>
    run('npx', ['tsx', 'main.ts'], {
      cwd: cdk8sDir,
      env: { ...cdk8sEnv, CDK8S_OUTDIR: join(scratch, 'cdk8s-app') },
    }),
  );
  const cdk8sAppDirect = measure('  the app without npx (node tsx main.ts)', FEW, () =>
    run(process.execPath, [tsx, 'main.ts'], {
      cwd: cdk8sDir,
      env: { CDK8S_OUTDIR: join(scratch, 'cdk8s-direct') },
    }),
  );
  const engine = childReport(child(['engine'])());
  process.stdout.write(`  engine profile: ${JSON.stringify(engine)}\n`);
  return {
    runs: RUNS,
    cpus: cpus().length,
    node: process.version,
    loadAverage: [Math.round(loadBefore * 100) / 100, Math.round(loadavg()[0]! * 100) / 100],
    samples: {
      node: node.sample,
      nodeCdk8sPlus27: nodeCdk8sPlus.sample,
      tsxStartup: tsxStartup.sample,
      render: render.sample,
      renderTsxCacheDisabled: renderCold.sample,
      renderNodeImportTsx: renderImportTsx.sample,
      pnpmRenderCheck: pnpmRender.sample,
      fleet10: fleet10.sample,
      fleet100: fleet100.sample,
      cdk8sSynth: cdk8sSynth.sample,
      cdk8sAppCommand: cdk8sApp.sample,
      cdk8sAppWithoutNpx: cdk8sAppDirect.sample,
    },
    children: {
      render: childReport(render.last),
      fleet10: childReport(fleet10.last),
      fleet100: childReport(fleet100.last),
    },
    engine,
  };
})();

rmSync(scratch, { recursive: true, force: true });
const results = buildResults(measured);
mkdirSync(join(root, 'bench'), { recursive: true });
writeFileSync(join(root, 'bench/results.json'), `${JSON.stringify(results, null, 2)}\n`);
writeFileSync(join(root, 'docs/performance.md'), renderPerformanceDoc(results));
for (const target of results.targets) {
  process.stdout.write(`${target.met ? '✓' : '✗'} ${target.target}: ${target.measured}\n`);
}
process.stdout.write(
  `wrote bench/results.json and docs/performance.md in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`,
);
