/**
 * external-dns's IAM: an ACK `Policy` and `Role` (`<cluster>-external-dns`) like the load balancer controller's, so
 * the role is created from this repository by the ACK IAM controller and trusts only external-dns's ServiceAccount.
 *
 * Least privilege, from external-dns's AWS tutorial (docs/tutorials/aws.md, "IAM Policy"), narrowed as it suggests
 * ("tightening them down following the principle of least privilege"): record sets may be listed and changed in the
 * cluster's hosted zone only (`arn:aws:route53:::hostedzone/<dns.hostedZoneId>`, not `hostedzone/*`);
 * `ListHostedZones` stays on `*` (the action has no resource-level permission; the provider lists the zones and keeps
 * those matching `--zone-id-filter` and `--domain-filter`, `provider/aws/aws.go` `zones()`). The tutorial's
 * `route53:ListTagsForResources` is left out: the provider calls it only to filter zones by tag
 * (`--aws-zone-tags`, `zones()`: `if !p.zoneTagFilter.IsEmpty()`), which PMS does not use.
 *
 * Not narrowed further by record name (Route 53's `route53:ChangeResourceRecordSetsNormalizedRecordNames` condition
 * key): the TXT registry's ownership records get names derived from the record type external-dns chooses per
 * endpoint (`registry/txt`: `<type>-<name>`, an ALIAS written as `cname-`), for the cluster's host and for every
 * legacy DNSEndpoint; a list that missed one would make external-dns fail the whole change batch. The zone and the
 * domain filter (`--domain-filter=<host>`) bound it instead.
 *
 * Both objects are typed by the models generated from ACK's CRDs (`externalDnsPolicySpec`, `externalDnsRoleSpec`;
 * external-dns-iam.test-d.ts).
 */
import { Checks, recommendedLabels, type ClusterSettings, type DocSection } from '@pms/core';
import type { IPolicy, IPolicySpec, IRole, IRoleSpec } from '@pms/crd-models';
import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { ackAnnotations, awsTags, AWS_RESOURCES_NAMESPACE } from '../aws-namespace.js';
import { arnIn } from '../partition.js';
import type { ControllerIdentitySettings } from '../settings.js';
import { validateControllerIdentity } from '../validate.js';
import { distinctActions, policyJson, type PolicyStatement } from './policy-document.js';
import { oidcProviderArn, serviceAccountSubject, serviceAccountTrustStatements } from './trust-policy.js';

/** Namespace external-dns runs in (its Argo CD Application's destination; created by that Application). */
export const EXTERNAL_DNS_NAMESPACE = 'external-dns';
/** ServiceAccount external-dns runs as: the chart's full name for release `external-dns`. */
export const EXTERNAL_DNS_SERVICE_ACCOUNT = 'external-dns';

/** Name of external-dns's IAM role (and policy): `<cluster>-external-dns`. */
export function externalDnsRoleName(cluster: Pick<ClusterSettings, 'name'>): string {
  return `${cluster.name}-external-dns`;
}

/** ARN of external-dns's IAM role, as annotated on its ServiceAccount (IRSA). */
export function externalDnsRoleArn(cluster: Pick<ClusterSettings, 'name' | 'aws'>): string {
  return arnIn(cluster.aws.region, 'iam', '', cluster.aws.accountId, `role/${externalDnsRoleName(cluster)}`);
}

/** ARN of a Route 53 hosted zone (global: no region, no account), in the region's partition. */
export function hostedZoneArn(region: string, hostedZoneId: string): string {
  return arnIn(region, 'route53', '', '', `hostedzone/${hostedZoneId}`);
}

/** The statements of external-dns's policy: record sets of one zone, and the zone list. */
export function externalDnsPolicyStatements(
  cluster: Pick<ClusterSettings, 'aws'>,
  hostedZoneId: string,
): PolicyStatement[] {
  return [
    {
      sid: 'RecordSetsOfTheClusterZone',
      effect: 'Allow',
      actions: ['route53:ChangeResourceRecordSets', 'route53:ListResourceRecordSets'],
      resources: [hostedZoneArn(cluster.aws.region, hostedZoneId)],
    },
    {
      sid: 'ListHostedZones',
      effect: 'Allow',
      actions: ['route53:ListHostedZones'],
      resources: ['*'],
    },
  ];
}

/** The `spec` of external-dns's ACK Policy, typed by the model generated from ACK's CRD. */
export function externalDnsPolicySpec(cluster: ClusterSettings, hostedZoneId: string): IPolicySpec {
  return {
    name: externalDnsRoleName(cluster),
    description: `external-dns: record sets of hosted zone ${hostedZoneId} for ${cluster.name} (pms-gitops)`,
    policyDocument: policyJson(externalDnsPolicyStatements(cluster, hostedZoneId)),
    tags: awsTags(cluster, 'iam-policy'),
  };
}

/** The `spec` of external-dns's ACK Role (trusting only its ServiceAccount), typed by the generated model. */
export function externalDnsRoleSpec(
  cluster: ClusterSettings,
  identity: ControllerIdentitySettings,
): IRoleSpec {
  const name = externalDnsRoleName(cluster);
  const trust = serviceAccountTrustStatements(cluster, identity, {
    namespace: EXTERNAL_DNS_NAMESPACE,
    serviceAccount: EXTERNAL_DNS_SERVICE_ACCOUNT,
    sid: 'ExternalDnsServiceAccount',
  });
  return {
    name,
    description: `Assumed by ${serviceAccountSubject(EXTERNAL_DNS_NAMESPACE, EXTERNAL_DNS_SERVICE_ACCOUNT)} in ${cluster.name}`,
    assumeRolePolicyDocument: policyJson(trust),
    maxSessionDuration: 3600,
    policyRefs: [{ from: { name } }],
    tags: awsTags(cluster, 'iam-role'),
  };
}

/** Props of `ExternalDnsIam`. */
export interface ExternalDnsIamProps {
  /** The cluster's shared settings (account, region, EKS cluster name). */
  readonly cluster: ClusterSettings;
  /** How pods of the cluster assume roles (the same OIDC provider or Pod Identity as the controller's). */
  readonly identity: ControllerIdentitySettings;
  /** The hosted zone external-dns may change (`dns.hostedZoneId`, validated by the ingress concern). */
  readonly hostedZoneId: string;
}

/** external-dns's ACK IAM Policy and Role. */
export class ExternalDnsIam extends Construct {
  /** Name of the role (and of the policy). */
  readonly roleName: string;
  /** ARN of the role. */
  readonly roleArn: string;
  /** README section. */
  readonly docs: DocSection;

  constructor(scope: Construct, id: string, props: ExternalDnsIamProps) {
    super(scope, id);
    const { cluster, identity, hostedZoneId } = props;
    const checks = Checks.for(this, 'security.controllerIdentity');
    validateControllerIdentity(identity, checks);
    checks.throwIfAny();

    this.roleName = externalDnsRoleName(cluster);
    this.roleArn = externalDnsRoleArn(cluster);
    const statements = externalDnsPolicyStatements(cluster, hostedZoneId);
    const subject = serviceAccountSubject(EXTERNAL_DNS_NAMESPACE, EXTERNAL_DNS_SERVICE_ACCOUNT);

    new ApiObject(this, 'policy', {
      apiVersion: 'iam.services.k8s.aws/v1alpha1',
      kind: 'Policy',
      metadata: {
        name: this.roleName,
        namespace: AWS_RESOURCES_NAMESPACE,
        labels: recommendedLabels(this.roleName, 'iam-policy'),
        annotations: ackAnnotations(cluster),
      },
      spec: externalDnsPolicySpec(cluster, hostedZoneId),
    } satisfies IPolicy);
    new ApiObject(this, 'role', {
      apiVersion: 'iam.services.k8s.aws/v1alpha1',
      kind: 'Role',
      metadata: {
        name: this.roleName,
        namespace: AWS_RESOURCES_NAMESPACE,
        labels: recommendedLabels(this.roleName, 'iam-role'),
        annotations: ackAnnotations(cluster),
      },
      spec: externalDnsRoleSpec(cluster, identity),
    } satisfies IRole);

    const how =
      identity.mode === 'irsa'
        ? `IRSA: web identity from \`${oidcProviderArn(cluster, identity.oidcProviderId)}\`, subject \`${subject}\`.`
        : `EKS Pod Identity, namespace \`${EXTERNAL_DNS_NAMESPACE}\`, ServiceAccount \`${EXTERNAL_DNS_SERVICE_ACCOUNT}\`: \`aws eks create-pod-identity-association --cluster-name ${cluster.eksClusterName} --namespace ${EXTERNAL_DNS_NAMESPACE} --service-account ${EXTERNAL_DNS_SERVICE_ACCOUNT} --role-arn ${this.roleArn}\`.`;
    this.docs = {
      title: 'external-dns IAM',
      order: 531,
      body: [
        `ACK \`Policy\` and \`Role\` \`${AWS_RESOURCES_NAMESPACE}/${this.roleName}\` → role \`${this.roleArn}\`. Trust: ${how}`,
        `Permissions (${distinctActions(statements).join(', ')}): ${statements
          .map(
            (s) => `${s.actions.map((a) => `\`${a}\``).join(', ')} on \`${(s.resources ?? []).join(', ')}\``,
          )
          .join(
            '; ',
          )}. Record sets of hosted zone \`${hostedZoneId}\` only (\`dns.hostedZoneId\`); \`ListHostedZones\` has no resource-level permission. Not granted: \`route53:ListTagsForResources\` (only for \`--aws-zone-tags\`, unused), any other zone.`,
      ].join('\n\n'),
    };
  }
}
