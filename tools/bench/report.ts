import { markdownTable } from '@pms/core';
import type { OutputComparison } from './compare.js';
import { median as medianOf, round, type Sample } from './stats.js';

export type SampleName =
  | 'node'
  | 'nodeCdk8sPlus'
  | 'render'
  | 'renderCold'
  | 'renderSourceChanged'
  | 'renderCheck'
  | 'renderThreeClusters'
  | 'pnpmRender'
  | 'renderWithPhaseClock'
  | 'fleet10'
  | 'fleet100'
  | 'cdk8sSynth'
  | 'cdk8sSynthTranspileOnly'
  | 'cdk8sAppCommand'
  | 'crdsCheck'
  | 'crdsCheckCached';

/** The marks tools/bench/phases.mjs writes for one render process (ms since its time origin). */
export interface PhaseMarks {
  readonly preload: number;
  readonly binStart: number;
  readonly compiled: number;
  readonly loaded: number;
  readonly buildEnd: number;
  readonly done: number;
  readonly exit: number;
  readonly maxRssKb?: number;
}

/** The phases of one render process (ms); they add up to its wall time. */
export interface RenderPhases {
  /** Before node runs user code (process creation, node's bootstrap) and the teardown after exit. */
  readonly nodeStart: number;
  /** Loading bin.mjs and tools/render/bundle-cache.mjs. */
  readonly binLoad: number;
  /** Hashing the compile's inputs and finding the compiled scripts in the cache (compiling them on a miss). */
  readonly lookup: number;
  /** Running the two scripts: the packages (cdk8s, validators, …) and the project's code are loaded. */
  readonly load: number;
  /** Building, validating and serialising every target, in memory. */
  readonly build: number;
  /** Comparing with and writing the output folders, printing the summary. */
  readonly write: number;
  /** Exit handlers. */
  readonly exit: number;
}

/**
 * Splits one render process's wall time at the phase clock's marks. Node's clock starts after the process is
 * created and stops at exit; the wall time it cannot see is counted as node start.
 */
export function renderPhases(marks: PhaseMarks, wallMs: number): RenderPhases {
  return {
    nodeStart: marks.preload + (wallMs - marks.exit),
    binLoad: marks.binStart - marks.preload,
    lookup: marks.compiled - marks.binStart,
    load: marks.loaded - marks.compiled,
    build: marks.buildEnd - marks.loaded,
    write: marks.done - marks.buildEnd,
    exit: marks.exit - marks.done,
  };
}

/** The median of each phase over several runs (rounded; medians need not add up exactly). */
export function medianPhases(runs: readonly RenderPhases[]): RenderPhases {
  const keys = Object.keys(runs[0]!) as (keyof RenderPhases)[];
  return Object.fromEntries(
    keys.map((k) => [k, round(medianOf(runs.map((r) => r[k])))]),
  ) as unknown as RenderPhases;
}

/** Everything cli.ts measured in one run. */
export interface Measured {
  readonly runs: number;
  readonly cpus: number;
  readonly node: string;
  /** One-minute load average before and after the run: other processes competing for the CPUs. */
  readonly loadAverage: readonly [number, number];
  /** The bench's scheduling priority (nice value; 0 unless it was started with `nice`). */
  readonly nice?: number;
  readonly samples: Readonly<Record<SampleName, Sample>>;
  /** Median phases of the render process (`node tools/render/bin.mjs`, run with the phase clock). */
  readonly renderPhases: RenderPhases;
  readonly renderMaxRssKb: number;
  /** The last JSON report of the fleet children (driver phases, render time, peak memory). */
  readonly children: Readonly<Record<'fleet10' | 'fleet100', Record<string, any>>>;
  /** The in-process engine profile (compiled.mjs engine: package imports, then engine.ts). */
  readonly engine: Record<string, any>;
  readonly cdk8sOutput: OutputComparison;
  /** `pnpm test` and `pnpm check`, one run each; absent with `--skip-suites`. */
  readonly suites?: SuiteTimes;
}

/** One suite's wall time and, where the system reports it, the CPU time its processes used. */
export type SuiteRun = Sample & { readonly cpuMs?: number };

/** The test suites, as typed. */
export interface SuiteTimes {
  readonly test: SuiteRun;
  /**
   * `pnpm test:recipes`: the README recipes applied to a copy of the repository, which then runs the unit project
   * (part of `pnpm check`, not of `pnpm test`).
   * @default undefined: not measured (results of a bench from before the recipe test)
   */
  readonly recipes?: SuiteRun;
  readonly check: SuiteRun;
}

/** One target (of issue 9 or 16), evaluated. */
export interface TargetResult {
  readonly id: string;
  /** The issues that set it. */
  readonly issues: readonly number[];
  readonly target: string;
  readonly limit: string;
  readonly measured: string;
  readonly value: number;
  readonly met: boolean;
}

/** bench/results.json: a fixed structure; only the numbers vary between runs. */
export interface BenchResults {
  readonly machine: {
    readonly cpus: number;
    readonly node: string;
    readonly runsPerFigure: number;
    readonly loadAverage: readonly [number, number];
    readonly nice?: number;
  };
  readonly endToEndMs: Readonly<Record<SampleName, Sample>>;
  readonly renderPhasesMs: RenderPhases;
  readonly perClusterMs: {
    readonly fleet10EndToEnd: number;
    readonly fleet100EndToEnd: number;
    readonly marginalEndToEnd: number;
    readonly inProcessAt10: number;
    readonly inProcessAt100: number;
  };
  readonly peakRssMb: { readonly render: number; readonly fleet10: number; readonly fleet100: number };
  readonly profile: {
    readonly fleets: Readonly<Record<'fleet10' | 'fleet100', Record<string, number>>>;
    readonly engine: Record<string, unknown>;
    readonly cdk8sSynth: {
      readonly cliMs: number;
      readonly typeCheckMs: number;
      readonly appMs: number;
    };
  };
  readonly cdk8sOutput: OutputComparison;
  readonly suitesMs?: SuiteTimes;
  readonly targets: readonly TargetResult[];
}

const ms = (value: number) => `${round(value, 0)} ms`;
/** A difference of two medians: below zero it says only that the noise exceeds it. */
const difference = (value: number) => (value < 0 ? 'not measurable: within the noise' : ms(value));
const times = (value: number) => `${round(value, 2)}×`;
const seconds = (value: number) => `${round(value / 1000, 1)} s`;
const suiteMeasured = (run: SuiteRun) =>
  `${seconds(run.medianMs)} (${run.runs.length} run${run.runs.length > 1 ? 's' : ''}${run.cpuMs === undefined ? '' : `; ${seconds(run.cpuMs)} CPU time`})`;

/** Derives per-cluster cost, memory, the profile and the targets of issues 9 and 16 from the measurements. */
export function buildResults(m: Measured): BenchResults {
  const s = m.samples;
  const median = (name: SampleName) => s[name].medianMs;
  const fleetPerCluster = (m.engine.fleetPerClusterMs ?? {}) as Record<string, number>;
  const perCluster = {
    fleet10EndToEnd: round(median('fleet10') / 10, 2),
    fleet100EndToEnd: round(median('fleet100') / 100, 2),
    marginalEndToEnd: round((median('fleet100') - median('fleet10')) / 90, 2),
    inProcessAt10: fleetPerCluster['10'] ?? NaN,
    inProcessAt100: fleetPerCluster['100'] ?? NaN,
  };
  const rss = (kb: unknown) => round(Number(kb) / 1024, 0);
  const baseline = median('nodeCdk8sPlus');
  const engineWhole = median('render') / baseline;
  const afterNodeStart = median('render') - median('node');
  const engineAfterStart = afterNodeStart / baseline;
  const linearity = perCluster.inProcessAt100 / perCluster.inProcessAt10;
  const speedup = median('cdk8sSynth') / median('renderThreeClusters');
  const fleetPhases = (child: Record<string, any>) => ({
    nodeStart: round(Number(child.nodeStartMs)),
    binLoad: round(Number(child.binLoadMs)),
    lookup: round(Number(child.lookupMs)),
    load: round(Number(child.packagesLoadMs) + Number(child.importMs)),
    render: round(Number(child.renderMs)),
  });
  const pnpmOverhead = Math.max(0, median('pnpmRender') - median('render'));
  const uncachedPnpmRender = median('renderCold') + pnpmOverhead;
  const suites = m.suites;
  const targets: TargetResult[] = [
    {
      id: 'render-three-clusters',
      issues: [9],
      target: '`pnpm render` of three clusters (and argocd), uncached',
      limit: '≤ 1500 ms',
      measured: `${ms(uncachedPnpmRender)} (\`node tools/render/bin.mjs\` with an empty compile cache, ${ms(median('renderCold'))}, + pnpm's start-up, ${ms(pnpmOverhead)}; every file written into an empty tree); ${ms(median('pnpmRender'))} for \`pnpm render\` with the cache; ${ms(median('renderCheck'))} for \`--check\` on a current tree`,
      value: round(uncachedPnpmRender),
      met: uncachedPnpmRender <= 1500,
    },
    {
      id: 'engine-whole-process',
      issues: [9, 16],
      target: 'render engine ≤ 3× loading node + cdk8s-plus; engine = the whole render process',
      limit: '≤ 3×',
      measured: `${times(engineWhole)} (${ms(median('render'))} \`node tools/render/bin.mjs\` / ${ms(baseline)} \`node\` + \`import('cdk8s-plus-33')\`)`,
      value: round(engineWhole, 2),
      met: engineWhole <= 3,
    },
    {
      id: 'engine-after-node-start',
      issues: [9],
      target: 'the same; engine = everything after node start',
      limit: '≤ 3×',
      measured: `${times(engineAfterStart)} (${ms(median('render'))} − ${ms(median('node'))} \`node -e 0\` = ${ms(afterNodeStart)}, / ${ms(baseline)})`,
      value: round(engineAfterStart, 2),
      met: engineAfterStart <= 3,
    },
    {
      id: 'fleet-100',
      issues: [9],
      target: '100 clusters, end to end through the compiled path',
      limit: '≤ 5000 ms',
      measured: `${ms(median('fleet100'))} (fastest run ${ms(s.fleet100.minMs)}; 10 clusters: ${ms(median('fleet10'))})`,
      value: median('fleet100'),
      met: median('fleet100') <= 5000,
    },
    {
      id: 'linear',
      issues: [9],
      target: 'cost linear in the number of clusters',
      limit: 'per-cluster cost at 100 ≤ 1.25× at 10',
      measured: `${times(linearity)} (${perCluster.inProcessAt100} ms vs ${perCluster.inProcessAt10} ms per cluster in-process; ${perCluster.marginalEndToEnd} ms marginal end to end)`,
      value: round(linearity, 2),
      met: linearity <= 1.25,
    },
    {
      id: 'vs-cdk8s-synth',
      issues: [9],
      target: 'at least 10× faster than `cdk8s synth` on the same app (3 clusters)',
      limit: '≥ 10×',
      measured: `${times(speedup)} (${ms(median('cdk8sSynth'))} \`cdk8s synth\`, app \`npx ts-node main.ts\` / ${ms(median('renderThreeClusters'))} \`node tools/render/bin.mjs pms-dev pms-prod pms-staging\`); ${times(median('cdk8sSynthTranspileOnly') / median('renderThreeClusters'))} against ts-node \`transpileOnly\``,
      value: round(speedup, 2),
      met: speedup >= 10,
    },
    ...(suites
      ? [
          {
            id: 'pnpm-test',
            issues: [16],
            target: '`pnpm test` on a two-core machine',
            limit: '≤ 30 s',
            measured: suiteMeasured(suites.test),
            value: suites.test.medianMs,
            met: suites.test.medianMs <= 30_000,
          },
          {
            id: 'pnpm-check',
            issues: [16],
            target: '`pnpm check` on a two-core machine',
            limit: '≤ 60 s',
            measured: `${suiteMeasured(suites.check)}${suites.recipes ? `, of which \`pnpm test:recipes\` ${suiteMeasured(suites.recipes)}` : ''}`,
            value: suites.check.medianMs,
            met: suites.check.medianMs <= 60_000,
          },
        ]
      : []),
  ];
  return {
    machine: {
      cpus: m.cpus,
      node: m.node,
      runsPerFigure: m.runs,
      loadAverage: m.loadAverage,
      ...(m.nice ? { nice: m.nice } : {}),
    },
    endToEndMs: s,
    renderPhasesMs: m.renderPhases,
    perClusterMs: perCluster,
    peakRssMb: {
      render: rss(m.renderMaxRssKb),
      fleet10: rss(m.children.fleet10.maxRssKb),
      fleet100: rss(m.children.fleet100.maxRssKb),
    },
    profile: {
      fleets: { fleet10: fleetPhases(m.children.fleet10), fleet100: fleetPhases(m.children.fleet100) },
      engine: m.engine,
      cdk8sSynth: {
        cliMs: round(median('cdk8sSynth') - median('cdk8sAppCommand')),
        typeCheckMs: round(median('cdk8sSynth') - median('cdk8sSynthTranspileOnly')),
        appMs: median('cdk8sAppCommand'),
      },
    },
    cdk8sOutput: m.cdk8sOutput,
    ...(suites ? { suitesMs: suites } : {}),
    targets,
  };
}

/** The suites' project layout, as vitest.config.ts defines it (stated in the document). */
const SUITE_LAYOUT =
  'vitest projects (vitest.config.ts): `unit` (every unit test, files sharing one module registry per worker) ' +
  'and `e2e` (the tests that start processes: renders, temporary git repositories, Nx, `pnpm diff`); two workers';

/** The recipe test's share of `pnpm check`, when it was measured. */
function recipesNote(suites: SuiteTimes): string {
  const { recipes } = suites;
  if (!recipes) return '';
  return (
    ` \`pnpm check\` also runs \`pnpm test:recipes\` (the vitest project \`recipes\`), measured on its own at` +
    ` ${suiteMeasured(recipes)}: it applies the README's recipes to a copy of the repository, renders after each and` +
    ` runs the whole \`unit\` project in the copy, so it costs about one more unit run on top of \`pnpm test\`.`
  );
}

/** What the suites' processes used of the CPUs: a figure the machine's other work does not change. */
function cpuNote(suites: SuiteTimes, cpus: number): string {
  const { test, check } = suites;
  if (test.cpuMs === undefined || check.cpuMs === undefined) return '';
  return (
    ` Their processes used ${seconds(test.cpuMs)} and ${seconds(check.cpuMs)} of CPU time (user + system), a figure` +
    ` the machine's other work changes far less than the wall time: on ${cpus} otherwise idle CPUs, no less than` +
    ` ${seconds(test.cpuMs / cpus)} and ${seconds(check.cpuMs / cpus)} of wall time.`
  );
}

const row = (label: string, sample: Sample, note = '') => [
  label,
  String(sample.medianMs),
  `${sample.minMs}–${sample.maxMs}`,
  note,
];

/** docs/performance.md, generated from the results of the same run. */
export function renderPerformanceDoc(r: BenchResults): string {
  const e = r.endToEndMs;
  const p = r.renderPhasesMs;
  const engine = r.profile.engine as Record<string, any>;
  const imports = (engine.packageImportMs ?? {}) as Record<string, number>;
  const cold = (engine.coldBuildMs ?? {}) as Record<string, number>;
  const cdk = r.profile.cdk8sSynth;
  const missed = r.targets.filter((t) => !t.met);
  const f100 = r.profile.fleets.fleet100;
  const suites = r.suitesMs;
  return `# Performance

Generated by \`pnpm bench\` (tools/bench) on a ${r.machine.cpus}-CPU machine with node ${r.machine.node} (one-minute load
average ${r.machine.loadAverage[0]} before the run, ${r.machine.loadAverage[1]} after: other work shared the CPUs${
    r.machine.nice
      ? `; the bench ran at nice ${r.machine.nice}, so that work ${r.machine.nice < 0 ? 'yielded to' : 'took precedence over'} it`
      : ''
  }). Every
figure is the median of ${r.machine.runsPerFigure} separate processes (fleets and cdk8s: 3), measured in interleaved rounds
(each round runs every command of its group once) so that changes in machine load hit every figure alike; the
first group gets one unmeasured warm-up round. Raw numbers: [bench/results.json](../bench/results.json). Numbers
vary with machine load; rerun \`pnpm bench\` before drawing conclusions. Speed is judged here, never in a timed test.

## Targets (issues 9 and 16)

${markdownTable(
  ['issue', 'target', 'limit', 'measured', 'met'],
  r.targets.map((t) => [t.issues.join(', '), t.target, t.limit, t.measured, t.met ? 'yes' : '**no**']),
)}

The render keeps a compile cache (tools/render/bundle-cache.mjs): esbuild's two scripts, the project's code and
the packages it uses (with the validators generated into libs/crd-models), are compiled again only when something
they are compiled from changed. "Uncached" means an empty cache: both scripts are compiled, as on a fresh checkout
or after \`pnpm install\` changed a package. Every other render figure is what \`pnpm render\` does on an unchanged
tree: the cache holds both scripts. Every render writes into an empty folder, so every file is written; only the
operating system's file cache is warm. The engine target is stated twice because "the engine" can be read two
ways: the whole \`node tools/render/bin.mjs\` process, or that process minus node's own start-up (\`node -e 0\`);
the baseline (the floor) is always the whole \`node\` + \`import('cdk8s-plus-33')\` process. The target was set
against cdk8s-plus-27, which left the dependencies in issue 15 (no builder used it; docs/architecture.md); its
successor for a newer Kubernetes, cdk8s-plus-33 (installed with cdk8s-cli), stands in. Side by side before the
removal, cdk8s-plus-33 took about 15% longer to load than cdk8s-plus-27 (medians of 5: 403 and 351 ms for node
with the import, on a loaded machine), so the ratios here are slightly kinder than against cdk8s-plus-27. The
render itself loads neither.
${
  suites
    ? `
## Test suites

\`pnpm test\` took ${seconds(suites.test.medianMs)} and \`pnpm check\` ${seconds(suites.check.medianMs)} (wall, as typed, one run each
after the render figures; \`pnpm check\` includes \`pnpm test\`).${cpuNote(suites, r.machine.cpus)} The tests run as ${SUITE_LAYOUT}.${recipesNote(suites)}
`
    : `
## Test suites

Not measured in this run (\`pnpm bench --skip-suites\`).
`
}
## End-to-end wall times

${markdownTable(
  ['process', 'median ms', 'range ms', 'what it is'],
  [
    row('`node -e 0`', e.node, 'node start-up'),
    row('`node` + `import cdk8s-plus-33`', e.nodeCdk8sPlus, 'the floor: the baseline of the engine target'),
    row('`pnpm render`', e.pnpmRender, 'the command as typed (pnpm start-up included), into an empty tree'),
    row(
      '`node tools/render/bin.mjs`',
      e.render,
      'what `pnpm render` runs: 3 clusters + argocd, every file written',
    ),
    row(
      'the same, nothing cached',
      e.renderCold,
      'an empty compile cache: esbuild compiles the project and packages scripts first',
    ),
    row(
      'the same, after a source change',
      e.renderSourceChanged,
      'the cache holds the packages script only: esbuild compiles the project script',
    ),
    row(
      '`node tools/render/bin.mjs --check`',
      e.renderCheck,
      '`pnpm drift` without pnpm, on a current tree: reads and compares, writes nothing',
    ),
    row(
      'the same with the phase clock',
      e.renderWithPhaseClock,
      'tools/bench/phases.mjs preloaded (breakdown below)',
    ),
    row('bin.mjs, the 3 clusters only', e.renderThreeClusters, 'the same app `cdk8s synth` runs below'),
    row(
      'fleet of 10 clusters',
      e.fleet10,
      'synthetic clusters, compiled like bin.mjs (tools/bench/compiled.mjs)',
    ),
    row('fleet of 100 clusters', e.fleet100, ''),
    row('`cdk8s synth`', e.cdk8sSynth, 'cdk8s-cli, tools/bench/cdk8s/cdk8s.yaml: `npx ts-node main.ts`'),
    row(
      '`cdk8s synth`, ts-node `transpileOnly`',
      e.cdk8sSynthTranspileOnly,
      '`TS_NODE_TRANSPILE_ONLY=true`: no type-check',
    ),
    row('its app command alone', e.cdk8sAppCommand, '`npx ts-node main.ts` with `CDK8S_OUTDIR`'),
    row(
      '`pnpm crds:check` without pnpm',
      e.crdsCheck,
      'generates the CRD models into a temporary folder and compares (tools/crds), nothing cached',
    ),
    row(
      'the same, generated before',
      e.crdsCheckCached,
      'same inputs and generated code as a check it ran before: hashes them, does not generate',
    ),
  ],
)}

Per cluster: ${r.perClusterMs.inProcessAt10} ms in-process at 10 clusters, ${r.perClusterMs.inProcessAt100} ms at 100
(warm: build + validate + serialise); end to end ${r.perClusterMs.fleet10EndToEnd} ms (10) and ${r.perClusterMs.fleet100EndToEnd} ms (100)
including start-up, ${r.perClusterMs.marginalEndToEnd} ms marginal. Peak resident memory: ${r.peakRssMb.render} MB for the render,
${r.peakRssMb.fleet10} MB for 10 clusters, ${r.peakRssMb.fleet100} MB for 100.

Same app, same output: the ${r.cdk8sOutput.objects} objects \`cdk8s synth\` wrote for the three clusters
${r.cdk8sOutput.equal ? 'are' : 'are **not**'} the objects our render wrote (${r.cdk8sOutput.clusters
    .map(
      (c) =>
        `${c.cluster}: ${c.cdk8sObjects} vs ${c.ourObjects}${c.differing.length ? `, ${c.differing.length} differ` : ''}`,
    )
    .join('; ')}), compared object by object after parsing (tools/bench/compare.ts).

## Where the time goes

The render process, \`node tools/render/bin.mjs\` (median of each phase, measured by tools/bench/phases.mjs, which
collects the \`performance\` marks bin.mjs and bundle-cache.mjs set and notes when the render first looks at an
output folder, without changing what the render does):

${markdownTable(
  ['phase', 'ms', 'what happens'],
  [
    [
      'node start',
      String(p.nodeStart),
      `process creation, node's bootstrap, teardown (\`node -e 0\` takes ${e.node.medianMs} ms in all)`,
    ],
    ['bin load', String(p.binLoad), 'bin.mjs and tools/render/bundle-cache.mjs'],
    [
      'cache lookup',
      String(p.lookup),
      'hashing what the scripts are compiled from and finding them in the cache (esbuild does not run)',
    ],
    [
      'load',
      String(p.load),
      'running the packages and project scripts (V8 code cache): the packages the render uses (table below), the project code',
    ],
    ['builds', String(p.build), 'every target built, validated and serialised in memory'],
    ['write', String(p.write), 'comparing with and writing the four output folders, printing'],
    ['exit', String(p.exit), 'exit handlers'],
  ],
)}

Packages, initialised one at a time from the packages script (one fresh compiled process, tools/bench/compiled.mjs
engine; each package only pays for what the earlier ones did not initialise; the render itself initialises Argo CD's
models only when it validates an Argo CD object):

${markdownTable(
  ['package', 'ms'],
  [
    [
      'the packages script itself (read, code cache, module definitions)',
      String(round(Number(engine.packagesLoadMs ?? NaN) - Object.values(imports).reduce((a, b) => a + b, 0))),
    ],
    ...Object.entries(imports).map(([name, value]) => [`\`${name}\``, String(round(value))]),
    ["the project's own modules (the project script)", String(round(Number(engine.importMs ?? NaN)))],
  ],
)}

Builds, inside that process (tools/bench/engine.ts):

${markdownTable(
  ['step', 'ms'],
  [
    [
      'first use of the custom-resource validators (`compileCustomKinds`, before any build)',
      String(engine.customKindsFirstUseMs),
    ],
    ...Object.entries(cold).map(([name, value]) => [
      `first build of ${name} (cold: JIT, lazy schema compilation)`,
      String(value),
    ]),
    [
      `warm build of the 3 clusters (${engine.objectsInThreeClusters} objects)`,
      String(engine.warmThreeClustersMs),
    ],
    ['of which strict schema validation (measured alone)', String(engine.validationOfThreeClustersMs)],
  ],
)}

100 clusters (${e.fleet100.medianMs} ms): node start ${f100.nodeStart} ms, bin load ${f100.binLoad} ms, cache lookup ${f100.lookup} ms,
load (packages and project code) ${f100.load} ms,
render of the 100 clusters (build, validate, write) ${f100.render} ms.

\`cdk8s synth\` (${e.cdk8sSynth.medianMs} ms) = the CLI itself (node, yargs, config, reading back and re-writing the YAML:
${difference(cdk.cliMs)}) + its app command, \`npx ts-node main.ts\` (${cdk.appMs} ms), of which ts-node's type-check with
TypeScript 5.9 is ${difference(cdk.typeCheckMs)} (\`cdk8s synth\` with and without \`transpileOnly\`); the app builds the same
clusters and then lets cdk8s synthesize them again.

${missed.length === 0 ? 'Every target is met.' : missed.map((t) => `- **${t.target}** is not met (${t.measured}).`).join('\n')}

${analysis(r)}

${crdModelsSection(r)}

## Method

- \`pnpm bench [--runs N] [--skip-suites]\` (default 5 runs) takes about three minutes on 2 CPUs, one of them
  for \`pnpm test\` and \`pnpm check\` (\`--skip-suites\` leaves them out). Every end-to-end figure is a separate
  process. The renders run in a mirror of the work tree under the system's temporary folder (links to the sources,
  configs and node_modules, a byte-identical copy of tools/render/bin.mjs, which renders into the workspace it sits
  in) whose clusters/ and argocd/ are emptied before every writing run; the work tree is never written. The
  mirror shares the work tree's compile cache (node_modules/.cache/pms-render), which the warm-up round fills;
  the uncached runs get an empty cache folder each (\`PMS_RENDER_CACHE_DIR\`).
- Synthetic fleets vary a real cluster's settings per cluster: name (also inside ARNs, bucket and prefix),
  host, VPC CIDR and subnets, VPC id, certificate id, OIDC provider id; they validate like the real ones. They run
  through tools/bench/compiled.mjs, which compiles and caches tools/bench/child.ts with tools/render/bundle-cache.mjs,
  as bin.mjs does the render.
- \`pnpm test\` and \`pnpm check\` run once each, in the work tree, after everything else.
- \`cdk8s synth\` runs offline with the cdk8s TypeScript template's default app command, \`npx ts-node main.ts\`
  (tools/bench/cdk8s): ts-node 10.9.2 type-checks with TypeScript 5.9.3 (this workspace's TypeScript 7 has no
  JavaScript compiler API; pnpm bench links \`tools/bench/cdk8s/node_modules/typescript\` to the \`typescript5\`
  alias, as a cdk8s project would have its own TypeScript), compiles to CommonJS (\`moduleTypes\`), resolves \`.js\`
  imports to \`.ts\` (\`experimentalResolver\`) and \`@pms/*\` with \`tsconfig-paths/register\`; it type-checks with the
  workspace's own resolution (\`moduleResolution: bundler\`), so TS5095 (bundler resolution with a CommonJS emit) is ignored. kubernetes-models
  and @kubernetes-models/argo-cd export only an \`import\` condition, so a CommonJS app cannot \`require\` them
  without \`NODE_OPTIONS=--conditions=import\` (node 20.20 then loads them with \`require(esm)\`); ts-node's ESM mode
  does not start on node 20 (its loader hooks are not bound off-thread: ERR_UNKNOWN_FILE_EXTENSION). The upgrade
  check (a request to the npm registry) is off with \`CDK8S_CHECK_UPGRADE=false\`; no validation plugins.
`;
}

/**
 * Issue 15 (custom resources validated by models generated from the vendored CRDs instead of hand-written schemas
 * compiled by ajv): an A/B measured once, since the "before" code no longer exists in the tree. Both trees (commit
 * 71ccbb2 and the change) shared one node_modules; end-to-end and engine figures come from 27 interleaved rounds
 * (3 runs of 9) on the 2-CPU machine under a load average of 2.7 to 7 from other work (everything took two to three
 * times its quiet duration): medians, fastest in brackets, and for the render the median of the per-round
 * differences. Warm validation is the fastest of 150 repetitions in each of 4 processes per tree.
 */
const ISSUE_15_AB: readonly (readonly [figure: string, before: string, after: string])[] = [
  [
    '`node tools/render/bin.mjs --check` (whole process)',
    '2998 ms [1185]',
    '2054 ms [1018]; per round 398 ms faster (median), faster in 22 of 27',
  ],
  [
    '`node tools/render/bin.mjs`, empty tree (whole process)',
    '2828 ms [1180]',
    '2257 ms [1052]; per round 372 ms faster (median), faster in 20 of 27',
  ],
  ['first use of the custom-resource validators', '340 ms [175]', '12 ms [9]'],
  ['first build of pms-dev after that (cold)', '278 ms [127]', '199 ms [111]'],
  ['strict validation of the 3 clusters (130 objects), warm', '4.4–5.1 ms', '5.7–6.6 ms'],
  ['of which the 34 custom resources', '0.56–0.61 ms', '1.6–1.8 ms'],
  [
    'per cluster at 100 clusters, in-process (build + validate + serialise)',
    '33.4 ms [17.0]',
    '43.6 ms [17.7]',
  ],
  ['render bundle (esbuild output, inline source map)', '1513 KB', '797 KB'],
  ['hand-written schema code (`libs/schemas/src/crds` → `overlays`)', '893 lines', '881 lines'],
];

/** The section on issue 15: this run's figures, and the A/B recorded when the change was made. */
function crdModelsSection(r: BenchResults): string {
  const engine = r.profile.engine as Record<string, any>;
  const check = r.endToEndMs.crdsCheck;
  return `## CRD models (issue 15)

Custom resources are validated by the models \`@kubernetes-models/crd-generate\` generated from the vendored CRDs
(precompiled validators, loaded as plain modules) plus constraint overlays that are walked, not compiled
([validation.md](validation.md)). This run: first use of the custom-resource validators ${engine.customKindsFirstUseMs} ms; strict
validation of the 3 clusters, warm, ${engine.validationOfThreeClustersMs} ms; \`pnpm crds:check\` (generating the models from the
vendored CRDs into a temporary folder, then comparing) ${check.medianMs} ms (${check.minMs}–${check.maxMs}), most of it the generator;
${r.endToEndMs.crdsCheckCached.medianMs} ms when a check before it generated from the same inputs the same code (tools/crds/check-cache.ts).

Before and after, recorded once when the change was made (the hand-written schemas no longer exist, so
\`pnpm bench\` cannot re-measure them): the tree of commit 71ccbb2, whose hand-written JSON schemas ajv compiled on
first use, against the change, sharing one node_modules, interleaved (method in tools/bench/report.ts).

${markdownTable(
  ['figure', 'before', 'after'],
  ISSUE_15_AB.map(([figure, before, after]) => [figure, before, after]),
)}

Cold, the render no longer compiles anything for the custom resources; warm, a check of a custom resource costs more
than the hand-written schema did (the strict tracing now covers the whole object, not only its metadata), which a
render of three clusters does not notice and a fleet of 100 pays per cluster.`;
}

/** Plain-language reading of the profile, derived from the same numbers. */
function analysis(r: BenchResults): string {
  const e = r.endToEndMs;
  const p = r.renderPhasesMs;
  const engine = r.profile.engine as Record<string, any>;
  const imports = Object.entries((engine.packageImportMs ?? {}) as Record<string, number>).sort(
    ([, a], [, b]) => b - a,
  );
  const cold = Object.values((engine.coldBuildMs ?? {}) as Record<string, number>);
  const fixed = p.nodeStart + p.binLoad + p.lookup + p.load;
  const share = Math.round((fixed / e.render.medianMs) * 100);
  const pnpmOverhead = e.pnpmRender.medianMs - e.render.medianMs;
  return [
    `Reading: ${share}% of the render process (${round(fixed, 0)} ms) is start-up, cache lookup and loading, paid once`,
    `per process whatever the number of clusters. The packages, initialised one by one: ${imports.map(([name, value]) => `${name} ${round(value, 0)} ms`).join(', ')}`,
    `(kubernetes-models and @kubernetes-models/argo-cd ship one ES module per schema; in the packages script they are`,
    `one file, read and parsed once, its compiled code cached by V8). Without the cache the render first compiles both`,
    `scripts: ${difference(e.renderCold.medianMs - e.render.medianMs)} more; after a source change only the project script:`,
    `${difference(e.renderSourceChanged.medianMs - e.render.medianMs)} more. Builds take`,
    `${p.build} ms for the four targets, most of it in the first cluster a process builds (${cold[0] ?? NaN} ms, against`,
    `${cold.slice(1).join(' and ')} ms for the next two: JIT warm-up and validators compiled on first use); a warm`,
    `cluster costs ${r.perClusterMs.inProcessAt100} ms. \`pnpm\`'s own start-up: ${difference(pnpmOverhead)}.`,
    `Against \`cdk8s synth\`, the difference is ts-node (type-checking and compiling every project file with`,
    `TypeScript 5.9 on each run), npx and the CLI; all of it is fixed cost too.`,
  ].join('\n');
}
