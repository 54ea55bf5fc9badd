/**
 * `pnpm bench [--runs N] [--skip-suites]`: measures the render and the test suites and writes
 * bench/results.json and docs/performance.md.
 *
 * Every end-to-end figure is the median wall time of separate processes: the render exactly as `pnpm render`
 * runs it (`node tools/render/bin.mjs`; with its compile cache, and without), the synthetic fleets through the
 * same compiled path (compiled.mjs), `cdk8s synth` with the cdk8s template's default app command, and
 * `pnpm test` and `pnpm check` as typed (one run each; `--skip-suites` leaves them out). Speed is judged here,
 * never in a timed test. This orchestrator itself may run under tsx: its own start-up is never measured.
 */
import { spawnSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { cpus, getPriority, loadavg, tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { findWorkspaceRoot } from '@pms/render';
import { compareWithCdk8s } from './compare.js';
import {
  buildResults,
  medianPhases,
  renderPerformanceDoc,
  renderPhases,
  type Measured,
  type PhaseMarks,
  type RenderPhases,
} from './report.js';
import { summarize, type Sample } from './stats.js';
import type { SuiteRun } from './report.js';

const root = findWorkspaceRoot();
const argv = process.argv.slice(2);
const runsArg = argv.indexOf('--runs');
const RUNS = runsArg >= 0 ? Number(argv[runsArg + 1]) : 5;
const SKIP_SUITES = argv.includes('--skip-suites');
const FEW = Math.min(3, RUNS);
const bin = join(root, 'tools/render/bin.mjs');
const cdk8sCli = join(root, 'node_modules/cdk8s-cli/bin/cdk8s');
/**
 * The yardstick of issue 9's engine target is node loading cdk8s-plus. cdk8s-plus-27 left the dependencies in
 * issue 15 (docs/architecture.md); the same library for a newer Kubernetes, cdk8s-plus-33, is installed with
 * cdk8s-cli (which the bench runs for `cdk8s synth`) and is imported from there.
 */
const cdk8sPlus = pathToFileURL(
  createRequire(join(root, 'node_modules/cdk8s-cli/package.json')).resolve('cdk8s-plus-33'),
).href;
const scratch = mkdtempSync(join(tmpdir(), 'pms-bench-'));
const CLUSTERS = ['pms-dev', 'pms-prod', 'pms-staging'];

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

type Command = (round: number) => Run;

/**
 * CPU time (user + system, ms) of every finished child process of this one and their descendants, from
 * /proc/self/stat (`cutime`, `cstime`, in clock ticks of 10 ms); undefined where the system has no /proc.
 * The difference around a command is the CPU it used, whatever else ran on the machine.
 */
function childrenCpuMs(): number | undefined {
  try {
    const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[13]) + Number(fields[14])) * 10;
  } catch {
    return undefined;
  }
}

/**
 * Measures several commands in interleaved rounds (each round runs every command once, in order), so a change
 * in machine load during the run affects every figure alike; one unmeasured warm-up round first when asked
 * (round -1: the OS file cache).
 */
function measureRounds<K extends string>(
  rounds: number,
  commands: Record<K, [label: string, command: Command]>,
  warmUp = false,
): Record<K, { sample: Sample; runs: Run[] }> {
  const names = Object.keys(commands) as K[];
  const runs = Object.fromEntries(names.map((name) => [name, [] as Run[]])) as Record<K, Run[]>;
  if (warmUp) for (const name of names) commands[name][1](-1);
  for (let round = 0; round < rounds; round++) {
    for (const name of names) runs[name].push(commands[name][1](round));
  }
  return Object.fromEntries(
    names.map((name) => {
      const sample = summarize(runs[name].map((r) => r.ms));
      process.stdout.write(
        `  ${commands[name][0].padEnd(48)} median ${String(sample.medianMs).padStart(8)} ms  (${rounds} runs)\n`,
      );
      return [name, { sample, runs: runs[name] }];
    }),
  ) as Record<K, { sample: Sample; runs: Run[] }>;
}

let workspaces = 0;
/** An empty folder for a fleet's output. */
function emptyFolder(): string {
  const dir = join(scratch, `out-${++workspaces}`);
  mkdirSync(dir, { recursive: true });
  return dir;
}

/**
 * A mirror of the work tree in which `pnpm render` writes into empty output folders, leaving the work tree
 * alone: bin.mjs renders into the workspace two folders above itself, so the mirror holds a byte-identical copy
 * of tools/render/bin.mjs and links to everything else (sources, configs, package.json, node_modules); its
 * clusters/ and argocd/ start empty and are emptied again before every run that should write everything.
 */
function mirrorWorkspace(): string {
  const mirror = join(scratch, 'workspace');
  const link = (from: string, to: string, skip: readonly string[]) => {
    mkdirSync(to, { recursive: true });
    for (const entry of readdirSync(from)) {
      if (!skip.includes(entry)) symlinkSync(join(from, entry), join(to, entry));
    }
  };
  link(root, mirror, ['.git', 'clusters', 'argocd', 'tools']);
  link(join(root, 'tools'), join(mirror, 'tools'), ['render']);
  link(join(root, 'tools/render'), join(mirror, 'tools/render'), ['bin.mjs']);
  copyFileSync(bin, join(mirror, 'tools/render/bin.mjs'));
  return mirror;
}

/** The JSON line a compiled child prints last. */
function childReport(r: Run): Record<string, any> {
  return JSON.parse(r.stdout.trim().split('\n').at(-1)!) as Record<string, any>;
}

/**
 * The cdk8s app's own TypeScript: a cdk8s project has TypeScript 5 (with its JavaScript API) in its
 * node_modules; here it is the `typescript5` alias, linked where ts-node looks for `typescript` first.
 */
function linkCdk8sTypeScript(cdk8sDir: string): void {
  const link = join(cdk8sDir, 'node_modules', 'typescript');
  if (existsSync(join(link, 'package.json'))) return;
  mkdirSync(join(cdk8sDir, 'node_modules'), { recursive: true });
  rmSync(link, { force: true });
  symlinkSync(join('..', '..', '..', '..', 'node_modules', 'typescript5'), link, 'dir');
}

const t0 = performance.now();
process.stdout.write(
  `pnpm bench: ${RUNS} runs per figure (${FEW} for fleets and cdk8s), ${cpus().length} CPUs, node ${process.version}\n`,
);

const loadBefore = loadavg()[0]!;
const measured: Measured = (() => {
  const phaseRuns: RenderPhases[] = [];
  let renderMaxRssKb = 0;
  const mirror = mirrorWorkspace();
  const mirrorBin = join(mirror, 'tools/render/bin.mjs');
  /** Empties the mirror's output folders, so the next render writes every file. */
  const emptyOutput = () => {
    for (const dir of ['clusters', 'argocd']) rmSync(join(mirror, dir), { recursive: true, force: true });
  };
  const inMirror = (args: string[], env: NodeJS.ProcessEnv = {}) =>
    run(process.execPath, args, { cwd: mirror, env });
  let emptyCaches = 0;
  /** A compile cache folder nothing was ever compiled into. */
  const emptyCache = () => join(scratch, `cache-${++emptyCaches}`);
  /**
   * A compile cache folder holding only the packages script (copied from the work tree's cache, which the
   * warm-up round filled): what a render finds after a source file changed.
   */
  const packagesOnlyCache = () => {
    const dir = emptyCache();
    mkdirSync(dir, { recursive: true });
    const cache = join(root, 'node_modules', '.cache', 'pms-render');
    for (const name of readdirSync(cache).filter((n) => n.startsWith('packages-') && !n.endsWith('.tmp')))
      copyFileSync(join(cache, name), join(dir, name));
    return dir;
  };
  const compiled = (args: string[]) =>
    run(process.execPath, [join(root, 'tools/bench/compiled.mjs'), ...args]);
  const fast = measureRounds(
    RUNS,
    {
      node: ['node -e 0', () => run(process.execPath, ['-e', '0'])],
      nodeCdk8sPlus: [
        'node + import cdk8s-plus-33 (yardstick)',
        () =>
          run(process.execPath, ['--input-type=module', '-e', `await import(${JSON.stringify(cdk8sPlus)})`]),
      ],
      render: [
        'node tools/render/bin.mjs (empty tree)',
        () => {
          emptyOutput();
          return inMirror([mirrorBin]);
        },
      ],
      renderCold: [
        'the same, empty compile cache',
        () => {
          emptyOutput();
          return inMirror([mirrorBin], { PMS_RENDER_CACHE_DIR: emptyCache() });
        },
      ],
      renderSourceChanged: [
        'the same, after a source change',
        () => {
          emptyOutput();
          return inMirror([mirrorBin], { PMS_RENDER_CACHE_DIR: packagesOnlyCache() });
        },
      ],
      // Right after the render above: the tree is current, so this compares and writes nothing.
      renderCheck: [
        'node tools/render/bin.mjs --check (current tree)',
        () => inMirror([mirrorBin, '--check']),
      ],
      pnpmRender: [
        'pnpm render (empty tree)',
        () => {
          emptyOutput();
          return run('pnpm', ['render'], { cwd: mirror });
        },
      ],
      renderWithPhaseClock: [
        'bin.mjs with the phase clock (empty tree)',
        (round) => {
          emptyOutput();
          const marksFile = join(scratch, `phases-${round}.json`);
          const r = inMirror(['--import', join(root, 'tools/bench/phases.mjs'), mirrorBin], {
            PMS_BENCH_PHASES: marksFile,
          });
          if (round < 0) return r;
          const marks = JSON.parse(readFileSync(marksFile, 'utf8')) as PhaseMarks;
          phaseRuns.push(renderPhases(marks, r.ms));
          renderMaxRssKb = Math.max(renderMaxRssKb, marks.maxRssKb ?? 0);
          return r;
        },
      ],
      // Last: the three clusters' output stays for the comparison with cdk8s synth.
      renderThreeClusters: [
        'bin.mjs pms-dev pms-prod pms-staging (empty tree)',
        () => {
          emptyOutput();
          return inMirror([mirrorBin, ...CLUSTERS]);
        },
      ],
    },
    true,
  );
  const fleets = measureRounds(FEW, {
    fleet10: ['fleet of 10 clusters (compiled)', () => compiled(['fleet', '10', emptyFolder()])],
    fleet100: ['fleet of 100 clusters (compiled)', () => compiled(['fleet', '100', emptyFolder()])],
  });
  const engine = childReport(compiled(['engine']));
  process.stdout.write(`  engine profile: ${JSON.stringify(engine)}\n`);

  const cdk8sDir = join(root, 'tools/bench/cdk8s');
  linkCdk8sTypeScript(cdk8sDir);
  const cdk8sEnv = { CDK8S_CHECK_UPGRADE: 'false', NODE_OPTIONS: '--conditions=import' };
  const cdk8sOut = join(scratch, 'cdk8s');
  const synth = (env: NodeJS.ProcessEnv, out: string) => () =>
    run(process.execPath, [cdk8sCli, 'synth', '--output', out], {
      cwd: cdk8sDir,
      env: { ...cdk8sEnv, ...env },
    });
  const cdk8s = measureRounds(FEW, {
    cdk8sSynth: ['cdk8s synth (app: npx ts-node main.ts)', synth({}, cdk8sOut)],
    cdk8sSynthTranspileOnly: [
      '  the same, ts-node transpileOnly',
      synth({ TS_NODE_TRANSPILE_ONLY: 'true' }, join(scratch, 'cdk8s-transpile-only')),
    ],
    cdk8sAppCommand: [
      '  its app command alone (npx ts-node main.ts)',
      () =>
        run('npx', ['ts-node', 'main.ts'], {
          cwd: cdk8sDir,
          env: { ...cdk8sEnv, CDK8S_OUTDIR: join(scratch, 'cdk8s-app') },
        }),
    ],
  });
  // `pnpm crds:check` without pnpm: with an empty cache it generates the models from the vendored CRDs into a
  // temporary folder and compares; with the cache its previous run filled (same inputs, same generated code) it
  // only hashes them (tools/crds/check-cache.ts).
  const crdsCheck = (cache: string) => () =>
    run(process.execPath, [join(root, 'node_modules/tsx/dist/cli.mjs'), 'tools/crds/cli.ts', '--check'], {
      env: { PMS_CRDS_CACHE_DIR: cache },
    });
  const crdsCache = emptyCache();
  crdsCheck(crdsCache)(); // fills it
  const generation = measureRounds(FEW, {
    crdsCheck: ['crds check (generate + compare)', () => crdsCheck(emptyCache())()],
    crdsCheckCached: ['  the same, generated before with the same inputs', crdsCheck(crdsCache)],
  });
  const cdk8sOutput = compareWithCdk8s(cdk8sOut, mirror, CLUSTERS);
  process.stdout.write(
    `  cdk8s synth output ${cdk8sOutput.equal ? 'equals' : 'DIFFERS FROM'} ours: ${JSON.stringify(cdk8sOutput.clusters)}\n`,
  );

  // The suites, last and one run each (a minute or more apiece): in the work tree, as typed.
  const suite = (name: 'test' | 'test:recipes' | 'check'): SuiteRun => {
    const cpuBefore = childrenCpuMs();
    const sample = summarize([run('pnpm', [name]).ms]);
    const cpuAfter = childrenCpuMs();
    const cpuMs = cpuBefore === undefined || cpuAfter === undefined ? undefined : cpuAfter - cpuBefore;
    process.stdout.write(
      `  ${`pnpm ${name}`.padEnd(48)} ${String(sample.medianMs).padStart(8)} ms  (1 run${cpuMs === undefined ? '' : `, ${Math.round(cpuMs)} ms CPU`})\n`,
    );
    return { ...sample, ...(cpuMs === undefined ? {} : { cpuMs: Math.round(cpuMs) }) };
  };
  const suites = SKIP_SUITES
    ? undefined
    : { test: suite('test'), recipes: suite('test:recipes'), check: suite('check') };
  return {
    runs: RUNS,
    cpus: cpus().length,
    node: process.version,
    loadAverage: [Math.round(loadBefore * 100) / 100, Math.round(loadavg()[0]! * 100) / 100],
    nice: getPriority(),
    samples: {
      node: fast.node.sample,
      nodeCdk8sPlus: fast.nodeCdk8sPlus.sample,
      render: fast.render.sample,
      renderCold: fast.renderCold.sample,
      renderSourceChanged: fast.renderSourceChanged.sample,
      renderCheck: fast.renderCheck.sample,
      renderThreeClusters: fast.renderThreeClusters.sample,
      pnpmRender: fast.pnpmRender.sample,
      renderWithPhaseClock: fast.renderWithPhaseClock.sample,
      fleet10: fleets.fleet10.sample,
      fleet100: fleets.fleet100.sample,
      cdk8sSynth: cdk8s.cdk8sSynth.sample,
      cdk8sSynthTranspileOnly: cdk8s.cdk8sSynthTranspileOnly.sample,
      cdk8sAppCommand: cdk8s.cdk8sAppCommand.sample,
      crdsCheck: generation.crdsCheck.sample,
      crdsCheckCached: generation.crdsCheckCached.sample,
    },
    renderPhases: medianPhases(phaseRuns),
    renderMaxRssKb,
    children: {
      fleet10: childReport(fleets.fleet10.runs.at(-1)!),
      fleet100: childReport(fleets.fleet100.runs.at(-1)!),
    },
    engine,
    cdk8sOutput,
    ...(suites ? { suites } : {}),
  };
})();

rmSync(scratch, { recursive: true, force: true });
const results = buildResults(measured);
mkdirSync(join(root, 'bench'), { recursive: true });
/** Writes a generated file already formatted as `pnpm format` would (the repository's prettier settings). */
async function writeFormatted(path: string, text: string): Promise<void> {
  const prettier = await import('prettier');
  const options = (await prettier.resolveConfig(path)) ?? {};
  writeFileSync(path, await prettier.format(text, { ...options, filepath: path }));
}
await writeFormatted(join(root, 'bench/results.json'), JSON.stringify(results, null, 2));
await writeFormatted(join(root, 'docs/performance.md'), renderPerformanceDoc(results));
for (const target of results.targets) {
  process.stdout.write(`${target.met ? '✓' : '✗'} ${target.target}: ${target.measured}\n`);
}
process.stdout.write(
  `wrote bench/results.json and docs/performance.md in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`,
);
if (!measured.cdk8sOutput.equal) {
  process.stderr.write(
    'cdk8s synth and the render produced different objects: the comparison is not like for like\n',
  );
  process.exitCode = 1;
}
