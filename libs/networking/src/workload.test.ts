import {
  CLUSTER_CONTEXT_KEY,
  formatIssue,
  formatValue,
  issuesOf,
  PlainChart,
  synthesize,
  type Manifest,
} from '@pms/core';
import { App } from 'cdk8s';
import { describe, expect, it } from 'vitest';
import {
  PMS_SERVICES,
  WORKLOAD_SERVICES,
  WORKLOADS,
  type WorkloadName,
  type WorkloadService,
} from './catalogue.js';
import { PmsNetworking } from './networking.js';
import { DEFAULT_RESOURCES, WORKLOAD_RESOURCES, type NetworkingSettings } from './settings.js';
import { DEFAULT_RUN_AS_USER, PmsWorkload, WORKLOAD_RUN_AS_USER } from './workload.js';
import { renderNetworking, TEST_CLUSTERS } from './__fixtures__/clusters.js';

const dev = TEST_CLUSTERS[0]!;

function problems(render: () => unknown): string[] {
  try {
    render();
    return [];
  } catch (error) {
    const issues = issuesOf(error);
    if (!issues) throw error;
    return issues.map(formatIssue);
  }
}

/** Renders `PmsNetworking` for pms-dev with other settings. */
function renderWith(settings: NetworkingSettings): Manifest[] {
  const app = new App({ outdir: '.' });
  app.node.setContext(CLUSTER_CONTEXT_KEY, dev.cluster.name);
  const chart = new PlainChart(app, dev.cluster.name);
  new PmsNetworking(chart, 'networking', {
    cluster: dev.cluster,
    settings,
  });
  return synthesize(app);
}

const settingsWithout = (name: string): NetworkingSettings => ({
  ...dev.networking,
  workloads: Object.fromEntries(
    Object.entries(dev.networking.workloads).filter(([workload]) => workload !== name),
  ) as NetworkingSettings['workloads'],
});

describe('the workloads of the catalogue', () => {
  it('are its entries of kind workload, in catalogue order, and each renders a Deployment', () => {
    expect(WORKLOADS).toEqual(PMS_SERVICES.filter((s) => s.kind === 'workload').map((s) => s.name));
    const deployments = renderNetworking(dev)
      .manifests.filter((m) => m.kind === 'Deployment')
      .map((m) => m.metadata.name);
    expect(deployments).toEqual([...WORKLOADS]);
  });

  it('refuses a workload without settings, naming the workload, the catalogue and the settings file to edit', () => {
    const [name] = WORKLOADS;
    expect(problems(() => renderWith(settingsWithout(name!)))).toEqual([
      `[pms-dev] networking.workloads.${name} = (missing): the catalogue (libs/networking/src/catalogue.ts) declares the workload "${name}", but this cluster's settings do not; ` +
        `allowed: { image: { repository, tag }, scaling: { minReplicas, maxReplicas } } under networking.workloads.${name} in apps/pms-dev/src/settings.ts (at pms-dev/networking)`,
    ]);
  });

  it('refuses settings for a workload the catalogue does not declare', () => {
    const settings = {
      ...dev.networking,
      workloads: { ...dev.networking.workloads, 'no-such-workload': dev.networking.workloads[WORKLOADS[0]!] },
    } as NetworkingSettings & { workloads: { 'no-such-workload': unknown } };
    expect(problems(() => renderWith(settings))).toEqual([
      `[pms-dev] networking.workloads.no-such-workload = ${formatValue(settings.workloads['no-such-workload'])}: ` +
        `"no-such-workload" is no workload of the catalogue (libs/networking/src/catalogue.ts, entries of kind "workload"); allowed: settings for the workloads of the catalogue only: ${WORKLOADS.join(', ')} (at pms-dev/networking)`,
    ]);
  });
});

describe('per-workload defaults', () => {
  it('size and run every workload without an entry of its own with the defaults', () => {
    const { manifests } = renderNetworking(dev);
    for (const name of WORKLOADS) {
      const pod = (manifests.find((m) => m.kind === 'Deployment' && m.metadata.name === name) as any).spec
        .template.spec;
      const resources = WORKLOAD_RESOURCES[name] ?? DEFAULT_RESOURCES;
      expect(pod.containers[0].resources, name).toEqual({
        requests: { cpu: resources.cpuRequest, memory: resources.memoryRequest },
        limits: { memory: resources.memoryLimit },
      });
      expect(pod.securityContext.runAsUser, name).toBe(WORKLOAD_RUN_AS_USER[name] ?? DEFAULT_RUN_AS_USER);
    }
  });

  it('render a workload that has no entry in any per-workload table', () => {
    const template = WORKLOAD_SERVICES.find((s) => s.port >= 1024)!;
    const service = {
      ...template,
      name: 'newcomer',
      port: 8090,
      podLabels: { 'app.kubernetes.io/name': 'newcomer', 'app.kubernetes.io/part-of': 'pms' },
    } as unknown as WorkloadService<WorkloadName>;
    const app = new App({ outdir: '.' });
    const chart = new PlainChart(app, 'test');
    new PmsWorkload(chart, 'newcomer', {
      service,
      settings: dev.networking.workloads[template.name],
    });
    const deployment = synthesize(app).find((m) => m.kind === 'Deployment') as any;
    const pod = deployment.spec.template.spec;
    expect(pod.securityContext.runAsUser).toBe(DEFAULT_RUN_AS_USER);
    expect(pod.containers[0].resources.requests).toEqual({
      cpu: DEFAULT_RESOURCES.cpuRequest,
      memory: DEFAULT_RESOURCES.memoryRequest,
    });
    expect(pod.containers[0].ports).toEqual([
      { name: template.portName, containerPort: 8090, protocol: 'TCP' },
    ]);
  });
});
