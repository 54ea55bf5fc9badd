/**
 * metrics-server, the provider of `metrics.k8s.io` that every HorizontalPodAutoscaler on CPU reads
 * (https://kubernetes.io/docs/tasks/run-application/horizontal-pod-autoscale/#support-for-metrics-apis). EKS
 * installs none by default. Installed here from its pinned chart by an Argo CD Application (rather than the EKS
 * community add-on, which then must NOT be installed too: both own the APIService `v1beta1.metrics.k8s.io`; a
 * cluster prerequisite checks it), so its version and values are reviewed like everything else, and Argo CD's
 * built-in APIService health (gitops-engine pkg/health/health_apiservice.go) reports Healthy only once the API
 * is Available.
 */
import { ofKind, type ConfigIssue, type Manifest } from '@pms/core';
import type { IHorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler';
import { rbacObject, type HelmRelease } from './releases.js';

/** The API group/version a CPU or memory HorizontalPodAutoscaler reads. */
export const RESOURCE_METRICS_API = 'metrics.k8s.io/v1beta1';

/** The pinned chart: 3.13.1 ships metrics-server 0.8.1 (no chart yet for 0.9.0). */
export const METRICS_SERVER_CHART = {
  repoURL: 'https://kubernetes-sigs.github.io/metrics-server/',
  name: 'metrics-server',
  version: '3.13.1',
  appVersion: '0.8.1',
  source: {
    repository: 'kubernetes-sigs/metrics-server',
    tag: 'metrics-server-helm-chart-3.13.1',
    file: 'charts/metrics-server/values.yaml',
  },
} as const;

/** Namespace and release of metrics-server (the usual place; its RBAC reads `extension-apiserver-authentication`). */
const NAMESPACE = 'kube-system';
const RELEASE = 'metrics-server';

/** The values this project sets (chart 3.13.1 values.yaml); everything else keeps the chart's default. */
export interface MetricsServerValues {
  /** Two replicas: the autoscalers keep their metrics through a node drain. */
  readonly replicas: number;
  /** Keep one replica through voluntary disruptions. */
  readonly podDisruptionBudget: { readonly enabled: true; readonly maxUnavailable: number };
}

/** The metrics-server release of a cluster (the same everywhere). */
export function metricsServerRelease(): HelmRelease & { readonly values: MetricsServerValues } {
  const values: MetricsServerValues = {
    replicas: 2,
    podDisruptionBudget: { enabled: true, maxUnavailable: 1 },
  };
  return {
    id: 'metrics-server',
    purpose: 'metrics.k8s.io for the HorizontalPodAutoscalers (CPU utilization)',
    chart: METRICS_SERVER_CHART,
    releaseName: RELEASE,
    namespace: NAMESPACE,
    values,
    requiredValues: [],
    // charts/metrics-server/templates/* with these values: tls.type "metrics-server" (no Secret), rbac.create,
    // serviceAccount.create, apiService.create, podDisruptionBudget.enabled; addonResizer, serviceMonitor off.
    objects: [
      { group: '', kind: 'ServiceAccount', name: RELEASE, namespace: NAMESPACE },
      rbacObject('ClusterRole', 'system:metrics-server-aggregated-reader'),
      rbacObject('ClusterRole', 'system:metrics-server'),
      rbacObject('ClusterRoleBinding', 'metrics-server:system:auth-delegator'),
      rbacObject('ClusterRoleBinding', 'system:metrics-server'),
      rbacObject('RoleBinding', 'metrics-server-auth-reader', NAMESPACE),
      { group: '', kind: 'Service', name: RELEASE, namespace: NAMESPACE },
      { group: 'apps', kind: 'Deployment', name: RELEASE, namespace: NAMESPACE },
      { group: 'policy', kind: 'PodDisruptionBudget', name: RELEASE, namespace: NAMESPACE },
      { group: 'apiregistration.k8s.io', kind: 'APIService', name: 'v1beta1.metrics.k8s.io' },
    ],
    order: 'before-cluster',
    provides: [RESOURCE_METRICS_API],
  };
}

/** The metrics APIs a HorizontalPodAutoscaler reads: `Resource`/`ContainerResource` metrics → metrics.k8s.io. */
function metricsApisOf(hpa: IHorizontalPodAutoscaler): string[] {
  const types = (hpa.spec?.metrics ?? []).map((m) => m.type);
  // autoscaling/v2 with no metrics defaults to 80 % CPU (a Resource metric).
  const resource = types.length === 0 || types.some((t) => t === 'Resource' || t === 'ContainerResource');
  const custom = types.some((t) => t === 'Pods' || t === 'Object') ? ['custom.metrics.k8s.io/v1beta1'] : [];
  const external = types.includes('External') ? ['external.metrics.k8s.io/v1beta1'] : [];
  return [...(resource ? [RESOURCE_METRICS_API] : []), ...custom, ...external];
}

/**
 * Every HorizontalPodAutoscaler whose metrics API no release of the cluster serves: it would never scale (its
 * status says `FailedGetResourceMetric`, nothing fails loudly). Pure: over the rendered objects and the releases.
 */
export function unservedMetricsApis(
  cluster: string,
  manifests: readonly Manifest[],
  releases: readonly Pick<HelmRelease, 'id' | 'provides'>[],
): ConfigIssue[] {
  const served = new Set(releases.flatMap((r) => r.provides ?? []));
  return ofKind<IHorizontalPodAutoscaler>(manifests, 'autoscaling/v2', 'HorizontalPodAutoscaler').flatMap(
    (hpa) =>
      metricsApisOf(hpa)
        .filter((api) => !served.has(api))
        .map((api) => ({
          cluster,
          field: `HorizontalPodAutoscaler ${hpa.metadata.namespace}/${hpa.metadata.name} spec.metrics`,
          value: api,
          problem: `no release of the cluster serves ${api}, so the autoscaler never gets a metric and never scales`,
          allowed: `a metrics API a release provides (${[...served].sort().join(', ') || 'none'}): install metricsServerRelease() (libs/networking/src/metrics-server.ts)`,
        })),
  );
}
