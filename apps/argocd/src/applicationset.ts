/**
 * The ApplicationSet `pms-clusters`: a list generator over the fleet, so every registered cluster gets an Application
 * syncing its folder `clusters/<name>` to the cluster registered under that name. Plain YAML, recursive, `*.yaml`
 * only, without the foundation files (`FOUNDATION_FILES`: its foundation Application owns them).
 *
 * A list, not a git directory generator: the ApplicationSet controller creates an Application as soon as its
 * generator lists it (applicationset/generators/), and a git generator lists a folder as soon as it is in Git,
 * whatever the bootstrap Application has synced; a new cluster's Application would then start before the Applications
 * it needs (its foundation, the controllers' CRDs and webhooks). The list changes only when the bootstrap Application
 * applies this ApplicationSet, in its wave, after the earlier waves are Healthy (`pnpm sync-plan` proves the order).
 */
import {
  apiGroup,
  AUTO_SYNC_SWITCH,
  CLUSTERS_APPLICATION_SET,
  recommendedLabels,
  syncWave,
  SyncWave,
  type Manifest,
} from '@pms/core';
import type {
  IApplicationSet,
  IResourceIgnoreDifferences,
} from '@kubernetes-models/argo-cd/argoproj.io/v1alpha1';
import { FOUNDATION_FILES } from './foundation.js';
import { ARGOCD_NAMESPACE, CLUSTERS_DIR, GITOPS_REPOSITORY, PMS_PROJECT } from './repository.js';
import { automatedSyncPolicy, type SyncOption } from './sync-policy.js';

/** Name of the ApplicationSet (`@pms/core`, where the clusters' on-call pages read it too). */
export { CLUSTERS_APPLICATION_SET };

/** The folder of a cluster, as the template writes it (`clusters/{{.cluster}}`). */
export const CLUSTER_DIRECTORY = `${CLUSTERS_DIR}/{{.cluster}}`;

/**
 * Files of a cluster folder Argo CD loads. Argo CD matches `include` against each file's path relative to
 * the folder with a glob whose `*` crosses `/`, so `*.yaml` selects `pms/service/frontend.yaml` and
 * `_cluster/namespace/pms.yaml` at any depth, and leaves out `README.md` and JSON documents (e.g. an IAM
 * policy for teams that create IAM elsewhere), which the repo server would otherwise try to load as objects.
 */
export const CLUSTER_FILES_INCLUDE = '*.yaml';

/** Files of a cluster folder the cluster Application leaves to the foundation Application. */
export const CLUSTER_FILES_EXCLUDE = FOUNDATION_FILES;

/** Sync options of a cluster Application. */
export const CLUSTER_SYNC_OPTIONS: readonly SyncOption[] = [
  'PruneLast=true',
  'ServerSideApply=true',
  'RespectIgnoreDifferences=true',
  'FailOnSharedResource=true',
  'ApplyOutOfSyncOnly=true',
  'CreateNamespace=false',
];

/**
 * `ignoreDifferences` for fields a controller owns in the rendered objects: `spec.replicas` of a workload a
 * HorizontalPodAutoscaler scales, but only when the rendered workload sets `spec.replicas`. A workload that
 * leaves the field out of Git is not diffed on it at all (nothing to ignore; with server-side apply the
 * autoscaler alone manages it), so an entry for it would only hide a future regression. One entry per target,
 * sorted.
 */
export function controllerOwnedFields(manifests: readonly Manifest[]): IResourceIgnoreDifferences[] {
  const key = (group: string, kind: string, namespace: string | undefined, name: string) =>
    `${group}/${kind}/${namespace ?? ''}/${name}`;
  const rendersReplicas = new Set(
    manifests
      .filter((m) => (m.spec as { replicas?: unknown } | undefined)?.replicas !== undefined)
      .map((m) => key(apiGroup(m), m.kind, m.metadata.namespace, m.metadata.name)),
  );
  const entries = new Map<string, IResourceIgnoreDifferences>();
  for (const manifest of manifests) {
    if (manifest.kind !== 'HorizontalPodAutoscaler' || apiGroup(manifest) !== 'autoscaling') continue;
    const target = (
      manifest.spec as { scaleTargetRef?: { apiVersion?: string; kind?: string; name?: string } } | undefined
    )?.scaleTargetRef;
    if (!target?.kind || !target.name) continue;
    const group = apiGroup({ apiVersion: target.apiVersion ?? 'v1' });
    const namespace = manifest.metadata.namespace;
    const id = key(group, target.kind, namespace, target.name);
    if (!rendersReplicas.has(id)) continue;
    entries.set(id, {
      group,
      kind: target.kind,
      name: target.name,
      ...(namespace ? { namespace } : {}),
      jsonPointers: ['/spec/replicas'],
    });
  }
  return [...entries.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, entry]) => entry);
}

/** Props of `clustersApplicationSet`. */
export interface ClustersApplicationSetProps {
  /** The registered clusters (the fleet): one element of the list generator each. */
  readonly clusters: readonly string[];
  /** Default namespace of the cluster Applications (every rendered object names its own namespace anyway). */
  readonly namespace: string;
  /** Fields owned by controllers in the rendered objects (see `controllerOwnedFields`). */
  readonly ignoreDifferences: readonly IResourceIgnoreDifferences[];
}

/** The ApplicationSet over `clusters/*`. */
export function clustersApplicationSet(props: ClustersApplicationSetProps): IApplicationSet {
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'ApplicationSet',
    metadata: {
      name: CLUSTERS_APPLICATION_SET,
      namespace: ARGOCD_NAMESPACE,
      labels: recommendedLabels(CLUSTERS_APPLICATION_SET, 'gitops'),
      annotations: syncWave(SyncWave.workloads),
    },
    spec: {
      goTemplate: true,
      goTemplateOptions: ['missingkey=error'],
      generators: [{ list: { elements: props.clusters.map((cluster) => ({ cluster })) as never } }],
      // A cluster that leaves the fleet loses its Application, but its objects stay in place.
      syncPolicy: { preserveResourcesOnDeletion: true },
      // The ApplicationSet controller would revert any edit of a generated Application ("changing the application's
      // spec.syncPolicy.automated field will have no effect", Argo CD docs/user-guide/auto_sync.md) unless told to
      // leave it alone (docs/operator-manual/applicationset/Controlling-Resource-Modification.md, "Allow temporarily
      // toggling auto-sync"): on-call pauses a cluster for an emergency hotfix by setting this one field to false on
      // its Application, and resumes by setting it back (docs/gitops.md, "Emergency changes").
      ignoreApplicationDifferences: [{ jsonPointers: [AUTO_SYNC_SWITCH.pointer] }],
      template: {
        metadata: {
          name: '{{.cluster}}',
          namespace: ARGOCD_NAMESPACE,
          labels: {
            ...recommendedLabels('pms', 'cluster'),
            'app.kubernetes.io/instance': '{{.cluster}}',
          },
        },
        spec: {
          project: PMS_PROJECT,
          source: {
            repoURL: GITOPS_REPOSITORY.url,
            targetRevision: GITOPS_REPOSITORY.revision,
            path: CLUSTER_DIRECTORY,
            directory: { recurse: true, include: CLUSTER_FILES_INCLUDE, exclude: CLUSTER_FILES_EXCLUDE },
          },
          destination: { name: '{{.cluster}}', namespace: props.namespace },
          syncPolicy: automatedSyncPolicy({ syncOptions: CLUSTER_SYNC_OPTIONS }),
          ...(props.ignoreDifferences.length > 0
            ? { ignoreDifferences: props.ignoreDifferences.map((entry) => ({ ...entry })) }
            : {}),
          revisionHistoryLimit: 10,
        },
      },
    },
  };
}
