/**
 * The backing charts against the upstream facts: the pinned constants pass, and each malformation (a misspelt chart
 * name, another project's chart, a chart bumped without its facts) is refused naming the constant and its file.
 */
import { Checks, formatIssue } from '@pms/core';
import { describe, expect, it } from 'vitest';
import { BACKING_CHARTS, CHARTS_FILE, type BackingChart } from './charts.js';
import { validateBackingCharts } from './chart-check.js';
import { UPSTREAM_PROJECTS } from './upstream.js';

function problems(charts: readonly BackingChart[]): string[] {
  const checks = new Checks('pms-dev', 'networking');
  validateBackingCharts(checks, charts);
  return checks.issues.map(formatIssue);
}

/** The entry of `project` with its chart changed. */
function changed(project: string, change: (chart: BackingChart['chart']) => object): BackingChart[] {
  return BACKING_CHARTS.filter((c) => c.project === project).map((c) => ({
    ...c,
    chart: { ...c.chart, ...change(c.chart) },
  }));
}

const valkey = BACKING_CHARTS.find((c) => c.project === 'valkey')!;
const cnpg = BACKING_CHARTS.find((c) => c.project === 'cloudnative-pg')!;
const VALKEY_FACTS = `UPSTREAM_PROJECTS["valkey"] in libs/networking/src/backing/upstream.ts`;

describe('validateBackingCharts', () => {
  it('passes the pinned charts, one per project with facts', () => {
    expect(problems(BACKING_CHARTS)).toEqual([]);
    expect(BACKING_CHARTS.map((c) => c.project).sort()).toEqual(Object.keys(UPSTREAM_PROJECTS).sort());
  });

  it('refuses a misspelt chart name, naming the constant, the facts and the right name', () => {
    expect(problems(changed('valkey', () => ({ name: 'valkey-server' })))).toEqual([
      `[pms-dev] ${valkey.constant}.name (${CHARTS_FILE}) = "valkey-server": did you mean "${UPSTREAM_PROJECTS.valkey.chart}"? The Valkey facts (${VALKEY_FACTS}) were read from chart "${UPSTREAM_PROJECTS.valkey.chart}"; a release of another chart installs pods, ports and objects this repository does not model, and the render would report Valkey as not installed; allowed: "${UPSTREAM_PROJECTS.valkey.chart}"; or, if the chart was renamed upstream, its facts re-read and UPSTREAM_PROJECTS["valkey"].chart changed with them`,
    ]);
  });

  it("says whose chart another project's chart name is", () => {
    const [message] = problems(changed('cloudnative-pg', () => ({ name: UPSTREAM_PROJECTS.valkey.chart })));
    expect(message).toContain(
      `${cnpg.constant}.name (${CHARTS_FILE}) = "${UPSTREAM_PROJECTS.valkey.chart}": did you mean "${UPSTREAM_PROJECTS['cloudnative-pg'].chart}"?`,
    );
    expect(message).toContain(`("${UPSTREAM_PROJECTS.valkey.chart}" is the Valkey chart)`);
  });

  it('refuses a chart pinned at another tag than its facts were read at', () => {
    const read = `${valkey.chart.source.repository}@${valkey.chart.source.tag}`;
    expect(problems(changed('valkey', (c) => ({ source: { ...c.source, tag: 'valkey-9.9.9' } })))).toEqual([
      `[pms-dev] ${valkey.constant}.source (${CHARTS_FILE}) = "${valkey.chart.source.repository}@valkey-9.9.9": the Valkey facts (${VALKEY_FACTS}) were read at ${read}: a chart pinned at another tag may label, number or name its pods differently; allowed: ${read}; or the facts re-read at the chart's tag`,
    ]);
  });

  it('refuses a chart from a repository no fact was read in', () => {
    const [message] = problems(
      changed('valkey', (c) => ({ source: { ...c.source, repository: 'bitnami/charts' } })),
    );
    expect(message).toContain(`${valkey.constant}.source (${CHARTS_FILE}) = "bitnami/charts@`);
    expect(message).toContain('no Valkey fact');
  });
});
