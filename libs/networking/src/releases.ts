/**
 * The Helm releases a cluster needs besides its rendered folder: the backing services' operators and chart, and
 * metrics-server (the HorizontalPodAutoscalers' metrics). Plain data derived from the cluster's settings, so the
 * cluster render can check what depends on them and the Argo CD app (apps/argocd) renders one Application per
 * release, its AppProject permitting exactly the releases' sources, namespaces and kinds.
 *
 * Each chart is pinned to an exact version whose publication was checked (research: /work/research/backing-services.md
 * §0): the chart repository's index lists it, and the objects listed in `objects` are what its templates render
 * with the values below (revisit both on every bump).
 */
import type { UpstreamSource } from './backing/upstream.js';

/** A pinned Helm chart. */
export interface HelmChart {
  /**
   * Repository as Argo CD's `repoURL` takes it: an `https://` Helm repository, or an OCI registry path without the
   * `oci://` scheme (Argo CD treats a repoURL without scheme as OCI, util/helm/client.go `IsHelmOciRepo`).
   */
  readonly repoURL: string;
  /** Chart name in the repository. */
  readonly name: string;
  /** Exact chart version. */
  readonly version: string;
  /** The application version the chart deploys (for docs; the chart pins its images). */
  readonly appVersion: string;
  /** Where the chart's templates and values were read. */
  readonly source: UpstreamSource;
}

/** One object a release renders, for the AppProject's allow-lists. */
export interface ReleaseObject {
  /** API group, `""` for the core group. */
  readonly group: string;
  /** Kind. */
  readonly kind: string;
  /** Object name (CRDs: `<plural>.<group>`). */
  readonly name: string;
  /** Namespace; absent for a cluster-scoped object. */
  readonly namespace?: string;
}

/** One value a release must be installed with, and what breaks without it. */
export interface RequiredValue {
  /** Dotted path in the chart's values, e.g. `generateNetworkPolicy`. */
  readonly path: string;
  /** The value (compared as JSON). */
  readonly value: unknown;
  /** Why. */
  readonly why: string;
}

/**
 * When a release is synced relative to the cluster's own Application (`clusters/<cluster>`): before it, since the
 * cluster's objects need what the releases provide (CRDs, webhooks, controllers, metrics, the backing services the
 * workloads wait for). What the releases themselves need of the cluster folder (the namespace `pms`, the StorageClass)
 * comes from the cluster's foundation Application, which syncs first (`pnpm sync-plan` checks both directions).
 */
export type ReleaseOrder = 'before-cluster';

/** A Helm release one cluster needs. */
export interface HelmRelease {
  /** Identifier, unique per cluster; the Application is `<cluster>-<id>`. */
  readonly id: string;
  /** What it installs and why, for the docs. */
  readonly purpose: string;
  /** The chart. */
  readonly chart: HelmChart;
  /** Helm release name (fixes the objects' names and the pods' `app.kubernetes.io/instance`). */
  readonly releaseName: string;
  /** The release namespace. */
  readonly namespace: string;
  /** Labels of the release namespace when the release creates it (restricted Pod Security); absent: it exists. */
  readonly createNamespace?: Readonly<Record<string, string>>;
  /** The chart values (everything else keeps the chart's default); typed per chart (e.g. `ValkeyValues`). */
  readonly values: object;
  /** Values that must hold, checked against `values` (`checkReleaseValues`). */
  readonly requiredValues: readonly RequiredValue[];
  /** What the chart renders with these values. */
  readonly objects: readonly ReleaseObject[];
  /** Sync order relative to the cluster's Application. */
  readonly order: ReleaseOrder;
  /** Aggregated APIs it serves, `group/version` (e.g. `metrics.k8s.io/v1beta1`). @default none */
  readonly provides?: readonly string[];
  /** Custom resources it defines, `group/version Kind`, that the cluster renders. @default none */
  readonly defines?: readonly string[];
}

/** Labels of a namespace a release creates: Pod Security `restricted`, enforced. */
export const RESTRICTED_NAMESPACE_LABELS: Readonly<Record<string, string>> = {
  'pod-security.kubernetes.io/enforce': 'restricted',
  'pod-security.kubernetes.io/warn': 'restricted',
  'pod-security.kubernetes.io/audit': 'restricted',
};

/** The value at a dotted path of a values object (array indices allowed: `extraEnvs.0.name`). */
export function valueAt(values: unknown, path: string): unknown {
  let at: unknown = values;
  for (const key of path.split('.')) {
    if (at === null || typeof at !== 'object') return undefined;
    at = (at as Record<string, unknown>)[key];
  }
  return at;
}

/** The required values a release's values miss, each as `path`, found value and why. */
export function missingRequiredValues(
  release: Pick<HelmRelease, 'values' | 'requiredValues'>,
): { readonly path: string; readonly found: unknown; readonly expected: unknown; readonly why: string }[] {
  return release.requiredValues
    .filter(
      (required) => JSON.stringify(valueAt(release.values, required.path)) !== JSON.stringify(required.value),
    )
    .map((required) => ({
      path: required.path,
      found: valueAt(release.values, required.path),
      expected: required.value,
      why: required.why,
    }));
}

/** `group/Kind` objects of a CRD list, for `ReleaseObject`s. */
export const crdObjects = (names: readonly string[]): ReleaseObject[] =>
  names.map((name) => ({ group: 'apiextensions.k8s.io', kind: 'CustomResourceDefinition', name }));

/** An RBAC object. */
export const rbacObject = (kind: string, name: string, namespace?: string): ReleaseObject => ({
  group: 'rbac.authorization.k8s.io',
  kind,
  name,
  ...(namespace ? { namespace } : {}),
});
