import { describe, expect, it } from 'vitest';
import { buildResults, renderPerformanceDoc, type Measured, type SampleName } from './report.js';
import { summarize } from './stats.js';

const NAMES: SampleName[] = [
  'node',
  'nodeCdk8sPlus27',
  'tsxStartup',
  'render',
  'renderTsxCacheDisabled',
  'renderNodeImportTsx',
  'pnpmRenderCheck',
  'fleet10',
  'fleet100',
  'cdk8sSynth',
  'cdk8sAppCommand',
  'cdk8sAppWithoutNpx',
];

function measured(medians: Partial<Record<SampleName, number>>, perCluster = { 10: 20, 100: 21 }): Measured {
  const samples = Object.fromEntries(
    NAMES.map((name) => [name, summarize([medians[name] ?? 100])]),
  ) as Measured['samples'];
  const child = { bootMs: 300, importMs: 400, renderMs: 200, maxRssKb: 204800 };
  return {
    runs: 5,
    cpus: 2,
    node: 'v20.0.0',
    loadAverage: [0.5, 0.7],
    samples,
    children: { render: child, fleet10: child, fleet100: child },
    engine: {
      importMs: { cdk8sPlus27: 100 },
      coldBuildMs: { 'pms-dev': 300 },
      fleetPerClusterMs: { '10': perCluster[10], '100': perCluster[100] },
    },
  };
}

describe('bench results', () => {
  it('meets every target when the render is fast enough', () => {
    const results = buildResults(
      measured({
        pnpmRenderCheck: 1400,
        render: 900,
        nodeCdk8sPlus27: 320,
        fleet100: 4800,
        fleet10: 1100,
        cdk8sSynth: 9500,
      }),
    );
    expect(results.targets.map((t) => [t.id, t.met])).toEqual([
      ['render-three-clusters', true],
      ['engine-vs-node-and-cdk8s-plus', true],
      ['fleet-100', true],
      ['linear', true],
      ['vs-cdk8s-synth', true],
    ]);
    expect(results.peakRssMb.render).toBe(200);
    expect(renderPerformanceDoc(results)).toContain('Every target is met.');
  });

  it('reports each missed target with its measurement and keeps the profile in the document', () => {
    const results = buildResults(
      measured(
        { pnpmRenderCheck: 2100, render: 1800, nodeCdk8sPlus27: 300, cdk8sSynth: 3600 },
        { 10: 20, 100: 40 },
      ),
    );
    const missed = results.targets.filter((t) => !t.met).map((t) => t.id);
    expect(missed).toEqual([
      'render-three-clusters',
      'engine-vs-node-and-cdk8s-plus',
      'linear',
      'vs-cdk8s-synth',
    ]);
    const doc = renderPerformanceDoc(results);
    expect(doc).toContain('- **at least 10× faster than `cdk8s synth` on the same app** is not met (2×');
    expect(doc).toContain('## Where the time goes');
    expect(doc).toContain('| first build of pms-dev (cold: JIT, lazy schema compilation) | 300 |');
  });
});
