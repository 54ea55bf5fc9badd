/**
 * The Helm releases of the backing services: the CloudNativePG and Strimzi operators (this repository renders
 * their custom resources in the cluster folder) and the Valkey chart (which runs the pods itself). Pinned charts,
 * typed values, the objects each renders and the values each must keep.
 */
import type { ResourceSettings } from '../settings.js';
import { PMS_NAMESPACE } from '../namespace.js';
import {
  crdObjects,
  rbacObject,
  RESTRICTED_NAMESPACE_LABELS,
  type HelmChart,
  type HelmRelease,
  type ReleaseObject,
} from '../releases.js';
import { UPSTREAM_PROJECTS, type UpstreamProjectId } from './upstream.js';

/** CloudNativePG's operator chart: 0.29.0 deploys operator 1.30.0 (the CRD vendored in libs/crd-models). */
export const CNPG_CHART: HelmChart = {
  repoURL: 'https://cloudnative-pg.github.io/charts',
  name: 'cloudnative-pg',
  version: '0.29.0',
  appVersion: '1.30.0',
  source: {
    repository: 'cloudnative-pg/charts',
    tag: 'cloudnative-pg-v0.29.0',
    file: 'charts/cloudnative-pg/values.yaml',
  },
};

/**
 * Strimzi's operator chart 1.2.0 (Kafka 4.3.1), published to the OCI registry `quay.io/strimzi-helm` (the
 * `https://strimzi.io/charts/` repository is deprecated since 0.36, strimzi/strimzi-kafka-operator#8791).
 */
export const STRIMZI_CHART: HelmChart = {
  repoURL: 'quay.io/strimzi-helm',
  name: 'strimzi-kafka-operator',
  version: '1.2.0',
  appVersion: '1.2.0',
  source: {
    repository: 'strimzi/strimzi-kafka-operator',
    tag: '1.2.0',
    file: 'packaging/helm-charts/helm3/strimzi-kafka-operator/values.yaml',
  },
};

/** The Valkey project's own chart 0.11.0 (Valkey 9.1.1), not Bitnami's (whose versioned images moved to bitnamilegacy in 2025). */
export const VALKEY_CHART: HelmChart = {
  repoURL: 'https://valkey.io/valkey-helm/',
  name: 'valkey',
  version: '0.11.0',
  appVersion: '9.1.1',
  source: { repository: 'valkey-io/valkey-helm', tag: 'valkey-0.11.0', file: 'valkey/values.yaml' },
};

/** The operand images the custom resources pin (the operators' defaults at the pinned versions). */
export const OPERAND_IMAGES = {
  /** CloudNativePG 1.30.0 `DefaultImageName` (pkg/versions/versions.go). */
  postgresql: 'ghcr.io/cloudnative-pg/postgresql:18.4-system-trixie',
  /** Strimzi 1.2.0's default Kafka (kafka-versions.yaml `default: true`) and its metadata version. */
  kafka: { version: '4.3.1', metadataVersion: '4.3-IV0' },
} as const;

/** The CloudNativePG operator: cluster-wide (it watches `pms` from its own namespace), CRDs by the chart. */
export interface CnpgOperatorValues {
  /** The chart installs the CRDs (its templates/crds/crds.yaml). */
  readonly crds: { readonly create: true };
  /** Watch every namespace (the default): the operator needs no objects in `pms`. */
  readonly config: { readonly clusterWide: true };
  /** Two replicas: its webhooks (failurePolicy Fail) keep answering through a node drain. */
  readonly replicaCount: number;
}

/** The Strimzi operator, watching `pms`. */
export interface StrimziOperatorValues {
  /** The namespaces whose Kafka resources it reconciles (its RoleBindings go there). */
  readonly watchNamespaces: readonly string[];
  /** No generated NetworkPolicies: they open the listeners to every namespace, outside the graph. */
  readonly generateNetworkPolicy: false;
  /** The restricted Pod Security provider (below). */
  readonly extraEnvs: readonly { readonly name: string; readonly value: string }[];
}

/** Valkey, standalone, persistent. */
export interface ValkeyValues {
  /** Keeps the chart's objects apart from ours (`installer.fullnameOverride`). */
  readonly fullnameOverride: string;
  /** Pinned Valkey image tag (the chart's appVersion). */
  readonly image: { readonly tag: string };
  /** The catalogue port: container port and the chart's Service port. */
  readonly service: { readonly port: number };
  /** `Recreate`: a new pod on another node could not attach the ReadWriteOnce volume during a rolling update. */
  readonly deploymentStrategy: 'Recreate';
  /** The data volume. */
  readonly dataStorage: {
    readonly enabled: true;
    readonly requestedSize: string;
    readonly className: string;
    /** `helm.sh/resource-policy: keep`: Argo CD never deletes the volume (Delete=false). */
    readonly keepPvc: true;
  };
  /** CPU and memory. */
  readonly resources: {
    readonly requests: { readonly cpu: string; readonly memory: string };
    readonly limits: { readonly memory: string };
  };
  /** No metrics exporter: its container has no securityContext (`metrics.exporter.securityContext: {}`). */
  readonly metrics: { readonly enabled: false };
}

/** The restricted Pod Security provider env of the Strimzi operator. */
const RESTRICTED_PROVIDER = { name: 'STRIMZI_POD_SECURITY_PROVIDER_CLASS', value: 'restricted' };

const CNPG_NAMESPACE = UPSTREAM_PROJECTS['cloudnative-pg'].operator!.namespace;
const STRIMZI_NAMESPACE = UPSTREAM_PROJECTS.strimzi.operator!.namespace;
const CNPG_RELEASE = UPSTREAM_PROJECTS['cloudnative-pg'].operator!.labels['app.kubernetes.io/instance']!;
const STRIMZI_RELEASE = 'strimzi-kafka-operator';

/** The CloudNativePG operator release. */
export function cnpgOperatorRelease(): HelmRelease & { readonly values: CnpgOperatorValues } {
  const ns = CNPG_NAMESPACE;
  // fullname = release name (it contains the chart name): charts/cloudnative-pg/templates/_helpers.tpl.
  const full = CNPG_RELEASE;
  return {
    id: 'cloudnative-pg',
    purpose: 'the CloudNativePG operator: runs the PostgreSQL Clusters rendered in pms',
    chart: CNPG_CHART,
    releaseName: CNPG_RELEASE,
    namespace: ns,
    createNamespace: RESTRICTED_NAMESPACE_LABELS,
    values: { crds: { create: true }, config: { clusterWide: true }, replicaCount: 2 },
    requiredValues: [
      {
        path: 'config.clusterWide',
        value: true,
        why: 'the operator runs in its own namespace and must watch pms (clusterWide: false would watch only its own)',
      },
    ],
    // charts/cloudnative-pg/templates/* (crds/crds.yaml, rbac.yaml, config.yaml, monitoring-configmap.yaml,
    // deployment.yaml, service.yaml, mutating/validatingwebhookconfiguration.yaml); podmonitor off.
    objects: [
      ...crdObjects(
        [
          'backups',
          'clusterimagecatalogs',
          'clusters',
          'databaseroles',
          'databases',
          'failoverquorums',
          'imagecatalogs',
          'poolers',
          'publications',
          'scheduledbackups',
          'subscriptions',
        ].map((plural) => `${plural}.postgresql.cnpg.io`),
      ),
      { group: '', kind: 'ServiceAccount', name: full, namespace: ns },
      rbacObject('ClusterRole', full),
      rbacObject('ClusterRole', `${full}-view`),
      rbacObject('ClusterRole', `${full}-edit`),
      rbacObject('ClusterRoleBinding', full),
      { group: '', kind: 'ConfigMap', name: 'cnpg-controller-manager-config', namespace: ns },
      { group: '', kind: 'ConfigMap', name: 'cnpg-default-monitoring', namespace: ns },
      { group: '', kind: 'Service', name: 'cnpg-webhook-service', namespace: ns },
      { group: 'apps', kind: 'Deployment', name: full, namespace: ns },
      {
        group: 'admissionregistration.k8s.io',
        kind: 'MutatingWebhookConfiguration',
        name: 'cnpg-mutating-webhook-configuration',
      },
      {
        group: 'admissionregistration.k8s.io',
        kind: 'ValidatingWebhookConfiguration',
        name: 'cnpg-validating-webhook-configuration',
      },
    ],
    order: 'before-cluster',
    defines: UPSTREAM_PROJECTS['cloudnative-pg'].resources,
  };
}

/** The Strimzi operator release, watching `pms`. */
export function strimziOperatorRelease(): HelmRelease & { readonly values: StrimziOperatorValues } {
  const ns = STRIMZI_NAMESPACE;
  const watched = [PMS_NAMESPACE];
  // The chart binds its roles in every watched namespace and its own (strimzi.watchNamespacesList, _helpers.tpl).
  const bound = [...new Set([...watched, ns])].sort();
  const co = 'strimzi-cluster-operator';
  return {
    id: 'strimzi',
    purpose: 'the Strimzi cluster operator: runs the Kafka clusters rendered in pms',
    chart: STRIMZI_CHART,
    releaseName: STRIMZI_RELEASE,
    namespace: ns,
    createNamespace: RESTRICTED_NAMESPACE_LABELS,
    values: { watchNamespaces: watched, generateNetworkPolicy: false, extraEnvs: [RESTRICTED_PROVIDER] },
    requiredValues: [
      {
        path: 'watchNamespaces',
        value: watched,
        why: 'the Kafka resources are rendered in pms; the operator reconciles only the namespaces it watches',
      },
      {
        path: 'generateNetworkPolicy',
        value: false,
        why: "the operator's generated NetworkPolicies open the listeners and its own port to every namespace, allow rules the graph and the reachability proof never see",
      },
      {
        path: 'extraEnvs.0',
        value: RESTRICTED_PROVIDER,
        // documentation/modules/configuring/proc-config-restricted-security-provider.adoc @1.2.0.
        why: 'pms enforces the restricted Pod Security Standard; the default (baseline) provider leaves the Kafka containers without the restricted security context, and the namespace rejects the pods',
      },
    ],
    // packaging/helm-charts/helm3/strimzi-kafka-operator/crds/ and templates/ with rbac.create,
    // createGlobalResources, serviceAccountCreate (defaults); PDB, operator NetworkPolicy, dashboards, aggregate
    // roles off (defaults).
    objects: [
      ...crdObjects([
        'kafkas.kafka.strimzi.io',
        'kafkaconnects.kafka.strimzi.io',
        'strimzipodsets.core.strimzi.io',
        'kafkatopics.kafka.strimzi.io',
        'kafkausers.kafka.strimzi.io',
        'kafkanodepools.kafka.strimzi.io',
        'kafkabridges.kafka.strimzi.io',
        'kafkaconnectors.kafka.strimzi.io',
        'kafkamirrormaker2s.kafka.strimzi.io',
        'kafkarebalances.kafka.strimzi.io',
      ]),
      { group: '', kind: 'ServiceAccount', name: co, namespace: ns },
      ...[
        `${co}-namespaced`,
        `${co}-global`,
        `${co}-leader-election`,
        `${co}-watched`,
        'strimzi-kafka-broker',
        'strimzi-entity-operator',
        'strimzi-kafka-client',
      ].map((name) => rbacObject('ClusterRole', name)),
      ...[co, `${co}-kafka-broker-delegation`, `${co}-kafka-client-delegation`].map((name) =>
        rbacObject('ClusterRoleBinding', name),
      ),
      ...bound.flatMap((namespace) =>
        [co, `${co}-watched`, `${co}-entity-operator-delegation`].map((name) =>
          rbacObject('RoleBinding', name, namespace),
        ),
      ),
      rbacObject('RoleBinding', `${co}-leader-election`, ns),
      { group: '', kind: 'ConfigMap', name: co, namespace: ns },
      { group: 'apps', kind: 'Deployment', name: co, namespace: ns },
    ],
    // Its RoleBindings go into pms, which the cluster's foundation Application creates first.
    order: 'before-cluster',
    defines: UPSTREAM_PROJECTS.strimzi.resources,
  };
}

/** Props of `valkeyRelease`. */
export interface ValkeyReleaseProps {
  /** Helm release name (the pods' `app.kubernetes.io/instance`). */
  readonly releaseName: string;
  /** The chart's `fullnameOverride`. */
  readonly fullnameOverride: string;
  /** The catalogue port. */
  readonly port: number;
  /** Data volume size, e.g. `2Gi`. */
  readonly storageSize: string;
  /** The StorageClass of the volume. */
  readonly storageClass: string;
  /** CPU and memory. */
  readonly resources: ResourceSettings;
}

/** The Valkey release (into `pms`). */
export function valkeyRelease(props: ValkeyReleaseProps): HelmRelease & { readonly values: ValkeyValues } {
  const full = props.fullnameOverride;
  const values: ValkeyValues = {
    fullnameOverride: full,
    image: { tag: VALKEY_CHART.appVersion },
    service: { port: props.port },
    deploymentStrategy: 'Recreate',
    dataStorage: {
      enabled: true,
      requestedSize: props.storageSize,
      className: props.storageClass,
      keepPvc: true,
    },
    resources: {
      requests: { cpu: props.resources.cpuRequest, memory: props.resources.memoryRequest },
      limits: { memory: props.resources.memoryLimit },
    },
    metrics: { enabled: false },
  };
  const objects: ReleaseObject[] = [
    { group: '', kind: 'ServiceAccount', name: full, namespace: PMS_NAMESPACE },
    { group: '', kind: 'ConfigMap', name: `${full}-init-scripts`, namespace: PMS_NAMESPACE },
    { group: '', kind: 'PersistentVolumeClaim', name: full, namespace: PMS_NAMESPACE },
    { group: '', kind: 'Service', name: full, namespace: PMS_NAMESPACE },
    { group: 'apps', kind: 'Deployment', name: full, namespace: PMS_NAMESPACE },
  ];
  return {
    id: props.releaseName,
    purpose: `Valkey for the catalogue's ${props.releaseName} (sessions), standalone with a persistent volume`,
    chart: VALKEY_CHART,
    releaseName: props.releaseName,
    namespace: PMS_NAMESPACE,
    values,
    requiredValues: [
      {
        path: 'service.port',
        value: props.port,
        why: 'the container port (the chart sets it from service.port) must equal the catalogue port: the VPC CNI policy agent and the NetworkPolicies use it',
      },
      {
        path: 'metrics.enabled',
        value: false,
        why: "the exporter container has no securityContext (metrics.exporter.securityContext: {}), so pms's restricted Pod Security would reject the pod",
      },
      {
        path: 'deploymentStrategy',
        value: 'Recreate',
        why: 'a rolling update would start the new pod while the old one holds the ReadWriteOnce volume',
      },
    ],
    // valkey/templates/*: serviceaccount, init_config, pvc (dataStorage), service, deploy_valkey; the configmap
    // only with valkeyConfig, the secret only with auth, network policy and metrics off.
    objects,
    // Into pms and onto StorageClass pms-gp3, which the cluster's foundation Application creates first.
    order: 'before-cluster',
  };
}

/** One backing project's chart constant, as messages name it. */
export interface BackingChart {
  /** The project whose facts the chart must match. */
  readonly project: UpstreamProjectId;
  /** The constant's name in `CHARTS_FILE`, e.g. `VALKEY_CHART`. */
  readonly constant: string;
  /** The chart. */
  readonly chart: HelmChart;
}

/** This file, for messages naming a chart constant to edit. */
export const CHARTS_FILE = 'libs/networking/src/backing/charts.ts';

/** The backing projects' chart constants, checked against `UPSTREAM_PROJECTS` (`validateBackingCharts`). */
export const BACKING_CHARTS: readonly BackingChart[] = [
  { project: 'cloudnative-pg', constant: 'CNPG_CHART', chart: CNPG_CHART },
  { project: 'strimzi', constant: 'STRIMZI_CHART', chart: STRIMZI_CHART },
  { project: 'valkey', constant: 'VALKEY_CHART', chart: VALKEY_CHART },
];
