/**
 * Builds everything `argocd/` holds from the fleet: the bootstrap project and Application, the AppProject
 * `pms` (derived from what each cluster renders), the ApplicationSet over `clusters/*`, one load balancer
 * controller Helm Application and one external-dns Helm Application per cluster and, per cluster, the ACK controllers
 * its ACK objects need (a CRDs Application and one Helm Application per controller) and one Helm Application per
 * release it needs (backing services' operators and chart, metrics-server). Pure: no file system; every object is
 * validated before it is returned.
 */
import {
  AWS_RESOURCES_NAMESPACE,
  ConfigError,
  issuesOf,
  SyncWave,
  throwIfAny,
  type ConfigIssue,
  type Manifest,
} from '@pms/core';
import { PMS_NAMESPACE, type HelmRelease } from '@pms/networking';
import {
  buildPmsCluster,
  fleetIdentityIssues,
  type BuiltCluster,
  type PmsClusterSettings,
} from '@pms/platform';
import { validateManifests } from '@pms/schemas';
import { CONTROLLER_NAMESPACE, EXTERNAL_DNS_NAMESPACE } from '@pms/security';
import type {
  IAppProject,
  IApplication,
  IApplicationSet,
} from '@kubernetes-models/argo-cd/argoproj.io/v1alpha1';
import {
  ACK_SYSTEM_NAMESPACE,
  ackGroup,
  ackControllerApplication,
  ackCrdsApplication,
  ackUsage,
  type AckUsage,
} from './ack-controllers.js';
import { clustersApplicationSet, controllerOwnedFields } from './applicationset.js';
import { bootstrapApplication, bootstrapAppProject } from './bootstrap.js';
import { controllerApplication } from './controller-release.js';
import { externalDnsApplication, externalDnsChartUsage, EXTERNAL_DNS_CHART } from './external-dns.js';
import { foundationApplication } from './foundation.js';
import { argoCdHealthConfigMap } from './health.js';
import { ackChartUsage, controllerChartUsage, pmsAppProject, type ProjectCluster } from './project.js';
import { releaseApplication, releaseUsage } from './release-applications.js';
import { ackControllerRepository } from './repository.js';
import { checkArgoCdInvariants } from './invariants.js';
import { validateArgoCdObjects } from './strict.js';
import { usageOf } from './usage.js';

/** The Argo CD objects of the fleet, typed, plus what they were derived from. */
export interface BuiltArgoCd {
  /** The bootstrap project and Application (sync `argocd/` itself). */
  readonly bootstrap: { readonly project: IAppProject; readonly application: IApplication };
  /** The AppProject `pms`. */
  readonly project: IAppProject;
  /** The ApplicationSet over `clusters/*`. */
  readonly applicationSet: IApplicationSet;
  /** One load balancer controller Helm Application per cluster, in fleet order. */
  readonly controllers: readonly IApplication[];
  /** One external-dns Helm Application per cluster, in fleet order. */
  readonly externalDns: readonly IApplication[];
  /** Per cluster (fleet order): the ACK controllers it needs, their CRDs Application and Helm Applications. */
  readonly ack: readonly ClusterAck[];
  /**
   * Per cluster (fleet order): the Applications of this repository that sync part of its folder before the rest (its
   * foundation: namespaces and StorageClass).
   */
  readonly foundations: readonly IApplication[];
  /** Per cluster (fleet order): its Helm releases (backing services, metrics-server) and their Applications. */
  readonly releases: readonly ClusterReleases[];
  /** The clusters as the project sees them (usage of their rendered objects). */
  readonly clusters: readonly ProjectCluster[];
  /**
   * `argocd-cm` with the health checks of the ACK kinds the fleet renders and of Application, which the bootstrap
   * Application server-side applies (docs/gitops.md, "Health checks"); validated against the Kubernetes schema.
   */
  readonly healthConfig: Manifest;
  /** Every Argo CD object above, as plain manifests, validated. */
  readonly manifests: readonly Manifest[];
}

/** The ACK controllers of one cluster. */
export interface ClusterAck {
  /** Cluster name. */
  readonly cluster: string;
  /** The controllers and the kinds each reconciles. */
  readonly usages: readonly AckUsage[];
  /** The CRDs Application (absent when the cluster renders no ACK object). */
  readonly crds?: IApplication;
  /** One Helm Application per controller, in `usages` order. */
  readonly controllers: readonly IApplication[];
}

/** The Helm releases of one cluster and their Applications. */
export interface ClusterReleases {
  /** Cluster name. */
  readonly cluster: string;
  /** The releases (`BuiltCluster.releases`). */
  readonly releases: readonly HelmRelease[];
  /** One Application per release, in `releases` order. */
  readonly applications: readonly IApplication[];
}

/** Builds the Argo CD objects for `fleet`. Throws `ConfigError(s)` for a bad fleet or an invalid object. */
export function buildArgoCd(fleet: readonly PmsClusterSettings[]): BuiltArgoCd {
  if (fleet.length === 0) {
    throw new ConfigError({
      cluster: 'argocd',
      field: 'fleet',
      value: [],
      allowed: 'at least one cluster (register the cluster apps in apps/argocd/src/fleet.ts)',
    });
  }
  // Copy-paste leftovers first (only the fleet sees two clusters), then every cluster's build; all reported at once.
  const issues = fleetIdentityIssues(fleet);
  const rendered = fleet.flatMap((settings) => {
    const built = tryBuildCluster(settings);
    if ('issue' in built) {
      issues.push(built.issue);
      return [];
    }
    return [{ settings, manifests: built.cluster.manifests, releases: built.cluster.releases }];
  });
  throwIfAny(issues);

  const releases: ClusterReleases[] = rendered.map(({ settings, releases }) => ({
    cluster: settings.name,
    releases,
    applications: releases.map((release) => releaseApplication(settings, release)),
  }));
  const clusters: ProjectCluster[] = rendered.map(({ settings, manifests, releases }) => ({
    name: settings.name,
    usage: usageOf(manifests),
    destinationNamespaces: [
      PMS_NAMESPACE,
      CONTROLLER_NAMESPACE,
      ACK_SYSTEM_NAMESPACE,
      EXTERNAL_DNS_NAMESPACE,
      ...releaseUsage(releases).namespaces,
    ],
  }));
  const ack: ClusterAck[] = rendered.map(({ settings, manifests }) => {
    const usages = ackUsage(settings, manifests);
    return {
      cluster: settings.name,
      usages,
      ...(usages.length > 0 ? { crds: ackCrdsApplication(settings, usages) } : {}),
      controllers: usages.map((usage) => ackControllerApplication({ cluster: settings, usage })),
    };
  });
  const project = pmsAppProject({
    clusters,
    controller: controllerChartUsage(CONTROLLER_NAMESPACE),
    ack: ackChartUsage(AWS_RESOURCES_NAMESPACE),
    ackRepositories: ack.flatMap((a) => a.usages.map((u) => ackControllerRepository(u.controller.service))),
    charts: [{ repository: EXTERNAL_DNS_CHART.repoURL, usage: externalDnsChartUsage() }],
    releases: releaseUsage(releases.flatMap((r) => r.releases)),
    releaseRepositories: releases.flatMap((r) => r.releases.map((release) => release.chart.repoURL)),
  });
  const foundations = rendered.map(({ settings }) => foundationApplication(settings));
  const applicationSet = clustersApplicationSet({
    clusters: rendered.map(({ settings }) => settings.name),
    namespace: PMS_NAMESPACE,
    ignoreDifferences: controllerOwnedFields(rendered.flatMap((r) => r.manifests)),
  });
  const controllers = fleet.map((cluster) => controllerApplication({ cluster }));
  const externalDns = fleet.map((cluster) => externalDnsApplication({ cluster }));
  const bootstrap = { project: bootstrapAppProject(), application: bootstrapApplication() };
  const healthConfig = argoCdHealthConfigMap(
    ack.flatMap((a) =>
      a.usages.flatMap((u) => u.kinds.map((kind) => ({ group: ackGroup(u.controller), kind }))),
    ),
    SyncWave.foundation,
  );
  validateManifests('argocd', [healthConfig]);

  const ackApplications = ack.flatMap((a) => [...(a.crds ? [a.crds] : []), ...a.controllers]);
  const manifests = [
    bootstrap.project,
    bootstrap.application,
    project,
    applicationSet,
    ...foundations,
    ...controllers,
    ...externalDns,
    ...ackApplications,
    ...releases.flatMap((r) => r.applications),
  ].map(asManifest);
  validateArgoCdObjects(manifests);
  checkArgoCdInvariants(manifests);
  return {
    bootstrap,
    project,
    applicationSet,
    controllers,
    externalDns,
    foundations,
    ack,
    releases,
    clusters,
    healthConfig,
    manifests,
  };
}

/**
 * Builds one cluster for the project's permissions and its ACK controllers. A cluster that does not build
 * has its own render target, which reports its errors; here it becomes one line saying so, instead of the
 * same errors again under `argocd`. Errors that are not about the input (bugs) are thrown as they are.
 */
function tryBuildCluster(settings: PmsClusterSettings): { cluster: BuiltCluster } | { issue: ConfigIssue } {
  try {
    return { cluster: buildPmsCluster(settings) };
  } catch (error) {
    const own = issuesOf(error);
    if (!own) throw error;
    return {
      issue: {
        cluster: 'argocd',
        field: 'fleet',
        value: settings.name,
        echoes: settings.name,
        problem: `cluster ${settings.name} does not build; its own error${own.length > 1 ? `s (${own.length}) are` : ' is'} reported under "✗ ${settings.name}" (pnpm render ${settings.name})`,
        allowed: 'clusters that build: the project and the controller Applications derive from their objects',
      },
    };
  }
}

function asManifest(object: IAppProject | IApplication | IApplicationSet): Manifest {
  return JSON.parse(JSON.stringify(object)) as Manifest;
}
