import { Checks, markdownTable, recommendedLabels, type ClusterSettings, type DocSection } from '@pms/core';
import type { IPolicy, IRole } from '@pms/crd-models';
import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { ackAnnotations, awsTags, AWS_RESOURCES_NAMESPACE } from '../aws-namespace.js';
import {
  CONTROLLER_NAMESPACE,
  CONTROLLER_SERVICE_ACCOUNT,
  controllerRoleArn,
  controllerRoleName,
} from '../controller-identity.js';
import type { ControllerIdentitySettings } from '../settings.js';
import { validateControllerIdentity } from '../validate.js';
import {
  CONTROLLER_FEATURE_VALUES,
  CONTROLLER_POLICY_VERSION,
  controllerPolicyStatements,
  ADDED_CONTROLLER_ACTIONS,
  OMITTED_CONTROLLER_ACTIONS,
} from './controller-policy.js';
import { distinctActions, policyJson } from './policy-document.js';
import { CONTROLLER_SUBJECT, controllerTrustStatements, oidcProviderArn } from './trust-policy.js';

/** Path of the plain JSON policy document inside the cluster's output folder. */
export const CONTROLLER_POLICY_FILE = 'iam/aws-load-balancer-controller-policy.json';

/** Props of `ControllerIam`. */
export interface ControllerIamProps {
  /** The cluster's shared settings (account, region, EKS cluster name). */
  readonly cluster: ClusterSettings;
  /** How the controller's pods assume the role. */
  readonly identity: ControllerIdentitySettings;
}

/**
 * The AWS Load Balancer Controller's IAM: an ACK `Policy` holding the controller's permissions and an ACK
 * `Role` (`<cluster>-aws-load-balancer-controller`) that attaches it and trusts only the controller's
 * ServiceAccount. The same policy is also rendered as a plain JSON document (`extraFiles`).
 */
export class ControllerIam extends Construct {
  /** Name of the IAM role (and of the IAM policy). */
  readonly roleName: string;
  /** ARN of the role, as annotated on the controller's ServiceAccount. */
  readonly roleArn: string;
  /** The policy document, pretty JSON. */
  readonly policyDocument: string;
  /** Extra files for the cluster's output folder: path → content. */
  readonly extraFiles: ReadonlyMap<string, string>;
  /** Generated README section summarising the IAM objects. */
  readonly docs: DocSection;

  constructor(scope: Construct, id: string, props: ControllerIamProps) {
    super(scope, id);
    const { cluster, identity } = props;
    const checks = Checks.for(this, 'security.controllerIdentity');
    validateControllerIdentity(identity, checks);
    checks.throwIfAny();

    this.roleName = controllerRoleName(cluster);
    this.roleArn = controllerRoleArn(cluster);
    const statements = controllerPolicyStatements(cluster);
    this.policyDocument = policyJson(statements);
    this.extraFiles = new Map([[CONTROLLER_POLICY_FILE, `${this.policyDocument}\n`]]);

    new ApiObject(this, 'policy', {
      apiVersion: 'iam.services.k8s.aws/v1alpha1',
      kind: 'Policy',
      metadata: {
        name: this.roleName,
        namespace: AWS_RESOURCES_NAMESPACE,
        labels: recommendedLabels(this.roleName, 'iam-policy'),
        annotations: ackAnnotations(cluster),
      },
      spec: {
        name: this.roleName,
        description: `AWS Load Balancer Controller ${CONTROLLER_POLICY_VERSION} permissions for ${cluster.name} (pms-gitops)`,
        policyDocument: this.policyDocument,
        tags: awsTags(cluster, 'iam-policy'),
      },
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
      spec: {
        name: this.roleName,
        description: `Assumed by ${CONTROLLER_SUBJECT} in ${cluster.name}`,
        assumeRolePolicyDocument: policyJson(controllerTrustStatements(cluster, identity)),
        maxSessionDuration: 3600,
        // Same namespace as the Role: no cross-namespace reference (ACK's --enable-cross-namespace-references) needed.
        policyRefs: [{ from: { name: this.roleName } }],
        tags: awsTags(cluster, 'iam-role'),
      },
    } satisfies IRole);

    const actions = distinctActions(statements);
    const byService = new Map<string, number>();
    for (const action of actions) {
      const service = action.split(':')[0]!;
      byService.set(service, (byService.get(service) ?? 0) + 1);
    }
    const trust =
      identity.mode === 'irsa'
        ? `IRSA: web identity from \`${oidcProviderArn(cluster, identity.oidcProviderId)}\`, subject \`${CONTROLLER_SUBJECT}\`, audience \`sts.amazonaws.com\`.`
        : `EKS Pod Identity: \`pods.eks.amazonaws.com\`, session tags eks-cluster-name \`${cluster.eksClusterName}\`, namespace \`${CONTROLLER_NAMESPACE}\`, ServiceAccount \`${CONTROLLER_SERVICE_ACCOUNT}\`. ` +
          `Create the pod identity association once: \`aws eks create-pod-identity-association --cluster-name ${cluster.eksClusterName} --namespace ${CONTROLLER_NAMESPACE} --service-account ${CONTROLLER_SERVICE_ACCOUNT} --role-arn ${this.roleArn}\`.`;
    this.docs = {
      title: 'Load balancer controller IAM',
      order: 530,
      body: [
        `ACK \`Policy\` and \`Role\` \`${AWS_RESOURCES_NAMESPACE}/${this.roleName}\` → role \`${this.roleArn}\`.`,
        `Trust: ${trust}`,
        `Permissions: the official AWS Load Balancer Controller ${CONTROLLER_POLICY_VERSION} policy with its \`${'elbv2.k8s.aws/cluster'}\` tag conditions ` +
          `(${statements.length} statements, ${actions.length} distinct actions: ` +
          [...byService].map(([service, count]) => `${service} ${count}`).join(', ') +
          `), resource ARNs narrowed to \`${cluster.aws.region}\` / \`${cluster.aws.accountId}\`. ` +
          `The same document, as plain JSON for teams that create IAM elsewhere: \`${CONTROLLER_POLICY_FILE}\`.`,
        'Deliberately omitted (least privilege):',
        markdownTable(
          ['action', 'why not needed', 'kept unneeded by'],
          OMITTED_CONTROLLER_ACTIONS.map((omitted) => [
            `\`${omitted.action}\``,
            omitted.reason,
            omitted.enforcedBy,
          ]),
        ),
        'Added to the official policy (it lacks them, the controller calls them for a feature PMS uses):',
        markdownTable(
          ['action', 'why'],
          ADDED_CONTROLLER_ACTIONS.map((added) => [`\`${added.action}\``, added.reason]),
        ),
        `The controller's chart must set ${Object.entries(CONTROLLER_FEATURE_VALUES)
          .map(([key, value]) => `\`${key}: ${value}\``)
          .join(', ')}.`,
      ].join('\n\n'),
    };
  }
}
