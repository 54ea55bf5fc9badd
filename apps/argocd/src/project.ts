/**
 * The AppProject `pms`: the only project PMS Applications run in, locked down to what the render produces.
 * Sources: this repository, the eks-charts Helm repository, the ACK chart registry, the other charts' repositories
 * (external-dns), the Git repositories of the ACK controllers in use (their CRDs) and the chart repositories of the
 * clusters' Helm releases (backing services, metrics-server). Destinations: each registered cluster by name, in the
 * namespaces its objects, its controllers and its releases use. Kinds: the cluster-scoped and namespaced kinds of the
 * rendered objects plus those of the charts. Orphaned resources raise a warning.
 */
import { apiGroup, recommendedLabels, syncWave, SyncWave, type Manifest } from '@pms/core';
import type { IAppProject } from '@kubernetes-models/argo-cd/argoproj.io/v1alpha1';
import { ACK_CHART_OBJECTS, ACK_SYSTEM_NAMESPACE } from './ack-controllers.js';
import { goPathMatch } from './glob.js';
import { CONTROLLER_CHART, CONTROLLER_CHART_OBJECTS } from './controller-release.js';
import { ACK_CHARTS_REPOSITORY, ARGOCD_NAMESPACE, GITOPS_REPOSITORY, PMS_PROJECT } from './repository.js';
import { groupKindKey, mergeUsage, type ResourceUsage } from './usage.js';

/** One registered cluster, as the project sees it. */
export interface ProjectCluster {
  /** Cluster name: Argo CD destination name and folder under `clusters/`. */
  readonly name: string;
  /** Kinds and namespaces of its rendered objects. */
  readonly usage: ResourceUsage;
  /** Namespaces its Applications deploy into beyond those of its objects (Application destinations). */
  readonly destinationNamespaces: readonly string[];
}

/** The controller chart's objects, as a usage (its namespaced objects live in the release namespace). */
export function controllerChartUsage(releaseNamespace: string): ResourceUsage {
  const kinds = (namespaced: boolean) =>
    CONTROLLER_CHART_OBJECTS.filter((o) => o.namespaced === namespaced).map(({ group, kind }) => ({
      group,
      kind,
    }));
  return mergeUsage({ clusterScoped: kinds(false), namespaced: kinds(true), namespaces: [releaseNamespace] });
}

/**
 * The ACK charts' objects (and the CRDs Application's), as a usage: in `ack-system` and in the namespace the
 * controllers watch (`pms-aws`, where each chart creates its controller Role).
 */
export function ackChartUsage(watchNamespace: string): ResourceUsage {
  const kinds = (scopes: readonly string[]) =>
    ACK_CHART_OBJECTS.filter((o) => scopes.includes(o.scope)).map(({ group, kind }) => ({ group, kind }));
  return mergeUsage({
    clusterScoped: kinds(['cluster']),
    namespaced: kinds(['release', 'watched']),
    namespaces: [ACK_SYSTEM_NAMESPACE, watchNamespace],
  });
}

/** Props of `pmsAppProject`. */
export interface PmsAppProjectProps {
  /** Every registered cluster with its usage. */
  readonly clusters: readonly ProjectCluster[];
  /** Usage of the load balancer controller chart (see `controllerChartUsage`). */
  readonly controller: ResourceUsage;
  /** Usage of the ACK charts (see `ackChartUsage`). */
  readonly ack: ResourceUsage;
  /** Git repositories of the ACK controllers in use (sources of the CRDs Applications), e.g. `https://github.com/aws-controllers-k8s/iam-controller.git`. */
  readonly ackRepositories: readonly string[];
  /**
   * Other Helm charts every cluster installs (external-dns): each chart's repository is a source, its objects'
   * kinds and namespaces are permitted.
   * @default none
   */
  readonly charts?: readonly { readonly repository: string; readonly usage: ResourceUsage }[];
  /**
   * Usage of the clusters' Helm releases' charts (see `releaseUsage`); their namespaces go into each cluster's
   * `destinationNamespaces`.
   * @default none
   */
  readonly releases?: ResourceUsage;
  /** Chart repositories of the clusters' Helm releases (their Applications' `repoURL`s). @default none */
  readonly releaseRepositories?: readonly string[];
}

/** The AppProject `pms`, derived from the clusters' usage. */
export function pmsAppProject(props: PmsAppProjectProps): IAppProject {
  const charts = props.charts ?? [];
  const all = mergeUsage(
    props.controller,
    props.ack,
    ...charts.map((c) => c.usage),
    ...(props.releases ? [props.releases] : []),
    ...props.clusters.map((c) => c.usage),
  );
  const destinations = props.clusters.flatMap((cluster) => {
    const namespaces = new Set([
      ...cluster.usage.namespaces,
      ...props.controller.namespaces,
      ...props.ack.namespaces,
      ...charts.flatMap((c) => c.usage.namespaces),
      ...cluster.destinationNamespaces,
    ]);
    return [...namespaces].sort().map((namespace) => ({ name: cluster.name, namespace }));
  });
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'AppProject',
    metadata: {
      name: PMS_PROJECT,
      namespace: ARGOCD_NAMESPACE,
      labels: recommendedLabels(PMS_PROJECT, 'gitops'),
      annotations: syncWave(SyncWave.foundation),
    },
    spec: {
      sourceRepos: [
        GITOPS_REPOSITORY.url,
        CONTROLLER_CHART.repoURL,
        ACK_CHARTS_REPOSITORY,
        ...charts.map((c) => c.repository),
        ...[...new Set(props.ackRepositories)].sort(),
        ...[...new Set(props.releaseRepositories ?? [])].sort(),
      ],
      destinations,
      clusterResourceWhitelist: all.clusterScoped.map(({ group, kind }) => ({ group, kind })),
      namespaceResourceWhitelist: all.namespaced.map(({ group, kind }) => ({ group, kind })),
      orphanedResources: { warn: true },
    },
  };
}

/**
 * Whether the project lets an Application deploying to cluster `destination` manage `object`, following
 * Argo CD's rules for the fields used here: cluster-scoped kinds must be in the cluster whitelist; namespaced kinds
 * in the namespace whitelist, and their namespace among the destination's. Group, kind, destination name and
 * namespace are matched as Argo CD matches them, as globs (`filepath.Match`; `IsGroupKindNamePermitted`,
 * `IsDestinationPermitted`), so a wildcard project permits here what it would permit there (the render refuses
 * wildcards: `checkArgoCdInvariants`). Returns the reason it is refused, or undefined when permitted.
 */
export function projectRefuses(
  project: IAppProject,
  destination: string,
  object: Pick<Manifest, 'apiVersion' | 'kind' | 'metadata'>,
): string | undefined {
  const gk = { group: apiGroup(object), kind: object.kind };
  const matches = (list: readonly { group: string; kind: string }[] | undefined) =>
    (list ?? []).some((item) => goPathMatch(item.group, gk.group) && goPathMatch(item.kind, gk.kind));
  const namespace = object.metadata.namespace;
  if (!namespace) {
    return matches(project.spec?.clusterResourceWhitelist)
      ? undefined
      : `cluster-scoped ${groupKindKey(gk)} is not in clusterResourceWhitelist`;
  }
  if (!matches(project.spec?.namespaceResourceWhitelist))
    return `${groupKindKey(gk)} is not in namespaceResourceWhitelist`;
  const allowed = (project.spec?.destinations ?? []).some(
    (d) =>
      (d.name !== undefined ? goPathMatch(d.name, destination) : d.server === '*') &&
      goPathMatch(d.namespace ?? '', namespace),
  );
  return allowed ? undefined : `namespace ${namespace} of cluster ${destination} is not a destination`;
}
