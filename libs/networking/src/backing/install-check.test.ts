import { formatIssue, type Manifest } from '@pms/core';
import { describe, expect, it } from 'vitest';
import { backingServicesOf, PMS_SERVICES } from '../catalogue.js';
import { describeEdge, PMS_GRAPH } from '../graph.js';
import { renderNetworking, TEST_CLUSTERS } from '../__fixtures__/clusters.js';
import { backingInstallations, uninstalledDependencies } from './install-check.js';
import { UPSTREAM_PROJECTS } from './upstream.js';

const test = TEST_CLUSTERS[0]!;
const { networking, manifests } = renderNetworking(test);
const backing = backingServicesOf(PMS_SERVICES);

describe('backingInstallations', () => {
  it('finds every backing service installed on a test cluster: custom resources rendered, releases there', () => {
    const installations = backingInstallations(manifests, networking.releases);
    expect(installations.map((i) => i.service)).toEqual(backing.map((s) => s.name));
    for (const i of installations) expect(i.installed, `${i.service}: ${i.evidence.join('; ')}`).toBe(true);
  });

  it.each(backing)(
    'sees $name uninstalled without its release, and an operator’s without its custom resource',
    (service) => {
      const project = UPSTREAM_PROJECTS[service.installer.project];
      const withoutRelease = networking.releases.filter((r) => r.chart.name !== project.chart);
      const found = backingInstallations(manifests, withoutRelease).find((i) => i.service === service.name)!;
      expect(found.installed).toBe(false);
      expect(found.evidence.some((e) => e.includes(project.chart) && e.endsWith('missing'))).toBe(true);
      if (project.kind === 'operator') {
        const kind = project.resources[0]!.split(' ')[1];
        const withoutResource = manifests.filter(
          (m: Manifest) => !(m.kind === kind && m.metadata.name === service.installer.instance),
        );
        const missing = backingInstallations(withoutResource, networking.releases).find(
          (i) => i.service === service.name,
        )!;
        expect(missing.installed).toBe(false);
        expect(missing.evidence).toContain(`${kind} pms/${service.installer.instance}: missing`);
      }
    },
  );
});

describe('uninstalledDependencies', () => {
  it('has nothing to say when everything is installed', () => {
    const installations = backingInstallations(manifests, networking.releases);
    expect(uninstalledDependencies({ cluster: 'pms-dev', graph: PMS_GRAPH, installations })).toEqual([]);
  });

  it.each(backing)(
    'refuses the workloads that need $name when it is not installed, naming both ends and the fix',
    (service) => {
      const installations = backingInstallations(manifests, networking.releases).map((i) =>
        i.service === service.name ? { ...i, installed: false, evidence: ['x: missing'] } : i,
      );
      const [issue, ...rest] = uninstalledDependencies({
        cluster: 'pms-dev',
        graph: PMS_GRAPH,
        installations,
      });
      expect(rest).toEqual([]);
      const needs = PMS_GRAPH.edges.filter(
        (e) =>
          e.to === service.name && e.from !== service.name && PMS_SERVICES.some((s) => s.name === e.from),
      );
      expect(needs.length).toBeGreaterThan(0);
      const message = formatIssue(issue!);
      expect(message).toMatch(
        new RegExp(`^\\[pms-dev\\] networking\\.backing\\.${service.name} = \\(missing\\): `),
      );
      for (const edge of needs) expect(message).toContain(describeEdge(edge));
      expect(message).toContain(`which is not installed on pms-dev (x: missing)`);
      expect(message).toContain(
        `allowed: the ${UPSTREAM_PROJECTS[service.installer.project].title} settings of ${service.name} under networking.backing.${service.name} in apps/pms-dev/src/settings.ts, or no edge to it in PMS_GRAPH`,
      );
    },
  );

  it('refuses a backing service nobody needs that is not installed: its Service would select nothing', () => {
    const [first] = backing;
    const graph = { edges: PMS_GRAPH.edges.filter((e) => e.to !== first!.name || e.from === first!.name) };
    const installations = backingInstallations(manifests, networking.releases).map((i) =>
      i.service === first!.name ? { ...i, installed: false, evidence: ['x: missing'] } : i,
    );
    expect(uninstalledDependencies({ cluster: 'pms-dev', graph, installations }).map(formatIssue)).toEqual([
      `[pms-dev] networking.backing.${first!.name} = (missing): ${first!.name} is declared in PMS_SERVICES (libs/networking/src/catalogue.ts) but not installed on pms-dev (x: missing): its Service and NetworkPolicy would select no pods; allowed: the ${UPSTREAM_PROJECTS[first!.installer.project].title} settings of ${first!.name} under networking.backing.${first!.name} in apps/pms-dev/src/settings.ts, or no ${first!.name} in PMS_SERVICES`,
    ]);
  });
});
