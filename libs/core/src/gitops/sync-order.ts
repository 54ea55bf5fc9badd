/**
 * The order in which Argo CD applies the objects of one Application, and which objects it waits for, modelled from
 * its documented semantics. Sources (read at gitops-engine v0.7.3 = 3516b3928a06c7d04c200f06beaf04b3c2bef63f, the
 * engine Argo CD v3.5 vendors under argo-cd/gitops-engine with the same `kindOrder`):
 *
 * - `pkg/sync/sync_tasks.go` `syncTasks.Less`: "order is 1. phase 2. wave 3. kind 4. name"; `syncPhaseOrder`
 *   PreSync -1, Sync 0, PostSync 1; `kindOrder` (below), kinds not in it sort after every listed kind.
 * - `syncTasks.Sort` → `adjustDeps`: a Namespace is moved before the first object in it, and a CRD before the first
 *   object of its group/kind, taking that object's phase and wave: within ONE Application a Namespace or a CRD never
 *   comes too late.
 * - `pkg/sync/sync_context.go` `Sync`: one phase+wave at a time; between waves the engine waits for the applied
 *   objects' health (`health.GetResourceHealth`): Healthy → next, Degraded → the sync fails, anything else → wait;
 *   an object with no health assessment "automatically succeeds" (it is not waited for).
 * - `pkg/health/health.go` `GetHealthCheckFunc`: the kinds with a built-in assessment (`BUILT_IN_HEALTH`); Argo CD adds
 *   the Lua checks of `resource_customizations/` and of `argocd-cm` (docs/operator-manual/health.md).
 * - Argo CD docs/user-guide/sync-waves.md: the wave is the annotation `argocd.argoproj.io/sync-wave`, default 0;
 *   hooks (`argocd.argoproj.io/hook`) run in their phase; "Pre-sync and post-sync can only contain hooks".
 */
import { apiGroup, type Manifest } from '../render/manifest.js';
import { SYNC_WAVE_ANNOTATION } from '../k8s/labels.js';

/** The annotation naming a hook's phase (Argo CD docs/user-guide/resource_hooks.md). */
export const HOOK_ANNOTATION = 'argocd.argoproj.io/hook';

/** The phases of a sync, in order (`syncPhaseOrder`). `SyncFail` hooks run only when a sync fails: not planned. */
export const SYNC_PHASES = ['PreSync', 'Sync', 'PostSync'] as const;

/** One phase of a sync. */
export type SyncPhase = (typeof SYNC_PHASES)[number];

/**
 * gitops-engine's `kindOrder` (pkg/sync/sync_tasks.go @ v0.7.3, copied from Helm's kind_sorter): within one phase and
 * wave, objects are applied in this order of kinds; a kind not listed (every custom resource) comes after all of them.
 */
export const KIND_ORDER: readonly string[] = [
  'Namespace',
  'NetworkPolicy',
  'ResourceQuota',
  'LimitRange',
  'PodSecurityPolicy',
  'PodDisruptionBudget',
  'ServiceAccount',
  'Secret',
  'SecretList',
  'ConfigMap',
  'StorageClass',
  'PersistentVolume',
  'PersistentVolumeClaim',
  'CustomResourceDefinition',
  'ClusterRole',
  'ClusterRoleList',
  'ClusterRoleBinding',
  'ClusterRoleBindingList',
  'Role',
  'RoleList',
  'RoleBinding',
  'RoleBindingList',
  'Service',
  'DaemonSet',
  'Pod',
  'ReplicationController',
  'ReplicaSet',
  'Deployment',
  'HorizontalPodAutoscaler',
  'StatefulSet',
  'Job',
  'CronJob',
  'IngressClass',
  'Ingress',
  'APIService',
];

/** The rank of a kind in `KIND_ORDER` as the engine computes it: `index - length` (negative), 0 when not listed. */
export function kindRank(kind: string): number {
  const index = KIND_ORDER.indexOf(kind);
  return index === -1 ? 0 : index - KIND_ORDER.length;
}

/**
 * The `group/Kind`s gitops-engine assesses by itself (pkg/health/health.go `GetHealthCheckFunc` @ v0.7.3), plus the
 * Lua checks Argo CD v3.5 ships in `resource_customizations/` for the kinds this project renders (CloudNativePG
 * `Cluster`, Strimzi `Kafka`; /work/research/argocd-ack-dns-facts.md §2.3). Anything else is assessed only by a
 * `resource.customizations.health.<group>_<kind>` key of `argocd-cm`.
 */
export const BUILT_IN_HEALTH: readonly string[] = [
  'apps/Deployment',
  'apps/StatefulSet',
  'apps/ReplicaSet',
  'apps/DaemonSet',
  'extensions/Ingress',
  'networking.k8s.io/Ingress',
  'argoproj.io/Workflow',
  'apiregistration.k8s.io/APIService',
  '/Service',
  '/PersistentVolumeClaim',
  '/Pod',
  'batch/Job',
  'autoscaling/HorizontalPodAutoscaler',
  'postgresql.cnpg.io/Cluster',
  'kafka.strimzi.io/Kafka',
];

/** `group/Kind` of an object (`/Kind` for the core group). */
export function groupKind(manifest: Pick<Manifest, 'apiVersion' | 'kind'>): string {
  return `${apiGroup(manifest)}/${manifest.kind}`;
}

/** The `group/Kind`s an `argocd-cm` ConfigMap gives a Lua health check (`resource.customizations.health.<group>_<kind>`). */
export function healthCheckedKinds(argocdCm: Manifest | undefined): string[] {
  const prefix = 'resource.customizations.health.';
  const data = (argocdCm?.data ?? {}) as Record<string, unknown>;
  return Object.keys(data)
    .filter((key) => key.startsWith(prefix))
    .map((key) => {
      // util/settings/settings.go convertToOverrideKey: `<group>_<kind>`, or `<kind>` for the core group.
      const rest = key.slice(prefix.length);
      const underscore = rest.lastIndexOf('_');
      return underscore === -1 ? `/${rest}` : `${rest.slice(0, underscore)}/${rest.slice(underscore + 1)}`;
    });
}

/**
 * The phase an object is applied in: a hook's phase (`argocd.argoproj.io/hook`), `Sync` for every other object; a hook
 * of another kind (`SyncFail`, `Skip`, `PreDelete`, `PostDelete`) is not part of a sync's order (undefined).
 */
export function syncPhaseOf(manifest: Pick<Manifest, 'metadata'>): SyncPhase | undefined {
  const hook = manifest.metadata.annotations?.[HOOK_ANNOTATION];
  if (hook === undefined) return 'Sync';
  const phases = hook.split(',').map((p) => p.trim());
  return SYNC_PHASES.find((phase) => phases.includes(phase));
}

/** The sync wave of an object: its `argocd.argoproj.io/sync-wave` annotation, 0 without one. */
export function syncWaveOf(manifest: Pick<Manifest, 'metadata'>): number {
  const value = manifest.metadata.annotations?.[SYNC_WAVE_ANNOTATION];
  const wave = value === undefined ? 0 : Number.parseInt(value, 10);
  return Number.isFinite(wave) ? wave : 0;
}

/** Where an object stands in its Application's sync: phase, wave, kind rank, name (the engine's sort key). */
export interface SyncSlot {
  /** The phase. */
  readonly phase: SyncPhase;
  /** The sync wave. */
  readonly wave: number;
  /** `kindRank(kind)`. */
  readonly kindRank: number;
  /** `metadata.name`. */
  readonly name: string;
}

/** The slot of an object, or undefined for a hook no sync phase runs. */
export function syncSlotOf(manifest: Pick<Manifest, 'kind' | 'metadata'>): SyncSlot | undefined {
  const phase = syncPhaseOf(manifest);
  if (!phase) return undefined;
  return {
    phase,
    wave: syncWaveOf(manifest),
    kindRank: kindRank(manifest.kind),
    name: manifest.metadata.name,
  };
}

/** Compares two slots as `syncTasks.Less` does: phase, then wave, then kind, then name. */
export function compareSlots(a: SyncSlot, b: SyncSlot): number {
  return (
    SYNC_PHASES.indexOf(a.phase) - SYNC_PHASES.indexOf(b.phase) ||
    a.wave - b.wave ||
    a.kindRank - b.kindRank ||
    (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)
  );
}

/** True when `a` is in an earlier step (phase, then wave) than `b`: the engine waited for `a`'s health before `b`. */
export function earlierStep(a: SyncSlot, b: SyncSlot): boolean {
  const phase = SYNC_PHASES.indexOf(a.phase) - SYNC_PHASES.indexOf(b.phase);
  return phase < 0 || (phase === 0 && a.wave < b.wave);
}
