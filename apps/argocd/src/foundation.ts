/**
 * The foundation Application of a cluster, `<cluster>-foundation`: the part of the cluster folder that other
 * Applications of the cluster need before they can sync, its Namespaces (`pms` receives the Strimzi operator's
 * RoleBindings and the Valkey release, `pms-aws` the ACK controllers' Roles) and its StorageClass (Valkey's volume).
 * It syncs first (wave `FOUNDATION_WAVE` of the bootstrap Application), the cluster Application leaves these files to
 * it (`exclude`), so each object has one owner. Without it the cluster Application would have to sync before the
 * controllers and operators whose CRDs and webhooks its other objects need, and after them for its namespaces: a
 * cycle only retries could break (`pnpm sync-plan` refuses it).
 */
import { recommendedLabels, syncWave, type ClusterSettings } from '@pms/core';
import type { IApplication } from '@kubernetes-models/argo-cd/argoproj.io/v1alpha1';
import { PMS_NAMESPACE } from '@pms/networking';
import { ACK_CRDS_WAVE } from './ack-applications.js';
import { ARGOCD_NAMESPACE, CLUSTERS_DIR, GITOPS_REPOSITORY, PMS_PROJECT } from './repository.js';
import { automatedSyncPolicy, type SyncOption } from './sync-policy.js';

/**
 * The files of a cluster folder the foundation Application syncs (Argo CD directory `include`, gobwas/glob without
 * separators, `{a,b}` alternatives): the Namespaces and StorageClasses (layout `_cluster/<kind>/<name>.yaml`).
 */
export const FOUNDATION_FILES = '_cluster/{namespace,storageclass}/*.yaml';

/** Its wave in the bootstrap Application: before the ACK CRDs, the controllers and the releases. */
export const FOUNDATION_WAVE = ACK_CRDS_WAVE - 1;

/** Name of a cluster's foundation Application: `<cluster>-foundation`. */
export function foundationApplicationName(cluster: Pick<ClusterSettings, 'name'>): string {
  return `${cluster.name}-foundation`;
}

/**
 * Sync options: server-side apply like the cluster Application. No `FailOnSharedResource`: on a cluster synced before
 * the foundation Application existed, the cluster Application still tracks these objects until its own spec (which
 * excludes them) is applied in a later wave; the foundation Application takes them over instead of failing.
 */
export const FOUNDATION_SYNC_OPTIONS: readonly SyncOption[] = [
  'ServerSideApply=true',
  'CreateNamespace=false',
];

/**
 * The foundation Application of `cluster`: this repository's `clusters/<cluster>` with `FOUNDATION_FILES`, automated
 * without prune (pruning a Namespace deletes everything in it; one removed from Git is deleted by hand).
 */
export function foundationApplication(cluster: Pick<ClusterSettings, 'name'>): IApplication {
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    metadata: {
      name: foundationApplicationName(cluster),
      namespace: ARGOCD_NAMESPACE,
      labels: { ...recommendedLabels('foundation', 'cluster'), 'app.kubernetes.io/instance': cluster.name },
      annotations: syncWave(FOUNDATION_WAVE),
    },
    spec: {
      project: PMS_PROJECT,
      source: {
        repoURL: GITOPS_REPOSITORY.url,
        targetRevision: GITOPS_REPOSITORY.revision,
        path: `${CLUSTERS_DIR}/${cluster.name}`,
        directory: { recurse: true, include: FOUNDATION_FILES },
      },
      // A namespace the project permits (Argo CD validates the Application's destination); the objects are cluster-scoped.
      destination: { name: cluster.name, namespace: PMS_NAMESPACE },
      syncPolicy: automatedSyncPolicy({ syncOptions: FOUNDATION_SYNC_OPTIONS, prune: false }),
      revisionHistoryLimit: 10,
    },
  };
}
