/**
 * The AWS Load Balancer Controller, installed per cluster by an Argo CD Helm Application from the pinned
 * `aws-load-balancer-controller` chart (aws/eks-charts), with typed values.
 *
 * CRDs: the chart ships its CRDs in `crds/`. `helm upgrade` never updates those, but Argo CD does not run
 * `helm upgrade`: it renders the chart with `helm template --include-crds` (unless `skipCrds`) and applies
 * the output like any other object, CRDs first (Argo CD orders CustomResourceDefinitions before other kinds
 * within a wave). So with `skipCrds: false` a chart bump in this file upgrades the CRDs in the same sync,
 * before the controller Deployment; server-side apply keeps large CRDs clear of the annotation size limit.
 * Ordering before the cluster Application (whose IngressClassParams need the CRD) is by sync wave in
 * `argocd/` plus `SkipDryRunOnMissingResource=true` and retries — see docs/gitops.md.
 */
import {
  ALB_INGRESS_CLASS,
  Checks,
  ConfigError,
  recommendedLabels,
  syncWave,
  SyncWave,
  type ClusterSettings,
} from '@pms/core';
import {
  CONTROLLER_FEATURE_VALUES,
  CONTROLLER_NAMESPACE,
  CONTROLLER_SERVICE_ACCOUNT,
  controllerRoleArn,
} from '@pms/security';
import type {
  IApplication,
  IResourceIgnoreDifferences,
} from '@kubernetes-models/argo-cd/argoproj.io/v1alpha1';
import { ARGOCD_NAMESPACE, EKS_CHARTS_REPOSITORY, PMS_PROJECT } from './repository.js';
import {
  boolean,
  checkShape,
  formatShapeProblem,
  integer,
  map,
  object,
  string,
  type Shape,
} from './strict.js';
import { automatedSyncPolicy, type SyncOption } from './sync-policy.js';
import type { GroupKind } from './usage.js';

/** The pinned chart: version 1.17.1 ships controller v2.17.1 (Chart.yaml `version` / `appVersion`). */
export const CONTROLLER_CHART = {
  /** Helm repository. */
  repoURL: EKS_CHARTS_REPOSITORY,
  /** Chart name in the repository. */
  name: 'aws-load-balancer-controller',
  /** Exact chart version (never a range: Argo CD would resolve a range to whatever is newest). */
  version: '1.17.1',
  /** Controller version the chart deploys (for docs; the chart pins the image tag). */
  appVersion: 'v2.17.1',
} as const;

/** Helm release name: gives the chart's objects their usual names (Deployment `aws-load-balancer-controller`). */
export const CONTROLLER_RELEASE_NAME = 'aws-load-balancer-controller';

/** One object the chart renders with the values below. */
export interface ChartObject extends GroupKind {
  /** Object name (CRDs: `<plural>.<group>`). */
  readonly name: string;
  /** True when namespaced (in the release namespace, `kube-system`). */
  readonly namespaced: boolean;
}

const crd = (name: string): ChartObject => ({
  group: 'apiextensions.k8s.io',
  kind: 'CustomResourceDefinition',
  name,
  namespaced: false,
});
const rbac = (kind: string, name: string, namespaced: boolean): ChartObject => ({
  group: 'rbac.authorization.k8s.io',
  kind,
  name,
  namespaced,
});

/**
 * What chart 1.17.1 renders with `controllerValues` (from its `crds/` and `templates/`). The AppProject
 * permits exactly these kinds for the controller; revisit this list on every chart bump.
 */
export const CONTROLLER_CHART_OBJECTS: readonly ChartObject[] = [
  crd('albtargetcontrolconfigs.elbv2.k8s.aws'),
  crd('globalaccelerators.aga.k8s.aws'),
  crd('ingressclassparams.elbv2.k8s.aws'),
  crd('targetgroupbindings.elbv2.k8s.aws'),
  rbac('ClusterRole', 'aws-load-balancer-controller-role', false),
  rbac('ClusterRoleBinding', 'aws-load-balancer-controller-rolebinding', false),
  rbac('Role', 'aws-load-balancer-controller-leader-election-role', true),
  rbac('RoleBinding', 'aws-load-balancer-controller-leader-election-rolebinding', true),
  {
    group: 'admissionregistration.k8s.io',
    kind: 'MutatingWebhookConfiguration',
    name: 'aws-load-balancer-webhook',
    namespaced: false,
  },
  {
    group: 'admissionregistration.k8s.io',
    kind: 'ValidatingWebhookConfiguration',
    name: 'aws-load-balancer-webhook',
    namespaced: false,
  },
  { group: '', kind: 'ServiceAccount', name: CONTROLLER_SERVICE_ACCOUNT, namespaced: true },
  { group: '', kind: 'Secret', name: 'aws-load-balancer-tls', namespaced: true },
  { group: '', kind: 'Service', name: 'aws-load-balancer-webhook-service', namespaced: true },
  { group: 'apps', kind: 'Deployment', name: CONTROLLER_RELEASE_NAME, namespaced: true },
  { group: 'policy', kind: 'PodDisruptionBudget', name: CONTROLLER_RELEASE_NAME, namespaced: true },
];

/** The chart values this project sets (chart 1.17.1 `values.yaml`); everything else keeps the chart default. */
export interface ControllerValues {
  /** The EKS cluster's name in AWS; required by the chart. */
  readonly clusterName: string;
  /** AWS region; set so the controller does not depend on the instance metadata service. */
  readonly region: string;
  /** VPC id; set for the same reason. */
  readonly vpcId: string;
  /** Controller replicas (one leader, the others standby and serving the webhooks). */
  readonly replicaCount: number;
  /** Disruption budget: keep one webhook endpoint while nodes drain. */
  readonly podDisruptionBudget: { readonly maxUnavailable: number };
  /** The ServiceAccount the IAM role trusts (IRSA). */
  readonly serviceAccount: {
    /** Created by the chart. */
    readonly create: true;
    /** `aws-load-balancer-controller`: the subject in the IAM role's trust policy. */
    readonly name: string;
    /** `eks.amazonaws.com/role-arn`: the controller's IAM role. */
    readonly annotations: { readonly 'eks.amazonaws.com/role-arn': string };
  };
  /** Name of the IngressClass the controller serves: `alb`, rendered by the ingress library. */
  readonly ingressClass: string;
  /** False: the ingress library renders IngressClass `alb` itself (one owner per object). */
  readonly createIngressClassResource: false;
  /** Not created by the chart: the ingress library renders IngressClassParams `alb` with the ALB settings. */
  readonly ingressClassParams: { readonly create: false };
  /**
   * False: the chart's default mutating webhook on every new Service (failure policy Fail) would make the
   * controller a dependency of all Service creation in the cluster; PMS has no Service of type LoadBalancer.
   */
  readonly enableServiceMutatorWebhook: false;
  /**
   * WAF Classic off: the IAM policy (@pms/security) omits the `waf-regional:*` actions, so the controller must not
   * call them. WAFv2 and Shield on: the ALB's web ACL is attached through `wafv2-acl-arn`.
   */
  readonly enableWaf: typeof CONTROLLER_FEATURE_VALUES.enableWaf;
  /** WAFv2 web ACL support (the cluster's web ACL is attached by the controller). */
  readonly enableWafv2: typeof CONTROLLER_FEATURE_VALUES.enableWafv2;
  /** Shield Advanced protection lookups (the policy grants the Shield actions). */
  readonly enableShield: typeof CONTROLLER_FEATURE_VALUES.enableShield;
}

/** Strict shape of `ControllerValues`: Helm ignores unknown values silently, so a typo must fail here. */
export const CONTROLLER_VALUES_SHAPE: Shape = object<ControllerValues>({
  clusterName: string,
  region: string,
  vpcId: string,
  replicaCount: integer,
  podDisruptionBudget: object<ControllerValues['podDisruptionBudget']>({ maxUnavailable: integer }),
  serviceAccount: object<ControllerValues['serviceAccount']>({
    create: boolean,
    name: string,
    annotations: map(string),
  }),
  ingressClass: string,
  createIngressClassResource: boolean,
  ingressClassParams: object<ControllerValues['ingressClassParams']>({ create: boolean }),
  enableServiceMutatorWebhook: boolean,
  enableWaf: boolean,
  enableWafv2: boolean,
  enableShield: boolean,
});

/** Props of `controllerApplication`. */
export interface ControllerReleaseProps {
  /** The cluster the controller is installed in. */
  readonly cluster: ClusterSettings;
  /** Exact chart version. @default CONTROLLER_CHART.version */
  readonly chartVersion?: string;
  /** Controller replicas, 2 to 5. @default 2 */
  readonly replicas?: number;
}

/** The typed chart values for one cluster. */
export function controllerValues(cluster: ClusterSettings, replicas = 2): ControllerValues {
  return {
    clusterName: cluster.eksClusterName,
    region: cluster.aws.region,
    vpcId: cluster.vpc.id,
    replicaCount: replicas,
    podDisruptionBudget: { maxUnavailable: 1 },
    serviceAccount: {
      create: true,
      name: CONTROLLER_SERVICE_ACCOUNT,
      annotations: { 'eks.amazonaws.com/role-arn': controllerRoleArn(cluster) },
    },
    ingressClass: ALB_INGRESS_CLASS,
    createIngressClassResource: false,
    ingressClassParams: { create: false },
    enableServiceMutatorWebhook: false,
    ...CONTROLLER_FEATURE_VALUES,
  };
}

/**
 * Fields the chart fills with key material generated at each `helm template` (the webhook's self-signed CA
 * and serving certificate: `lookup` cannot reuse the live Secret under Argo CD). The live pair is the one in
 * use, so these fields are ignored in the diff and, with `RespectIgnoreDifferences`, never re-applied:
 * Secret and caBundle stay consistent with each other.
 */
export const CONTROLLER_IGNORE_DIFFERENCES: readonly IResourceIgnoreDifferences[] = [
  {
    group: '',
    kind: 'Secret',
    name: 'aws-load-balancer-tls',
    namespace: CONTROLLER_NAMESPACE,
    jsonPointers: ['/data'],
  },
  ...(['MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration'] as const).map((kind) => ({
    group: 'admissionregistration.k8s.io',
    kind,
    name: 'aws-load-balancer-webhook',
    jqPathExpressions: ['.webhooks[]?.clientConfig.caBundle'],
  })),
];

/** Sync options of the controller Application. */
export const CONTROLLER_SYNC_OPTIONS: readonly SyncOption[] = [
  'ServerSideApply=true',
  'PruneLast=true',
  'RespectIgnoreDifferences=true',
  'FailOnSharedResource=true',
  'CreateNamespace=false',
];

/** Name of the controller Application of a cluster: `<cluster>-aws-load-balancer-controller`. */
export function controllerApplicationName(cluster: Pick<ClusterSettings, 'name'>): string {
  return `${cluster.name}-${CONTROLLER_RELEASE_NAME}`;
}

/**
 * The controller's Helm Application for one cluster, in project `pms`, sync wave `platform` (before the
 * ApplicationSet's cluster Applications). Refuses a chart version that is not exact and fewer than 2 replicas.
 */
export function controllerApplication(props: ControllerReleaseProps): IApplication {
  const { cluster } = props;
  const chartVersion = props.chartVersion ?? CONTROLLER_CHART.version;
  const replicas = props.replicas ?? 2;
  const checks = new Checks(cluster.name, 'controller', `argocd/${controllerApplicationName(cluster)}`);
  checks.matches(
    'chartVersion',
    chartVersion,
    /^\d+\.\d+\.\d+$/,
    `an exact chart version such as ${CONTROLLER_CHART.version} (a range or "latest" would let Argo CD install an unreviewed release)`,
  );
  checks.integer('replicas', replicas, 2, 5);
  checks.throwIfAny();

  const values = controllerValues(cluster, replicas);
  const problems = checkShape(values, CONTROLLER_VALUES_SHAPE, 'valuesObject');
  if (problems.length > 0) {
    throw new ConfigError({
      cluster: cluster.name,
      field: 'controller.valuesObject',
      value: problems.map(formatShapeProblem),
      allowed: `the chart ${CONTROLLER_CHART.version} values listed in CONTROLLER_VALUES_SHAPE`,
    });
  }

  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    metadata: {
      name: controllerApplicationName(cluster),
      namespace: ARGOCD_NAMESPACE,
      labels: {
        ...recommendedLabels(CONTROLLER_RELEASE_NAME, 'load-balancer-controller'),
        'app.kubernetes.io/instance': cluster.name,
      },
      annotations: syncWave(SyncWave.platform),
    },
    spec: {
      project: PMS_PROJECT,
      source: {
        repoURL: CONTROLLER_CHART.repoURL,
        chart: CONTROLLER_CHART.name,
        targetRevision: chartVersion,
        helm: { releaseName: CONTROLLER_RELEASE_NAME, skipCrds: false, valuesObject: values as never },
      },
      destination: { name: cluster.name, namespace: CONTROLLER_NAMESPACE },
      syncPolicy: automatedSyncPolicy({ syncOptions: CONTROLLER_SYNC_OPTIONS }),
      ignoreDifferences: CONTROLLER_IGNORE_DIFFERENCES.map((entry) => ({ ...entry })),
      revisionHistoryLimit: 10,
    },
  };
}
