import { formatIssue, issuesOf, type Manifest } from '@pms/core';
import { describe, expect, it } from 'vitest';
import { checkDisruption, disruptionBudgets, resolveIntOrPercent } from './disruption.js';
import { WORKLOADS } from './catalogue.js';
import { renderNetworking, TEST_CLUSTERS } from './__fixtures__/clusters.js';

/** What `checkDisruption` says about `objects`. */
function refusals(objects: readonly Manifest[]): string[] {
  try {
    checkDisruption('pms-test', objects);
    return [];
  } catch (error) {
    return issuesOf(error)!.map(formatIssue);
  }
}

const object = (objects: readonly Manifest[], kind: string, name: string) =>
  objects.find((m) => m.kind === kind && m.metadata.name === name) as Manifest & { spec: any };

describe("Kubernetes' rounding", () => {
  it.each([
    ['25%', 3, 'up', 1],
    ['25%', 3, 'down', 0],
    ['50%', 4, 'down', 2],
    [2, 10, 'down', 2],
  ] as const)('%s of %i rounded %s is %i', (value, total, round, expected) => {
    expect(resolveIntOrPercent(value, total, round, 0)).toBe(expected);
  });
});

describe.each(TEST_CLUSTERS.map((c) => [c.cluster.name, c] as const))('on %s', (_, test) => {
  const { manifests } = renderNetworking(test);

  it('passes: every rollout takes no more pods down than the PDB allows a drain to', () => {
    expect(refusals(manifests)).toEqual([]);
    for (const view of disruptionBudgets(manifests)) {
      expect(view.rolloutUnavailable, view.ref).toBeLessThanOrEqual(view.pdbAllows!);
      if (view.replicas >= 2) expect(view.pdbAllows, view.ref).toBeLessThan(view.replicas);
    }
  });

  it("reads each workload's minimum from its autoscaler", () => {
    const byRef = new Map(disruptionBudgets(manifests).map((v) => [v.ref, v]));
    for (const name of WORKLOADS) {
      expect(byRef.get(`Deployment pms/${name}`)?.replicas).toBe(
        test.networking.workloads[name].scaling.minReplicas,
      );
    }
  });
});

describe('refusals', () => {
  const test = TEST_CLUSTERS.find((c) =>
    Object.values(c.networking.workloads).every((w) => w.scaling.minReplicas >= 2),
  )!;
  const { manifests } = renderNetworking(test);
  const name = WORKLOADS[0]!;
  const min = test.networking.workloads[name].scaling.minReplicas;

  it('refuses a rollout that takes more pods down than the PDB lets a drain take', () => {
    const objects = structuredClone(manifests) as Manifest[];
    object(objects, 'Deployment', name).spec.strategy.rollingUpdate.maxUnavailable = 2;
    expect(refusals(objects)).toEqual([
      `[pms-test] Deployment pms/${name} spec.strategy.rollingUpdate.maxUnavailable = 2: a rollout takes 2 of ${min} pods (HorizontalPodAutoscaler pms/${name} spec.minReplicas) down at once, more than PodDisruptionBudget pms/${name} lets a drain take (1): it leaves fewer healthy targets than the PDB allows; allowed: at most 1 (the PDB's allowed disruptions at ${min} replicas); the rollout strategy and the PDB are rendered by PmsWorkload (libs/networking/src/workload.ts), the minimum is networking.workloads.<name>.scaling.minReplicas in the cluster settings (at disruption check)`,
    ]);
  });

  it('refuses a PDB that lets a drain take every pod', () => {
    const objects = structuredClone(manifests) as Manifest[];
    object(objects, 'PodDisruptionBudget', name).spec.maxUnavailable = '100%';
    expect(refusals(objects)).toEqual([
      expect.stringContaining(
        `PodDisruptionBudget pms/${name} spec = ${min}: allows ${min} disruptions of ${min} replicas`,
      ),
    ]);
  });

  it('refuses a PDB that blocks every drain, and a Recreate rollout', () => {
    const objects = structuredClone(manifests) as Manifest[];
    const pdb = object(objects, 'PodDisruptionBudget', name).spec;
    delete pdb.maxUnavailable;
    pdb.minAvailable = '100%';
    const other = object(objects, 'Deployment', WORKLOADS[1]!).spec;
    other.strategy = { type: 'Recreate' };
    expect(refusals(objects)).toEqual([
      expect.stringContaining(`PodDisruptionBudget pms/${name} spec = 0: allows no disruption`),
      expect.stringContaining(`Deployment pms/${WORKLOADS[1]} spec.strategy.type = "Recreate"`),
    ]);
  });

  it('refuses a workload no PDB protects', () => {
    const objects = (structuredClone(manifests) as Manifest[]).filter(
      (m) => !(m.kind === 'PodDisruptionBudget' && m.metadata.name === name),
    );
    expect(refusals(objects)).toEqual([
      expect.stringContaining(
        `Deployment pms/${name} (PodDisruptionBudget) = (missing): no PodDisruptionBudget`,
      ),
    ]);
  });
});
