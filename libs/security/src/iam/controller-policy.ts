/**
 * The AWS Load Balancer Controller's IAM policy as data: the official policy of v2.17.1 (unchanged in v3.5.0),
 * statement by statement with its tag conditions, minus the actions listed in `OMITTED_CONTROLLER_ACTIONS`, plus
 * those in `ADDED_CONTROLLER_ACTIONS`, with resource ARNs narrowed to the cluster's partition, region and account.
 */
import type { ClusterSettings } from '@pms/core';
import { AlbAnnotation } from '@pms/ingress';
import { arnIn } from '../partition.js';
import type { IamAction, IamConditions, PolicyStatement } from './policy-document.js';

/** Controller version the policy is taken from (the chart pins the matching version). */
export const CONTROLLER_POLICY_VERSION = 'v2.17.1';

/** The tag the controller puts on everything it creates; the conditions below key on it. */
export const CONTROLLER_CLUSTER_TAG = 'elbv2.k8s.aws/cluster';

const requestTagPresent: IamConditions = { Null: { [`aws:RequestTag/${CONTROLLER_CLUSTER_TAG}`]: 'false' } };
const resourceTagPresent: IamConditions = {
  Null: { [`aws:ResourceTag/${CONTROLLER_CLUSTER_TAG}`]: 'false' },
};
/** Tags may change on resources the controller owns, but a request may not remove or set its ownership tag. */
const ownedAndNotRetagged: IamConditions = {
  Null: {
    [`aws:RequestTag/${CONTROLLER_CLUSTER_TAG}`]: 'true',
    [`aws:ResourceTag/${CONTROLLER_CLUSTER_TAG}`]: 'false',
  },
};

/** An action of the official policy this project leaves out, and why that is safe here. */
export interface OmittedAction {
  /** The action. */
  readonly action: IamAction;
  /** Why the controller does not need it in PMS. */
  readonly reason: string;
  /** What keeps it unneeded (a chart value, a policy gate rule). */
  readonly enforcedBy: string;
}

const wafClassic = (action: string): OmittedAction => ({
  action: `waf-regional:${action}`,
  reason:
    'AWS WAF Classic is not used: the ALB is protected by a WAFv2 web ACL (WAF Classic reached end of support)',
  enforcedBy:
    'chart value `enableWaf: false`; policy rule `controller-permissions` refuses the `waf-acl-id` annotation',
});
const iamServerCertificate = (action: string): OmittedAction => ({
  action: `iam:${action}`,
  // Re-checked for certificate discovery: LBC v2.17.1 pkg/certs/cert_discovery.go lists and describes ACM
  // certificates only (acm:ListCertificates, acm:DescribeCertificate); no code of v2.17.1 calls IAM's server
  // certificate APIs, which the official policy still grants.
  reason:
    'the controller never reads IAM server certificates: it discovers certificates in ACM (acm:ListCertificates, acm:DescribeCertificate) and otherwise uses the ACM ARN it is given',
  enforcedBy:
    'policy rule `certificate-in-cluster-account` accepts only ACM certificate ARNs of the cluster, or discovery from the Ingress hosts ' +
    `(no IngressClassParams \`spec.certificateArn\` and no Ingress annotation \`${AlbAnnotation.certificateArn}\`)`,
});

/** The official policy's actions this project deliberately omits (least privilege). */
export const OMITTED_CONTROLLER_ACTIONS: readonly OmittedAction[] = [
  wafClassic('GetWebACL'),
  wafClassic('GetWebACLForResource'),
  wafClassic('AssociateWebACL'),
  wafClassic('DisassociateWebACL'),
  {
    action: 'cognito-idp:DescribeUserPoolClient',
    reason: 'the ALB does not authenticate users with Amazon Cognito (the PMS auth service does)',
    enforcedBy: 'policy rule `controller-permissions` refuses `auth-type: cognito`',
  },
  iamServerCertificate('ListServerCertificates'),
  iamServerCertificate('GetServerCertificate'),
];

/** An action this project adds to the official policy, and why. */
export interface AddedAction {
  /** The action. */
  readonly action: IamAction;
  /** What the controller needs it for here, with the code that calls it. */
  readonly reason: string;
}

/** Actions the official v2.17.1 policy lacks but the controller calls for a feature PMS uses. */
export const ADDED_CONTROLLER_ACTIONS: readonly AddedAction[] = [
  {
    action: 'wafv2:ListWebACLs',
    // LBC v2.17.1 pkg/ingress/model_builder.go webACLNameToArnMapper.getArnByName: ListWebACLs (Scope REGIONAL,
    // paged) to resolve IngressClassParams `wafv2AclName`; docs/guide/ingress/annotations.md: "The controller role
    // must allow access to wafv2:ListWebACLs"; absent from docs/install/iam_policy.json at v2.17.1.
    reason:
      'resolves the web ACL the IngressClassParams name (`wafv2AclName`) to its ARN (pkg/ingress/model_builder.go getArnByName)',
  },
];

/**
 * Chart values that keep the controller from calling APIs whose permissions are omitted. The controller's
 * Helm Application must set them.
 */
export const CONTROLLER_FEATURE_VALUES = { enableWaf: false, enableWafv2: true, enableShield: true } as const;

/** The controller's policy statements for one cluster. */
export function controllerPolicyStatements(cluster: Pick<ClusterSettings, 'aws'>): PolicyStatement[] {
  const { region, accountId } = cluster.aws;
  const ec2 = (resource: string) => arnIn(region, 'ec2', region, accountId, resource);
  const elb = (resource: string) => arnIn(region, 'elasticloadbalancing', region, accountId, resource);
  const securityGroups = [ec2('security-group/*')];
  const balancersAndTargetGroups = [
    elb('targetgroup/*/*'),
    elb('loadbalancer/net/*/*'),
    elb('loadbalancer/app/*/*'),
  ];

  return [
    {
      sid: 'CreateElbServiceLinkedRole',
      effect: 'Allow',
      actions: ['iam:CreateServiceLinkedRole'],
      resources: ['*'],
      conditions: { StringEquals: { 'iam:AWSServiceName': 'elasticloadbalancing.amazonaws.com' } },
    },
    {
      sid: 'DescribeNetworkAndLoadBalancers',
      effect: 'Allow',
      actions: [
        'ec2:DescribeAccountAttributes',
        'ec2:DescribeAddresses',
        'ec2:DescribeAvailabilityZones',
        'ec2:DescribeInternetGateways',
        'ec2:DescribeVpcs',
        'ec2:DescribeVpcPeeringConnections',
        'ec2:DescribeSubnets',
        'ec2:DescribeSecurityGroups',
        'ec2:DescribeInstances',
        'ec2:DescribeNetworkInterfaces',
        'ec2:DescribeTags',
        'ec2:GetCoipPoolUsage',
        'ec2:DescribeCoipPools',
        'ec2:GetSecurityGroupsForVpc',
        'ec2:DescribeIpamPools',
        'ec2:DescribeRouteTables',
        'elasticloadbalancing:DescribeLoadBalancers',
        'elasticloadbalancing:DescribeLoadBalancerAttributes',
        'elasticloadbalancing:DescribeListeners',
        'elasticloadbalancing:DescribeListenerCertificates',
        'elasticloadbalancing:DescribeSSLPolicies',
        'elasticloadbalancing:DescribeRules',
        'elasticloadbalancing:DescribeTargetGroups',
        'elasticloadbalancing:DescribeTargetGroupAttributes',
        'elasticloadbalancing:DescribeTargetHealth',
        'elasticloadbalancing:DescribeTags',
        'elasticloadbalancing:DescribeTrustStores',
        'elasticloadbalancing:DescribeListenerAttributes',
        'elasticloadbalancing:DescribeCapacityReservation',
      ],
      resources: ['*'],
    },
    {
      sid: 'ReadCertificatesAndManageWafAndShield',
      effect: 'Allow',
      actions: [
        'acm:ListCertificates',
        'acm:DescribeCertificate',
        'wafv2:GetWebACL',
        'wafv2:GetWebACLForResource',
        // Not in the official policy: see ADDED_CONTROLLER_ACTIONS.
        'wafv2:ListWebACLs',
        'wafv2:AssociateWebACL',
        'wafv2:DisassociateWebACL',
        'shield:GetSubscriptionState',
        'shield:DescribeProtection',
        'shield:CreateProtection',
        'shield:DeleteProtection',
      ],
      resources: ['*'],
    },
    {
      sid: 'ManageSecurityGroupIngress',
      effect: 'Allow',
      actions: ['ec2:AuthorizeSecurityGroupIngress', 'ec2:RevokeSecurityGroupIngress'],
      resources: ['*'],
    },
    { sid: 'CreateSecurityGroups', effect: 'Allow', actions: ['ec2:CreateSecurityGroup'], resources: ['*'] },
    {
      sid: 'TagSecurityGroupsOnCreate',
      effect: 'Allow',
      actions: ['ec2:CreateTags'],
      resources: securityGroups,
      conditions: { StringEquals: { 'ec2:CreateAction': 'CreateSecurityGroup' }, ...requestTagPresent },
    },
    {
      sid: 'TagOwnedSecurityGroups',
      effect: 'Allow',
      actions: ['ec2:CreateTags', 'ec2:DeleteTags'],
      resources: securityGroups,
      conditions: ownedAndNotRetagged,
    },
    {
      sid: 'ManageOwnedSecurityGroups',
      effect: 'Allow',
      actions: [
        'ec2:AuthorizeSecurityGroupIngress',
        'ec2:RevokeSecurityGroupIngress',
        'ec2:DeleteSecurityGroup',
      ],
      resources: ['*'],
      conditions: resourceTagPresent,
    },
    {
      sid: 'CreateTaggedLoadBalancersAndTargetGroups',
      effect: 'Allow',
      actions: ['elasticloadbalancing:CreateLoadBalancer', 'elasticloadbalancing:CreateTargetGroup'],
      resources: ['*'],
      conditions: requestTagPresent,
    },
    {
      sid: 'ManageListenersAndRules',
      effect: 'Allow',
      actions: [
        'elasticloadbalancing:CreateListener',
        'elasticloadbalancing:DeleteListener',
        'elasticloadbalancing:CreateRule',
        'elasticloadbalancing:DeleteRule',
      ],
      resources: ['*'],
    },
    {
      sid: 'TagOwnedLoadBalancersAndTargetGroups',
      effect: 'Allow',
      actions: ['elasticloadbalancing:AddTags', 'elasticloadbalancing:RemoveTags'],
      resources: balancersAndTargetGroups,
      conditions: ownedAndNotRetagged,
    },
    {
      sid: 'TagListenersAndRules',
      effect: 'Allow',
      actions: ['elasticloadbalancing:AddTags', 'elasticloadbalancing:RemoveTags'],
      resources: [
        elb('listener/net/*/*/*'),
        elb('listener/app/*/*/*'),
        elb('listener-rule/net/*/*/*'),
        elb('listener-rule/app/*/*/*'),
      ],
    },
    {
      sid: 'ModifyOwnedLoadBalancersAndTargetGroups',
      effect: 'Allow',
      actions: [
        'elasticloadbalancing:ModifyLoadBalancerAttributes',
        'elasticloadbalancing:SetIpAddressType',
        'elasticloadbalancing:SetSecurityGroups',
        'elasticloadbalancing:SetSubnets',
        'elasticloadbalancing:DeleteLoadBalancer',
        'elasticloadbalancing:ModifyTargetGroup',
        'elasticloadbalancing:ModifyTargetGroupAttributes',
        'elasticloadbalancing:DeleteTargetGroup',
        'elasticloadbalancing:ModifyListenerAttributes',
        'elasticloadbalancing:ModifyCapacityReservation',
        'elasticloadbalancing:ModifyIpPools',
      ],
      resources: ['*'],
      conditions: resourceTagPresent,
    },
    {
      sid: 'TagLoadBalancersAndTargetGroupsOnCreate',
      effect: 'Allow',
      actions: ['elasticloadbalancing:AddTags'],
      resources: balancersAndTargetGroups,
      conditions: {
        StringEquals: { 'elasticloadbalancing:CreateAction': ['CreateTargetGroup', 'CreateLoadBalancer'] },
        ...requestTagPresent,
      },
    },
    {
      sid: 'RegisterTargets',
      effect: 'Allow',
      actions: ['elasticloadbalancing:RegisterTargets', 'elasticloadbalancing:DeregisterTargets'],
      resources: [elb('targetgroup/*/*')],
    },
    {
      sid: 'ModifyListenersRulesAndWebAcl',
      effect: 'Allow',
      actions: [
        'elasticloadbalancing:SetWebAcl',
        'elasticloadbalancing:ModifyListener',
        'elasticloadbalancing:AddListenerCertificates',
        'elasticloadbalancing:RemoveListenerCertificates',
        'elasticloadbalancing:ModifyRule',
        'elasticloadbalancing:SetRulePriorities',
      ],
      resources: ['*'],
    },
  ];
}
