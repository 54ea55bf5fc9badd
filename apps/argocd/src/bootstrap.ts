/**
 * Bootstrap: the one Application that syncs `argocd/` itself (app of apps), in its own small project.
 * `kubectl apply` of this project and Application alone, once, creates it; it then syncs the rest of `argocd/` in
 * its waves (projects and `argocd-cm`, the clusters' foundations, ACK CRDs, controllers and releases, the
 * ApplicationSet), waiting for each wave's Applications to be Healthy, and every later merge the same way.
 */
import { recommendedLabels, syncWave, SyncWave } from '@pms/core';
import type { IAppProject, IApplication } from '@kubernetes-models/argo-cd/argoproj.io/v1alpha1';
import {
  ARGOCD_DIR,
  ARGOCD_NAMESPACE,
  BOOTSTRAP_PROJECT,
  GITOPS_REPOSITORY,
  IN_CLUSTER_SERVER,
} from './repository.js';
import { automatedSyncPolicy } from './sync-policy.js';

/** Name of the bootstrap Application. */
export const BOOTSTRAP_APPLICATION = 'pms-argocd';

/**
 * The bootstrap project: this repository only, Argo CD's own cluster and namespace only, and only the kinds
 * `argocd/` holds: the three Argo CD kinds and the ConfigMap `argocd-cm` with the health checks (`health.ts`). No
 * cluster-scoped kinds. (A project cannot narrow a kind to one name: the render owns `argocd/` entirely and the drift
 * check refuses any file it did not write, so no other ConfigMap can reach it.)
 */
export function bootstrapAppProject(): IAppProject {
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'AppProject',
    metadata: {
      name: BOOTSTRAP_PROJECT,
      namespace: ARGOCD_NAMESPACE,
      labels: recommendedLabels(BOOTSTRAP_PROJECT, 'gitops'),
      annotations: syncWave(SyncWave.foundation),
    },
    spec: {
      sourceRepos: [GITOPS_REPOSITORY.url],
      destinations: [{ server: IN_CLUSTER_SERVER, namespace: ARGOCD_NAMESPACE }],
      clusterResourceWhitelist: [],
      namespaceResourceWhitelist: [
        ...['AppProject', 'Application', 'ApplicationSet'].map((kind) => ({ group: 'argoproj.io', kind })),
        { group: '', kind: 'ConfigMap' },
      ],
      orphanedResources: { warn: true },
    },
  };
}

/**
 * The bootstrap Application: syncs `argocd/` (recursively, `*.yaml`) into Argo CD's namespace with prune
 * and self-heal. No resources finalizer: deleting it never cascades to the Applications it created.
 */
export function bootstrapApplication(): IApplication {
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    metadata: {
      name: BOOTSTRAP_APPLICATION,
      namespace: ARGOCD_NAMESPACE,
      labels: recommendedLabels(BOOTSTRAP_APPLICATION, 'gitops'),
      annotations: syncWave(SyncWave.foundation),
    },
    spec: {
      project: BOOTSTRAP_PROJECT,
      source: {
        repoURL: GITOPS_REPOSITORY.url,
        targetRevision: GITOPS_REPOSITORY.revision,
        path: ARGOCD_DIR,
        directory: { recurse: true, include: '*.yaml' },
      },
      destination: { server: IN_CLUSTER_SERVER, namespace: ARGOCD_NAMESPACE },
      syncPolicy: automatedSyncPolicy({
        syncOptions: ['PruneLast=true', 'ServerSideApply=true', 'CreateNamespace=false'],
      }),
      revisionHistoryLimit: 10,
    },
  };
}
