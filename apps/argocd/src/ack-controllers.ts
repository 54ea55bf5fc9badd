/**
 * The AWS Controllers for Kubernetes (ACK) that reconcile the ACK objects the clusters render (WebACL,
 * Certificate, IAM Policy/Role, Dashboard, MetricAlarm in namespace `pms-aws`), installed per cluster by Argo CD:
 *
 * - one Helm Application per service controller (`<cluster>-ack-<service>-controller`), from the ACK chart in the
 *   public ECR registry, pinned, into `ack-system`, with typed strict values: the cluster's region, the
 *   ServiceAccount with its IRSA role, namespace scope watching `pms-aws` only, and only the kinds rendered;
 * - one Application per cluster for their CRDs (`<cluster>-ack-crds`), one wave earlier. Every ACK chart ships,
 *   besides its own CRDs, the two CRDs of the ACK runtime (`adoptedresources.services.k8s.aws`,
 *   `fieldexports.services.k8s.aws`). Four charts installing the same CRD would make four Applications own one
 *   object (`FailOnSharedResource` fails the sync; without it they overwrite each other's tracking forever). So the
 *   charts skip their CRDs, and this Application installs each controller's CRDs from its Git repository at the
 *   release tag of the pinned chart (`helm/crds/`, the files the chart packages), the runtime CRDs exactly once.
 *
 * Which controllers a cluster gets is derived from what it renders: one per ACK API group in use; an ACK group
 * without a known controller is refused.
 */
import {
  AWS_RESOURCES_NAMESPACE,
  Checks,
  ConfigError,
  apiGroup,
  recommendedLabels,
  syncWave,
  SyncWave,
  type ClusterSettings,
  type Manifest,
} from '@pms/core';
import type { IApplication, IApplicationSource } from '@kubernetes-models/argo-cd/argoproj.io/v1alpha1';
import { ACK_CHARTS_REPOSITORY, ARGOCD_NAMESPACE, PMS_PROJECT, ackControllerRepository } from './repository.js';
import { array, boolean, checkShape, formatShapeProblem, map, object, oneOf, string, type Shape } from './strict.js';
import { automatedSyncPolicy, type SyncOption } from './sync-policy.js';
import type { GroupKind } from './usage.js';

/** Namespace the ACK controllers run in (their ServiceAccounts, Deployments, caches). */
export const ACK_SYSTEM_NAMESPACE = 'ack-system';

/** Suffix of the ACK API groups: `<service>.services.k8s.aws`. */
export const ACK_GROUP_SUFFIX = '.services.k8s.aws';

/** API group of the ACK runtime's own kinds (AdoptedResource, FieldExport), shipped by every ACK chart. */
export const ACK_RUNTIME_GROUP = 'services.k8s.aws';

/** The IAM permissions one controller's role needs (attached to the role, resource `*` unless noted). */
export interface AckIamPermissions {
  /** AWS managed policy to attach, when ACK recommends one (its `config/iam/recommended-policy-arn`). */
  readonly managedPolicyArn?: string;
  /** Actions of the inline policy to put on the role, when no managed policy is recommended. */
  readonly inlineActions: readonly string[];
  /** Where the list comes from and what was left out on purpose. */
  readonly basis: string;
}

/** One ACK service controller this project installs. */
export interface AckController {
  /** ACK service name, e.g. `wafv2`: chart `<service>-chart`, API group `<service>.services.k8s.aws`. */
  readonly service: string;
  /** Exact chart version; the controller image and the CRDs have the same version (tag `v<version>`). */
  readonly chartVersion: string;
  /** The permissions of the controller's IAM role (created before Argo CD, see docs/gitops.md). */
  readonly iam: AckIamPermissions;
}

/**
 * The pinned ACK controllers, in install order. Versions match the CRDs the render is validated against
 * (/work/shared/reference/ack/README.md): bump the CRD reference and this table together.
 */
export const ACK_CONTROLLERS: readonly AckController[] = [
  {
    service: 'iam',
    chartVersion: '1.8.1',
    iam: {
      inlineActions: [
        'iam:GetRole',
        'iam:CreateRole',
        'iam:DeleteRole',
        'iam:UpdateRole',
        'iam:UpdateAssumeRolePolicy',
        'iam:PutRolePermissionsBoundary',
        'iam:ListRoleTags',
        'iam:TagRole',
        'iam:UntagRole',
        'iam:ListAttachedRolePolicies',
        'iam:AttachRolePolicy',
        'iam:DetachRolePolicy',
        'iam:ListRolePolicies',
        'iam:GetRolePolicy',
        'iam:PutRolePolicy',
        'iam:DeleteRolePolicy',
        'iam:GetPolicy',
        'iam:CreatePolicy',
        'iam:DeletePolicy',
        'iam:GetPolicyVersion',
        'iam:CreatePolicyVersion',
        'iam:DeletePolicyVersion',
        'iam:ListPolicyVersions',
        'iam:ListPolicyTags',
        'iam:TagPolicy',
        'iam:UntagPolicy',
      ],
      basis:
        'ACK iam-controller recommended inline policy (config/iam/recommended-inline-policy), restricted to the Role and ' +
        'Policy actions: PMS renders no Group, User or OpenIDConnectProvider. This role can grant any permission ' +
        'through the roles it creates: scope Resource to the role and policy names the cluster renders and/or add a ' +
        'permissions boundary.',
    },
  },
  {
    service: 'acm',
    chartVersion: '1.3.4',
    iam: {
      inlineActions: [
        'acm:DescribeCertificate',
        'acm:RequestCertificate',
        'acm:UpdateCertificateOptions',
        'acm:DeleteCertificate',
        'acm:AddTagsToCertificate',
        'acm:RemoveTagsFromCertificate',
        'acm:ListTagsForCertificate',
      ],
      basis:
        'ACK acm-controller recommended inline policy (config/iam/recommended-inline-policy), public-certificate ' +
        'statement without acm:ImportCertificate and acm:ExportCertificate, and without the acm-pca statement: PMS ' +
        'requests public, DNS-validated certificates only.',
    },
  },
  {
    service: 'wafv2',
    chartVersion: '1.4.2',
    iam: {
      managedPolicyArn: 'arn:aws:iam::aws:policy/AWSWAFFullAccess',
      inlineActions: [],
      basis: 'ACK wafv2-controller recommended managed policy (config/iam/recommended-policy-arn).',
    },
  },
  {
    service: 'cloudwatch',
    chartVersion: '1.8.1',
    iam: {
      inlineActions: [
        'cloudwatch:PutMetricAlarm',
        'cloudwatch:DescribeAlarms',
        'cloudwatch:DeleteAlarms',
        'cloudwatch:PutDashboard',
        'cloudwatch:GetDashboard',
        'cloudwatch:DeleteDashboards',
        'cloudwatch:TagResource',
        'cloudwatch:UntagResource',
        'cloudwatch:ListTagsForResource',
      ],
      basis:
        'The CloudWatch API calls of the two kinds PMS renders (MetricAlarm, Dashboard) and their tags. ' +
        'arn:aws:iam::aws:policy/CloudWatchFullAccessV2 covers them too, with far more.',
    },
  },
];

/** API group of a controller's kinds: `<service>.services.k8s.aws`. */
export function ackGroup(controller: Pick<AckController, 'service'>): string {
  return `${controller.service}${ACK_GROUP_SUFFIX}`;
}

/** Helm chart name in the ACK registry: `<service>-chart`. */
export function ackChartName(controller: Pick<AckController, 'service'>): string {
  return `${controller.service}-chart`;
}

/** Helm release name, and the ServiceAccount the chart creates: `ack-<service>-controller` (the chart's default). */
export function ackReleaseName(controller: Pick<AckController, 'service'>): string {
  return `ack-${controller.service}-controller`;
}

/** Argo CD Application name: `<cluster>-ack-<service>-controller`. */
export function ackApplicationName(cluster: Pick<ClusterSettings, 'name'>, controller: Pick<AckController, 'service'>): string {
  return `${cluster.name}-${ackReleaseName(controller)}`;
}

/** The CRDs Application of a cluster: `<cluster>-ack-crds`. */
export function ackCrdsApplicationName(cluster: Pick<ClusterSettings, 'name'>): string {
  return `${cluster.name}-ack-crds`;
}

/** Name of a controller's IAM role (created at bootstrap, not by ACK): `<cluster>-ack-<service>-controller`. */
export function ackRoleName(cluster: Pick<ClusterSettings, 'name'>, controller: Pick<AckController, 'service'>): string {
  return `${cluster.name}-${ackReleaseName(controller)}`;
}

/** ARN of a controller's IAM role, as annotated on its ServiceAccount (IRSA). */
export function ackRoleArn(cluster: Pick<ClusterSettings, 'name' | 'aws'>, controller: Pick<AckController, 'service'>): string {
  return `arn:aws:iam::${cluster.aws.accountId}:role/${ackRoleName(cluster, controller)}`;
}

/** The IRSA subject the role must trust: `system:serviceaccount:ack-system:ack-<service>-controller`. */
export function ackServiceAccountSubject(controller: Pick<AckController, 'service'>): string {
  return `system:serviceaccount:${ACK_SYSTEM_NAMESPACE}:${ackReleaseName(controller)}`;
}

/** Sync wave of the CRDs Application: one before the controllers, so the CRDs exist when they start. */
export const ACK_CRDS_WAVE = SyncWave.platform - 1;

/** One kind of object an ACK chart renders with `ackControllerValues`, and where. */
export interface AckChartObject extends GroupKind {
  /** `cluster`: cluster-scoped; `release`: in `ack-system`; `watched`: in each watched namespace (`pms-aws`). */
  readonly scope: 'cluster' | 'release' | 'watched';
  /** What it is for. */
  readonly purpose: string;
}

const rbac = (kind: string, scope: AckChartObject['scope'], purpose: string): AckChartObject => ({
  group: 'rbac.authorization.k8s.io',
  kind,
  scope,
  purpose,
});

/**
 * What an ACK chart renders with `installScope: namespace` (the templates generated by ACK's code-generator),
 * plus the CRDs of the CRDs Application. The AppProject permits exactly these kinds for the ACK Applications;
 * revisit on every chart bump.
 */
export const ACK_CHART_OBJECTS: readonly AckChartObject[] = [
  { group: 'apiextensions.k8s.io', kind: 'CustomResourceDefinition', scope: 'cluster', purpose: 'the CRDs (CRDs Application)' },
  rbac('ClusterRole', 'cluster', 'read Namespaces (region and account annotations)'),
  rbac('ClusterRoleBinding', 'cluster', 'binds it to the ServiceAccount'),
  { group: '', kind: 'ServiceAccount', scope: 'release', purpose: 'the controller identity, IRSA role annotation' },
  { group: 'apps', kind: 'Deployment', scope: 'release', purpose: 'the controller' },
  rbac('Role', 'release', 'read ConfigMaps in ack-system; reader/writer roles of the chart'),
  rbac('RoleBinding', 'release', 'binds it to the ServiceAccount'),
  rbac('Role', 'watched', 'manage the service kinds in pms-aws'),
  rbac('RoleBinding', 'watched', 'binds it to the ServiceAccount'),
];

/** The chart values this project sets (ACK chart `values.yaml`); everything else keeps the chart default. */
export interface AckControllerValues {
  /** AWS API settings. */
  readonly aws: {
    /** The cluster's region (resources may still pin theirs with `services.k8s.aws/region`). */
    readonly region: string;
  };
  /** `namespace`: RBAC and watch limited to `watchNamespace` (the chart's default is the whole cluster). */
  readonly installScope: 'namespace';
  /** `pms-aws`: the only namespace with ACK objects; also where the chart's controller Role is created. */
  readonly watchNamespace: string;
  /**
   * `retain`: the controller's default, so an object without its own policy never deletes its AWS resource. An
   * object's `services.k8s.aws/deletion-policy` annotation overrides it: the web ACL, certificate and IAM objects
   * carry `retain`; the CloudWatch dashboard and alarms carry `delete`, so a pruned alarm does not keep paging.
   */
  readonly deletionPolicy: 'retain';
  /** Only the kinds the cluster renders are reconciled (derived; the charts' defaults differ by version). */
  readonly reconcile: {
    /** Kind names, e.g. `MetricAlarm`. */
    readonly resources: readonly string[];
  };
  /** The ServiceAccount the IAM role trusts (IRSA). */
  readonly serviceAccount: {
    /** Created by the chart. */
    readonly create: true;
    /** `ack-<service>-controller`: the subject in the IAM role's trust policy. */
    readonly name: string;
    /** `eks.amazonaws.com/role-arn`: the controller's IAM role. */
    readonly annotations: { readonly 'eks.amazonaws.com/role-arn': string };
  };
}

/** Strict shape of `AckControllerValues`: Helm ignores unknown values silently, so a typo must fail here. */
export const ACK_VALUES_SHAPE: Shape = object<AckControllerValues>({
  aws: object<AckControllerValues['aws']>({ region: string }),
  installScope: oneOf(['namespace']),
  watchNamespace: string,
  deletionPolicy: oneOf(['retain']),
  reconcile: object<AckControllerValues['reconcile']>({ resources: array(string) }),
  serviceAccount: object<AckControllerValues['serviceAccount']>({ create: boolean, name: string, annotations: map(string) }),
});

/** The typed chart values of one controller in one cluster, reconciling `kinds`. */
export function ackControllerValues(
  cluster: ClusterSettings,
  controller: AckController,
  kinds: readonly string[],
): AckControllerValues {
  return {
    aws: { region: cluster.aws.region },
    installScope: 'namespace',
    watchNamespace: AWS_RESOURCES_NAMESPACE,
    deletionPolicy: 'retain',
    reconcile: { resources: [...kinds] },
    serviceAccount: {
      create: true,
      name: ackReleaseName(controller),
      annotations: { 'eks.amazonaws.com/role-arn': ackRoleArn(cluster, controller) },
    },
  };
}

/** The ACK controllers a cluster needs, with the kinds of each it renders. */
export interface AckUsage {
  /** The controller. */
  readonly controller: AckController;
  /** Kinds of the controller's group the cluster renders, sorted. */
  readonly kinds: readonly string[];
}

/**
 * The controllers `manifests` need: one per ACK API group in use, in `ACK_CONTROLLERS` order. Refuses an ACK
 * group no controller here serves (its objects would never be reconciled).
 */
export function ackUsage(
  cluster: Pick<ClusterSettings, 'name'>,
  manifests: readonly Pick<Manifest, 'apiVersion' | 'kind'>[],
  controllers: readonly AckController[] = ACK_CONTROLLERS,
): AckUsage[] {
  const kindsByGroup = new Map<string, Set<string>>();
  for (const manifest of manifests) {
    const group = apiGroup(manifest);
    if (!group.endsWith(ACK_GROUP_SUFFIX)) continue;
    kindsByGroup.set(group, (kindsByGroup.get(group) ?? new Set()).add(manifest.kind));
  }
  const unknown = [...kindsByGroup.keys()].filter((group) => !controllers.some((c) => ackGroup(c) === group)).sort();
  if (unknown.length > 0) {
    throw new ConfigError({
      cluster: cluster.name,
      field: 'ack.controllers',
      value: unknown,
      problem: 'rendered ACK objects of a group no installed controller reconciles',
      allowed: `groups of ${controllers.map(ackGroup).join(', ')} (add the controller to ACK_CONTROLLERS in apps/argocd/src/ack-controllers.ts)`,
    });
  }
  return controllers
    .filter((controller) => kindsByGroup.has(ackGroup(controller)))
    .map((controller) => ({ controller, kinds: [...kindsByGroup.get(ackGroup(controller))!].sort() }));
}

/** Sync options of an ACK controller Application. */
export const ACK_SYNC_OPTIONS: readonly SyncOption[] = [
  'ServerSideApply=true',
  'PruneLast=true',
  'FailOnSharedResource=true',
  'CreateNamespace=false',
];

/** Sync options of the ACK CRDs Application (it creates `ack-system`). */
export const ACK_CRDS_SYNC_OPTIONS: readonly SyncOption[] = ['ServerSideApply=true', 'FailOnSharedResource=true', 'CreateNamespace=true'];

/** Labels of `ack-system`, set by the CRDs Application: the charts' pods run under the restricted Pod Security Standard. */
export const ACK_SYSTEM_NAMESPACE_LABELS: Readonly<Record<string, string>> = {
  ...recommendedLabels(ACK_SYSTEM_NAMESPACE, 'namespace'),
  'pod-security.kubernetes.io/enforce': 'restricted',
};

/** Props of `ackControllerApplication`. */
export interface AckControllerApplicationProps {
  /** The cluster the controller is installed in. */
  readonly cluster: ClusterSettings;
  /** The controller and the kinds it reconciles there (see `ackUsage`). */
  readonly usage: AckUsage;
}

/**
 * The Helm Application of one ACK controller in one cluster, in project `pms`, wave `platform` (with the load
 * balancer controller, before the cluster Applications). Refuses a chart version that is not exact and an
 * empty list of kinds.
 */
export function ackControllerApplication(props: AckControllerApplicationProps): IApplication {
  const { cluster, usage } = props;
  const { controller, kinds } = usage;
  const name = ackApplicationName(cluster, controller);
  const checks = new Checks(cluster.name, `ack.${controller.service}`, `argocd/${name}`);
  checks.matches(
    'chartVersion',
    controller.chartVersion,
    /^\d+\.\d+\.\d+$/,
    'an exact chart version such as 1.8.1 (a range or "latest" would let Argo CD install an unreviewed release)',
  );
  checks.require(kinds.length > 0, 'kinds', kinds, `at least one kind of ${ackGroup(controller)} (an empty list reconciles every kind)`);
  checks.throwIfAny();

  const values = ackControllerValues(cluster, controller, kinds);
  const problems = checkShape(values, ACK_VALUES_SHAPE, 'valuesObject');
  if (problems.length > 0) {
    throw new ConfigError({
      cluster: cluster.name,
      field: `ack.${controller.service}.valuesObject`,
      value: problems.map(formatShapeProblem),
      allowed: 'the ACK chart values listed in ACK_VALUES_SHAPE',
    });
  }

  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    metadata: {
      name,
      namespace: ARGOCD_NAMESPACE,
      labels: { ...recommendedLabels(ackReleaseName(controller), 'ack-controller'), 'app.kubernetes.io/instance': cluster.name },
      annotations: syncWave(SyncWave.platform),
    },
    spec: {
      project: PMS_PROJECT,
      source: {
        repoURL: ACK_CHARTS_REPOSITORY,
        chart: ackChartName(controller),
        targetRevision: controller.chartVersion,
        // The CRDs come from the CRDs Application (the runtime CRDs are in every chart).
        helm: { releaseName: ackReleaseName(controller), skipCrds: true, valuesObject: values as never },
      },
      destination: { name: cluster.name, namespace: ACK_SYSTEM_NAMESPACE },
      syncPolicy: automatedSyncPolicy({ syncOptions: ACK_SYNC_OPTIONS }),
      revisionHistoryLimit: 10,
    },
  };
}

/** The Git source of a controller's CRDs at the release tag of its pinned chart, selected by `include`. */
function crdSource(controller: AckController, include: string): IApplicationSource {
  return {
    repoURL: ackControllerRepository(controller.service),
    targetRevision: `v${controller.chartVersion}`,
    path: 'helm/crds',
    directory: { recurse: false, include },
  };
}

/**
 * The CRDs of the ACK controllers a cluster uses, one source per controller (`<group>_*.yaml` of its chart's
 * `crds/`), plus the ACK runtime's CRDs once, from the first controller. Wave `ACK_CRDS_WAVE`; automated
 * without prune (deleting a CRD deletes every object of its kind: a CRD dropped upstream stays until removed
 * by hand); creates `ack-system` with the restricted Pod Security label.
 */
export function ackCrdsApplication(cluster: Pick<ClusterSettings, 'name'>, usages: readonly AckUsage[]): IApplication {
  const first = usages[0];
  if (!first) {
    throw new ConfigError({
      cluster: cluster.name,
      field: 'ack.controllers',
      value: [],
      allowed: 'at least one ACK controller (a cluster without ACK objects needs no CRDs Application)',
    });
  }
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    metadata: {
      name: ackCrdsApplicationName(cluster),
      namespace: ARGOCD_NAMESPACE,
      labels: { ...recommendedLabels('ack-crds', 'ack-controller'), 'app.kubernetes.io/instance': cluster.name },
      annotations: syncWave(ACK_CRDS_WAVE),
    },
    spec: {
      project: PMS_PROJECT,
      sources: [
        ...usages.map(({ controller }) => crdSource(controller, `${ackGroup(controller)}_*.yaml`)),
        crdSource(first.controller, `${ACK_RUNTIME_GROUP}_*.yaml`),
      ],
      destination: { name: cluster.name, namespace: ACK_SYSTEM_NAMESPACE },
      syncPolicy: {
        ...automatedSyncPolicy({ syncOptions: ACK_CRDS_SYNC_OPTIONS, prune: false }),
        managedNamespaceMetadata: { labels: { ...ACK_SYSTEM_NAMESPACE_LABELS } },
      },
      revisionHistoryLimit: 10,
    },
  };
}
