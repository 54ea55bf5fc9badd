/**
 * Rollouts, voluntary disruptions and the autoscaler's minimum, read together from the rendered Deployment,
 * PodDisruptionBudget and HorizontalPodAutoscaler of each workload: a rollout never takes more serving pods down than
 * a node drain may (the PDB), and neither leaves a workload of two or more replicas with none. With the load balancer
 * controller's readiness gate (`READINESS_GATE_INJECT_LABEL`), a pod counts as available only once its IP target is
 * healthy in the target group, so "available pods" below is "healthy targets" for the ALB's backends.
 *
 * Kubernetes' arithmetic (Deployment and PodDisruptionBudget API references, "Performing a rolling update",
 * "Specifying a Disruption Budget"): `maxSurge` as a percentage rounds up, `maxUnavailable` rounds down (both default
 * 25 %); a PDB's percentages round up; a PDB allows `N − minAvailable` or `maxUnavailable` disruptions of `N` pods.
 */
import { objectRef, ofKind, throwIfAny, type ConfigIssue, type Manifest } from '@pms/core';
import type { IDeployment } from 'kubernetes-models/apps/v1/Deployment';
import type { IHorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler';
import type { IPodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import { selectorMatches } from './label-selector.js';

/** An `IntOrString` of the API (`1`, `"25%"`) resolved against `total` pods, rounding as `round` says. */
export function resolveIntOrPercent(
  value: number | string | undefined,
  total: number,
  round: 'up' | 'down',
  fallback: number | string,
): number {
  const raw = value ?? fallback;
  if (typeof raw === 'number') return raw;
  const percent = /^(\d+)%$/.exec(raw);
  if (!percent) return Number.NaN;
  const exact = (Number(percent[1]) * total) / 100;
  return round === 'up' ? Math.ceil(exact) : Math.floor(exact);
}

/** The disruption arithmetic of one workload at its smallest size. */
export interface DisruptionBudgetView {
  /** `Deployment <namespace>/<name>`. */
  readonly ref: string;
  /** The smallest replica count: the autoscaler's `minReplicas`, else `spec.replicas`, else 1. */
  readonly replicas: number;
  /** Where `replicas` comes from, for messages. */
  readonly replicasSource: string;
  /** The PodDisruptionBudget selecting the pods, if any. */
  readonly pdb?: string;
  /** Pods a voluntary disruption (eviction, node drain) may take at once, by the PDB. */
  readonly pdbAllows?: number;
  /** Pods a rollout may take down at once (`maxUnavailable`, resolved). */
  readonly rolloutUnavailable: number;
  /** Pods a rollout may add at once (`maxSurge`, resolved). */
  readonly rolloutSurge: number;
  /** The rollout strategy type. */
  readonly strategy: string;
}

/** Reads the disruption arithmetic of every Deployment. */
export function disruptionBudgets(manifests: readonly Manifest[]): DisruptionBudgetView[] {
  const hpas = ofKind<IHorizontalPodAutoscaler>(manifests, 'autoscaling/v2', 'HorizontalPodAutoscaler');
  const pdbs = ofKind<IPodDisruptionBudget>(manifests, 'policy/v1', 'PodDisruptionBudget');
  return ofKind<IDeployment>(manifests, 'apps/v1', 'Deployment').map((deployment) => {
    const { name, namespace } = deployment.metadata;
    const hpa = hpas.find(
      (h) =>
        h.metadata.namespace === namespace &&
        h.spec?.scaleTargetRef.kind === 'Deployment' &&
        h.spec.scaleTargetRef.name === name,
    );
    const replicas = hpa?.spec?.minReplicas ?? deployment.spec?.replicas ?? 1;
    const replicasSource = hpa
      ? `${objectRef(hpa)} spec.minReplicas`
      : deployment.spec?.replicas !== undefined
        ? `${objectRef(deployment)} spec.replicas`
        : 'the default of 1 replica';
    const labels = deployment.spec?.template.metadata?.labels ?? {};
    const pdb = pdbs.find(
      (p) =>
        p.metadata.namespace === namespace && p.spec?.selector && selectorMatches(p.spec.selector, labels),
    );
    const pdbAllows = pdb?.spec
      ? pdb.spec.maxUnavailable !== undefined
        ? resolveIntOrPercent(pdb.spec.maxUnavailable, replicas, 'up', 0)
        : replicas - resolveIntOrPercent(pdb.spec.minAvailable, replicas, 'up', 0)
      : undefined;
    const strategy = deployment.spec?.strategy;
    const rolling = strategy?.rollingUpdate;
    return {
      ref: objectRef(deployment),
      replicas,
      replicasSource,
      ...(pdb ? { pdb: objectRef(pdb) } : {}),
      ...(pdbAllows !== undefined ? { pdbAllows } : {}),
      rolloutUnavailable: resolveIntOrPercent(rolling?.maxUnavailable, replicas, 'down', '25%'),
      rolloutSurge: resolveIntOrPercent(rolling?.maxSurge, replicas, 'up', '25%'),
      strategy: strategy?.type ?? 'RollingUpdate',
    };
  });
}

/** Where the rollout strategy, the PDB and the minimum come from, for the `allowed` of a refusal. */
const SOURCES =
  'the rollout strategy and the PDB are rendered by PmsWorkload (libs/networking/src/workload.ts), the minimum is networking.workloads.<name>.scaling.minReplicas in the cluster settings';

/**
 * Refuses every workload whose rollout, PodDisruptionBudget and autoscaler minimum do not fit together:
 * - a `RollingUpdate` strategy (`Recreate` takes every pod down at once);
 * - a PodDisruptionBudget selecting its pods;
 * - a rollout takes no more pods down at once than the PDB lets a drain take (`maxUnavailable` ≤ the PDB's allowed
 *   disruptions, both at the minimum), so a rollout never leaves fewer healthy targets than the PDB allows;
 * - the PDB lets a drain proceed (at least one disruption allowed: a PDB that allows none blocks node drains forever);
 * - at two replicas or more, the PDB keeps at least one pod (allowed disruptions below the minimum).
 */
export function checkDisruption(cluster: string, manifests: readonly Manifest[]): void {
  const issues: ConfigIssue[] = [];
  const where = 'disruption check';
  for (const view of disruptionBudgets(manifests)) {
    const at = (field: string) => `${view.ref} ${field}`;
    if (view.strategy !== 'RollingUpdate') {
      issues.push({
        cluster,
        field: at('spec.strategy.type'),
        value: view.strategy,
        problem:
          'a Recreate rollout takes every pod down before the new ones exist: the target group empties',
        allowed: `RollingUpdate; ${SOURCES}`,
        where,
      });
      continue;
    }
    if (view.pdbAllows === undefined) {
      issues.push({
        cluster,
        field: at('(PodDisruptionBudget)'),
        value: undefined,
        problem: 'no PodDisruptionBudget selects its pods: a node drain may evict all of them at once',
        allowed: `a PodDisruptionBudget selecting the pod labels; ${SOURCES}`,
        where,
      });
      continue;
    }
    if (view.rolloutUnavailable > view.pdbAllows) {
      issues.push({
        cluster,
        field: at('spec.strategy.rollingUpdate.maxUnavailable'),
        value: view.rolloutUnavailable,
        problem: `a rollout takes ${view.rolloutUnavailable} of ${view.replicas} pods (${view.replicasSource}) down at once, more than ${view.pdb} lets a drain take (${view.pdbAllows}): it leaves fewer healthy targets than the PDB allows`,
        allowed: `at most ${view.pdbAllows} (the PDB's allowed disruptions at ${view.replicas} replicas); ${SOURCES}`,
        where,
      });
    }
    if (view.rolloutUnavailable === 0 && view.rolloutSurge < 1) {
      issues.push({
        cluster,
        field: at('spec.strategy.rollingUpdate.maxSurge'),
        value: view.rolloutSurge,
        problem: 'with maxUnavailable 0 and no surge, a rollout cannot start a new pod',
        allowed: `at least 1 pod of surge; ${SOURCES}`,
        where,
      });
    }
    if (view.pdbAllows < 1) {
      issues.push({
        cluster,
        field: `${view.pdb} spec`,
        value: view.pdbAllows,
        problem: `allows no disruption of ${view.replicas} replicas (${view.replicasSource}): node drains and upgrades block until someone deletes the PDB`,
        allowed: `at least 1 allowed disruption; ${SOURCES}`,
        where,
      });
    } else if (view.replicas >= 2 && view.pdbAllows >= view.replicas) {
      issues.push({
        cluster,
        field: `${view.pdb} spec`,
        value: view.pdbAllows,
        problem: `allows ${view.pdbAllows} disruptions of ${view.replicas} replicas (${view.replicasSource}): a drain may take every pod and empty the target group`,
        allowed: `fewer than ${view.replicas} allowed disruptions; ${SOURCES}`,
        where,
      });
    }
  }
  throwIfAny(issues);
}
