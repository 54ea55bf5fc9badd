import { apiGroup, objectRef, type ClusterSyncSources, type PlanApplication } from '@pms/core';
import { buildPmsCluster, BUILT_IN_GROUPS, pmsSyncPlan } from '@pms/platform';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildArgoCd, type BuiltArgoCd } from './build.js';
import { EXTERNAL_DNS_CHART } from './external-dns.js';
import { fleet } from './fleet.js';
import { clusterSyncSources } from './sync-sources.js';

let built: BuiltArgoCd;
beforeAll(() => {
  built = buildArgoCd(fleet);
});

const withApplication = (
  sources: ClusterSyncSources,
  name: (app: PlanApplication) => boolean,
  change: (app: PlanApplication) => PlanApplication,
): ClusterSyncSources => ({
  ...sources,
  applications: sources.applications.map((app) => (name(app) ? change(app) : app)),
});

describe('the sync plan of every cluster of the fleet', () => {
  it('has no violation, and every prerequisite of every object is satisfied somewhere', () => {
    for (const settings of fleet) {
      const plan = pmsSyncPlan(settings, clusterSyncSources(built, settings));
      expect(plan.violations, settings.name).toEqual([]);
      for (const step of plan.steps)
        for (const p of step.prerequisites)
          expect(
            p.satisfiedBy,
            `${settings.name} ${objectRef(step.object.manifest)} ${p.requirement.what}`,
          ).toBeDefined();
    }
  });

  it('plans every rendered object exactly once, and each custom resource after its CRD and with its controller', () => {
    for (const settings of fleet) {
      const plan = pmsSyncPlan(settings, clusterSyncSources(built, settings));
      const rendered = buildPmsCluster(settings).manifests.map(objectRef).sort();
      const planned = plan.steps.filter((s) => s.object.source.startsWith(`clusters/${settings.name}/`));
      expect(planned.map((s) => objectRef(s.object.manifest)).sort()).toEqual(rendered);
      for (const step of planned.filter((s) => !BUILT_IN_GROUPS.includes(apiGroup(s.object.manifest)))) {
        const keys = step.prerequisites.map((p) => p.requirement.key);
        expect(keys, objectRef(step.object.manifest)).toContain(
          `crd:${apiGroup(step.object.manifest)}/${step.object.manifest.kind}`,
        );
        expect(keys).toContain(`controller:${apiGroup(step.object.manifest)}/${step.object.manifest.kind}`);
      }
    }
  });

  it('refuses an operator whose Application syncs after the custom resources it defines (CR before its CRD)', () => {
    const settings = fleet[0]!;
    const release = buildPmsCluster(settings).releases.find((r) => (r.defines ?? []).length > 0)!;
    const [apiVersion, kind] = release.defines![0]!.split(' ') as [string, string];
    const late = withApplication(
      clusterSyncSources(built, settings),
      (app) => app.chart?.name === release.chart.name,
      (app) => ({ ...app, wave: 1 }),
    );
    const violations = pmsSyncPlan(settings, late).violations;
    const cr = buildPmsCluster(settings).manifests.find(
      (m) => m.kind === kind && m.apiVersion === apiVersion,
    )!;
    expect(violations.map((v) => v.field)).toContain(`sync plan: ${objectRef(cr)}`);
    expect(
      violations.find((v) => v.value === `the CRD of ${apiVersion.split('/')[0]}/${kind}`)?.problem,
    ).toContain(`which is not ordered before Application ${settings.name} (wave 0 of pms-argocd)`);
  });

  it('orders the DNSEndpoints after the external-dns Application that brings their CRD and controller, and refuses them without it', () => {
    const settings = fleet.find((c) => (c.migration?.legacyLoadBalancers.length ?? 0) > 0)!;
    const sources = clusterSyncSources(built, settings);
    const endpoints = buildPmsCluster(settings).manifests.filter((m) => m.kind === 'DNSEndpoint');
    expect(endpoints.length).toBe(settings.migration!.legacyLoadBalancers.length);
    const plan = pmsSyncPlan(settings, sources);
    for (const endpoint of endpoints) {
      const step = plan.steps.find((s) => objectRef(s.object.manifest) === objectRef(endpoint))!;
      for (const p of step.prerequisites) expect(p.satisfiedBy, p.requirement.what).toBeDefined();
    }
    const without = {
      ...sources,
      applications: sources.applications.filter((app) => app.chart?.name !== EXTERNAL_DNS_CHART.name),
    };
    const refused = pmsSyncPlan(settings, without).violations.map((v) => v.field);
    for (const endpoint of endpoints) expect(refused).toContain(`sync plan: ${objectRef(endpoint)}`);
  });

  it('refuses an Ingress waiting on a web ACL when argocd-cm has no health check for WebACL', () => {
    const settings = fleet[0]!;
    const sources = clusterSyncSources(built, settings);
    const blind = {
      ...sources,
      healthChecked: sources.healthChecked.filter((k) => k !== 'wafv2.services.k8s.aws/WebACL'),
    };
    const violations = pmsSyncPlan(settings, blind).violations;
    expect(violations.map((v) => `${v.field}: ${v.value}`)).toEqual([
      `sync plan: Ingress pms/pms: web ACL ${settings.name}-web-acl (named by IngressClassParams alb spec.wafv2AclName)`,
    ]);
    expect(violations[0]!.problem).toContain(
      'has no health check (wafv2.services.k8s.aws/WebACL: not built into Argo CD, no key in argocd-cm)',
    );
  });

  it('refuses a cluster Application no parent orders (an ApplicationSet git generator)', () => {
    const settings = fleet[0]!;
    const unordered = withApplication(
      clusterSyncSources(built, settings),
      (app) => app.name === settings.name,
      ({ parent: _parent, ...app }) => ({ ...app, createdBy: 'git generator' }),
    );
    expect(pmsSyncPlan(settings, unordered).violations.length).toBeGreaterThan(0);
  });
});
