/**
 * The backing services' chart constants (`CNPG_CHART`, `STRIMZI_CHART`, `VALKEY_CHART`) against the upstream facts
 * (`UPSTREAM_PROJECTS`): the chart is the one the facts name, and where the facts were read in the chart's own
 * repository, at the chart's tag. A misspelt chart name would otherwise surface only later, as "not installed" on
 * the cluster's settings (the install check finds no release of the facts' chart), far from the constant at fault.
 */
import type { Checks } from '@pms/core';
import { BACKING_CHARTS, CHARTS_FILE, type BackingChart } from './charts.js';
import { UPSTREAM_PROJECTS, type UpstreamProject, type UpstreamSource } from './upstream.js';

const UPSTREAM_FILE = 'libs/networking/src/backing/upstream.ts';

/** Every place a fact of `project` was read. */
function sourcesOf(project: UpstreamProject): UpstreamSource[] {
  return [
    ...project.pods.flatMap((pod) => pod.labels.map((label) => label.source)),
    ...project.ports.map((port) => port.source),
    ...(project.operator ? [project.operator.source] : []),
    ...project.ownedNames.sources,
    ...project.services.map((service) => service.source),
    project.podSecurity.source,
  ];
}

const at = (source: Pick<UpstreamSource, 'repository' | 'tag'>) => `${source.repository}@${source.tag}`;

function checkChart({ project: id, constant, chart }: BackingChart, checks: Checks): void {
  const project = UPSTREAM_PROJECTS[id];
  const facts = `UPSTREAM_PROJECTS["${id}"] in ${UPSTREAM_FILE}`;
  const field = (name: string) => `${constant}.${name} (${CHARTS_FILE})`;
  if (chart.name !== project.chart) {
    const other = Object.values(UPSTREAM_PROJECTS).find((p) => p.chart === chart.name);
    checks.fail({
      field: field('name'),
      value: chart.name,
      problem: `did you mean "${project.chart}"? The ${project.title} facts (${facts}) were read from chart "${project.chart}"${other ? ` ("${chart.name}" is the ${other.title} chart)` : ''}; a release of another chart installs pods, ports and objects this repository does not model, and the render would report ${project.title} as not installed`,
      allowed: `"${project.chart}"; or, if the chart was renamed upstream, its facts re-read and UPSTREAM_PROJECTS["${id}"].chart changed with them`,
    });
  }
  const read = [...new Set(sourcesOf(project).map(at))].sort();
  const inRepository = read.filter((source) => source.startsWith(`${chart.source.repository}@`));
  if (inRepository.length === 0 || inRepository.some((source) => source !== at(chart.source))) {
    checks.fail({
      field: field('source'),
      value: at(chart.source),
      problem:
        inRepository.length === 0
          ? `no ${project.title} fact (${facts}) was read in ${chart.source.repository}, so nothing says the chart is the facts' (read in: ${read.join(', ')})`
          : `the ${project.title} facts (${facts}) were read at ${inRepository.join(', ')}: a chart pinned at another tag may label, number or name its pods differently`,
      allowed: `${inRepository.join(' or ') || read.join(' or ')}; or the facts re-read at the chart's tag`,
    });
  }
}

/**
 * Checks the backing charts against the upstream facts; issues are recorded on `checks` under
 * `<CONSTANT>.<field> (libs/networking/src/backing/charts.ts)`, the constant to edit.
 */
export function validateBackingCharts(
  checks: Checks,
  charts: readonly BackingChart[] = BACKING_CHARTS,
): void {
  const root = checks.withPrefix('');
  for (const chart of charts) checkChart(chart, root);
}
