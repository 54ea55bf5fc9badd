/**
 * The catalogue of ACK service controllers: which ones this project installs, their pinned chart versions
 * and IAM permissions, the names derived from them, what their charts render (CRDs included), and which of
 * them a cluster needs given what it renders.
 */
import { ConfigError, apiGroup, type ClusterSettings, type Manifest } from '@pms/core';
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
      inlineActions: [
        'wafv2:GetWebACL',
        'wafv2:CreateWebACL',
        'wafv2:UpdateWebACL',
        'wafv2:DeleteWebACL',
        'wafv2:GetLoggingConfiguration',
        'wafv2:TagResource',
      ],
      basis:
        'The WebACL calls of ACK wafv2-controller v1.4.2 (pkg/resource/web_acl/sdk.go and hooks.go): GetWebACL to read, ' +
        'GetLoggingConfiguration on every read (only WAFNonexistentItemException is tolerated, so AccessDenied fails the ' +
        'reconcile), CreateWebACL (tags passed on create: TagResource for tag-on-create authorisation), UpdateWebACL with ' +
        'the lock token, DeleteWebACL. Replaces the recommended AWSWAFFullAccess (wafv2:* and more): PMS renders one ' +
        'WebACL with no logging configuration, IP sets or rule groups of its own. Resource `*` covers the AWS managed rule ' +
        'groups the ACL references.',
    },
  },
  {
    service: 's3',
    chartVersion: '1.10.0',
    iam: {
      inlineActions: [
        's3:ListAllMyBuckets',
        's3:CreateBucket',
        's3:DeleteBucket',
        's3:GetBucketABAC',
        's3:GetAccelerateConfiguration',
        's3:GetAnalyticsConfiguration',
        's3:GetBucketAcl',
        's3:GetBucketCORS',
        's3:GetEncryptionConfiguration',
        's3:GetIntelligentTieringConfiguration',
        's3:GetInventoryConfiguration',
        's3:GetLifecycleConfiguration',
        's3:GetBucketLogging',
        's3:GetMetricsConfiguration',
        's3:GetBucketNotification',
        's3:GetBucketOwnershipControls',
        's3:GetBucketPolicy',
        's3:GetBucketPublicAccessBlock',
        's3:GetReplicationConfiguration',
        's3:GetBucketRequestPayment',
        's3:GetBucketTagging',
        's3:GetBucketVersioning',
        's3:GetBucketWebsite',
        's3:GetBucketObjectLockConfiguration',
        's3:PutEncryptionConfiguration',
        's3:PutBucketPublicAccessBlock',
        's3:PutBucketOwnershipControls',
        's3:PutLifecycleConfiguration',
        's3:PutBucketPolicy',
        's3:DeleteBucketPolicy',
        's3:PutBucketTagging',
      ],
      basis:
        'The Bucket calls of ACK s3-controller v1.10.0 (pkg/resource/bucket/hook.go, sdk.go): ListBuckets to find it; on ' +
        'every read addPutFieldsToSpec calls about twenty Get/List APIs whatever the spec sets (AccessDenied on any fails ' +
        'the reconcile), so all their permissions are here; CreateBucket (with ObjectOwnership: PutBucketOwnershipControls); ' +
        'and the Puts for the fields PMS sets (encryption, public access block, ownership controls, lifecycle, policy, ' +
        'tagging), each only when it differs. IAM names from the S3 API reference (GetBucketAbac assumed s3:GetBucketABAC like ' +
        's3:PutBucketABAC); re-check hook.go on every upgrade. Replaces the recommended AmazonS3FullAccess / inline s3:*: no ' +
        'object access, no replication (no iam:PassRole). Scope Resource to the cluster’s bucket ARN where IAM is created.',
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

/** Name of a controller's IAM role (created at bootstrap, not by ACK): `<cluster>-ack-<service>-controller`. */
export function ackRoleName(
  cluster: Pick<ClusterSettings, 'name'>,
  controller: Pick<AckController, 'service'>,
): string {
  return `${cluster.name}-${ackReleaseName(controller)}`;
}

/** ARN of a controller's IAM role, as annotated on its ServiceAccount (IRSA). */
export function ackRoleArn(
  cluster: Pick<ClusterSettings, 'name' | 'aws'>,
  controller: Pick<AckController, 'service'>,
): string {
  return `arn:aws:iam::${cluster.aws.accountId}:role/${ackRoleName(cluster, controller)}`;
}

/** The IRSA subject the role must trust: `system:serviceaccount:ack-system:ack-<service>-controller`. */
export function ackServiceAccountSubject(controller: Pick<AckController, 'service'>): string {
  return `system:serviceaccount:${ACK_SYSTEM_NAMESPACE}:${ackReleaseName(controller)}`;
}

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
  {
    group: 'apiextensions.k8s.io',
    kind: 'CustomResourceDefinition',
    scope: 'cluster',
    purpose: 'the CRDs (CRDs Application)',
  },
  rbac('ClusterRole', 'cluster', 'read Namespaces (region and account annotations)'),
  rbac('ClusterRoleBinding', 'cluster', 'binds it to the ServiceAccount'),
  {
    group: '',
    kind: 'ServiceAccount',
    scope: 'release',
    purpose: 'the controller identity, IRSA role annotation',
  },
  { group: 'apps', kind: 'Deployment', scope: 'release', purpose: 'the controller' },
  rbac('Role', 'release', 'read ConfigMaps in ack-system; reader/writer roles of the chart'),
  rbac('RoleBinding', 'release', 'binds it to the ServiceAccount'),
  rbac('Role', 'watched', 'manage the service kinds in pms-aws'),
  rbac('RoleBinding', 'watched', 'binds it to the ServiceAccount'),
];
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
  const unknown = [...kindsByGroup.keys()]
    .filter((group) => !controllers.some((c) => ackGroup(c) === group))
    .sort();
  if (unknown.length > 0) {
    throw new ConfigError({
      cluster: cluster.name,
      field: 'ack.controllers',
      value: unknown,
      problem: 'rendered ACK objects of a group no installed controller reconciles',
      allowed: `groups of ${controllers.map(ackGroup).join(', ')} (add the controller to ACK_CONTROLLERS in apps/argocd/src/ack-catalogue.ts)`,
    });
  }
  return controllers
    .filter((controller) => kindsByGroup.has(ackGroup(controller)))
    .map((controller) => ({ controller, kinds: [...kindsByGroup.get(ackGroup(controller))!].sort() }));
}
