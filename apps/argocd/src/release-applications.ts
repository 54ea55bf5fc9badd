/**
 * One Argo CD Helm Application per Helm release a cluster needs besides its folder (`BuiltCluster.releases`: the
 * backing services' operators and chart, metrics-server), named `<cluster>-<release id>`, in project `pms`:
 *
 * - pinned chart version (exact, else refused), typed values checked against the chart's shape (Helm ignores a
 *   misspelt value silently);
 * - sync wave `platform` of the bootstrap Application: after the cluster's foundation Application (its namespaces
 *   and StorageClass, which the Strimzi operator's RoleBindings and the Valkey chart use), before the ApplicationSet's
 *   cluster Applications, whose objects need the releases' CRDs, webhooks, controllers and backing services
 *   (`pnpm sync-plan` proves the order, docs/gitops.md);
 * - server-side apply (CloudNativePG's CRDs exceed the 262,144-byte annotation of client-side apply:
 *   argo-cd docs/user-guide/sync-options.md "Server-Side Apply"); the chart's CRDs are applied (`skipCrds: false`);
 * - operators (releases that define custom resources) are never pruned automatically: pruning a CRD a chart bump
 *   dropped would delete every database or Kafka cluster of that kind;
 * - a release that creates its namespace labels it restricted (`managedNamespaceMetadata`).
 */
import { Checks, ConfigError, recommendedLabels, syncWave, SyncWave, type ClusterSettings } from '@pms/core';
import type { HelmRelease } from '@pms/networking';
import type { IApplication } from '@kubernetes-models/argo-cd/argoproj.io/v1alpha1';
import { RELEASE_VALUES_SHAPES } from './release-values.js';
import { ARGOCD_NAMESPACE, PMS_PROJECT } from './repository.js';
import { checkShape, formatShapeProblem } from './strict.js';
import { automatedSyncPolicy, type SyncOption } from './sync-policy.js';
import { mergeUsage, usageOf, type ResourceUsage } from './usage.js';

/** The Argo CD sync wave of a release's Application: `platform`, before the cluster Applications. */
export function releaseWave(_release: Pick<HelmRelease, 'order'>): number {
  return SyncWave.platform;
}

/** Name of a release's Application: `<cluster>-<release id>`. */
export function releaseApplicationName(
  cluster: Pick<ClusterSettings, 'name'>,
  release: Pick<HelmRelease, 'id'>,
): string {
  return `${cluster.name}-${release.id}`;
}

/** Sync options of a release's Application. */
export function releaseSyncOptions(release: Pick<HelmRelease, 'createNamespace'>): SyncOption[] {
  return [
    'ServerSideApply=true',
    'PruneLast=true',
    'FailOnSharedResource=true',
    release.createNamespace ? 'CreateNamespace=true' : 'CreateNamespace=false',
  ];
}

/** True for a release whose chart defines custom resources the cluster renders (an operator): never auto-pruned. */
export function definesResources(release: Pick<HelmRelease, 'defines'>): boolean {
  return (release.defines ?? []).length > 0;
}

/** The Application of one release in one cluster. Refuses a chart version that is not exact and unknown values. */
export function releaseApplication(
  cluster: Pick<ClusterSettings, 'name'>,
  release: HelmRelease,
): IApplication {
  const name = releaseApplicationName(cluster, release);
  const checks = new Checks(cluster.name, `releases.${release.id}`, `argocd/${name}`);
  checks.matches(
    'chart.version',
    release.chart.version,
    /^\d+\.\d+\.\d+$/,
    `an exact chart version such as ${release.chart.version.replace(/[^\d.]/g, '') || '1.2.3'} (a range or "latest" would let Argo CD install an unreviewed release)`,
  );
  checks.throwIfAny();
  const shape = RELEASE_VALUES_SHAPES[release.chart.name];
  if (!shape) {
    throw new ConfigError({
      cluster: cluster.name,
      field: `releases.${release.id}.chart.name`,
      value: release.chart.name,
      problem: 'no values shape: its values could not be checked',
      allowed: `a chart of RELEASE_VALUES_SHAPES (apps/argocd/src/release-values.ts): ${Object.keys(RELEASE_VALUES_SHAPES).join(', ')}`,
    });
  }
  const problems = checkShape(release.values, shape, 'valuesObject');
  if (problems.length > 0) {
    throw new ConfigError({
      cluster: cluster.name,
      field: `releases.${release.id}.valuesObject`,
      value: problems.map(formatShapeProblem),
      allowed: `the chart ${release.chart.name} ${release.chart.version} values listed in RELEASE_VALUES_SHAPES (apps/argocd/src/release-values.ts)`,
    });
  }
  const policy = automatedSyncPolicy({
    syncOptions: releaseSyncOptions(release),
    prune: !definesResources(release),
  });
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    metadata: {
      name,
      namespace: ARGOCD_NAMESPACE,
      labels: {
        ...recommendedLabels(release.id, 'helm-release'),
        'app.kubernetes.io/instance': cluster.name,
      },
      annotations: syncWave(releaseWave(release)),
    },
    spec: {
      project: PMS_PROJECT,
      source: {
        repoURL: release.chart.repoURL,
        chart: release.chart.name,
        targetRevision: release.chart.version,
        helm: { releaseName: release.releaseName, skipCrds: false, valuesObject: release.values as never },
      },
      destination: { name: cluster.name, namespace: release.namespace },
      syncPolicy: release.createNamespace
        ? { ...policy, managedNamespaceMetadata: { labels: { ...release.createNamespace } } }
        : policy,
      revisionHistoryLimit: 10,
    },
  };
}

/** What a cluster's releases render, as a usage: their objects' kinds and namespaces, and the release namespaces. */
export function releaseUsage(releases: readonly Pick<HelmRelease, 'objects' | 'namespace'>[]): ResourceUsage {
  return mergeUsage(
    ...releases.map((release) => {
      const usage = usageOf(
        release.objects.map((o) => ({
          apiVersion: o.group ? `${o.group}/v1` : 'v1',
          kind: o.kind,
          metadata: { name: o.name, ...(o.namespace ? { namespace: o.namespace } : {}) },
        })),
      );
      return { ...usage, namespaces: [...usage.namespaces, release.namespace] };
    }),
    { clusterScoped: [], namespaced: [], namespaces: [] },
  );
}
