import { describe, expect, it } from 'vitest';
import { cluster } from '../__fixtures__/render.js';
import {
  CONTROLLER_CLUSTER_TAG,
  CONTROLLER_FEATURE_VALUES,
  controllerPolicyStatements,
  ADDED_CONTROLLER_ACTIONS,
  OMITTED_CONTROLLER_ACTIONS,
} from './controller-policy.js';
import { distinctActions, policyDocument } from './policy-document.js';

/**
 * The 80 distinct actions of the official AWS Load Balancer Controller policy, v2.17.1
 * (docs/install/iam_policy.json, unchanged in v3.5.0), grouped by service.
 */
const OFFICIAL_ACTIONS: Readonly<Record<string, readonly string[]>> = {
  acm: ['DescribeCertificate', 'ListCertificates'],
  'cognito-idp': ['DescribeUserPoolClient'],
  ec2: [
    'AuthorizeSecurityGroupIngress',
    'CreateSecurityGroup',
    'CreateTags',
    'DeleteSecurityGroup',
    'DeleteTags',
    'DescribeAccountAttributes',
    'DescribeAddresses',
    'DescribeAvailabilityZones',
    'DescribeCoipPools',
    'DescribeInstances',
    'DescribeInternetGateways',
    'DescribeIpamPools',
    'DescribeNetworkInterfaces',
    'DescribeRouteTables',
    'DescribeSecurityGroups',
    'DescribeSubnets',
    'DescribeTags',
    'DescribeVpcPeeringConnections',
    'DescribeVpcs',
    'GetCoipPoolUsage',
    'GetSecurityGroupsForVpc',
    'RevokeSecurityGroupIngress',
  ],
  elasticloadbalancing: [
    'AddListenerCertificates',
    'AddTags',
    'CreateListener',
    'CreateLoadBalancer',
    'CreateRule',
    'CreateTargetGroup',
    'DeleteListener',
    'DeleteLoadBalancer',
    'DeleteRule',
    'DeleteTargetGroup',
    'DeregisterTargets',
    'DescribeCapacityReservation',
    'DescribeListenerAttributes',
    'DescribeListenerCertificates',
    'DescribeListeners',
    'DescribeLoadBalancerAttributes',
    'DescribeLoadBalancers',
    'DescribeRules',
    'DescribeSSLPolicies',
    'DescribeTags',
    'DescribeTargetGroupAttributes',
    'DescribeTargetGroups',
    'DescribeTargetHealth',
    'DescribeTrustStores',
    'ModifyCapacityReservation',
    'ModifyIpPools',
    'ModifyListener',
    'ModifyListenerAttributes',
    'ModifyLoadBalancerAttributes',
    'ModifyRule',
    'ModifyTargetGroup',
    'ModifyTargetGroupAttributes',
    'RegisterTargets',
    'RemoveListenerCertificates',
    'RemoveTags',
    'SetIpAddressType',
    'SetRulePriorities',
    'SetSecurityGroups',
    'SetSubnets',
    'SetWebAcl',
  ],
  iam: ['CreateServiceLinkedRole', 'GetServerCertificate', 'ListServerCertificates'],
  shield: ['CreateProtection', 'DeleteProtection', 'DescribeProtection', 'GetSubscriptionState'],
  'waf-regional': ['AssociateWebACL', 'DisassociateWebACL', 'GetWebACL', 'GetWebACLForResource'],
  wafv2: ['AssociateWebACL', 'DisassociateWebACL', 'GetWebACL', 'GetWebACLForResource'],
};
const official = Object.entries(OFFICIAL_ACTIONS).flatMap(([service, actions]) =>
  actions.map((a) => `${service}:${a}`),
);

const statements = controllerPolicyStatements(cluster);
const statement = (sid: string) => statements.find((s) => s.sid === sid)!;

describe('the controller IAM policy', () => {
  it('knows the 80 official actions', () => {
    expect(new Set(official).size).toBe(80);
  });

  it('covers every official action except the documented omissions, plus the documented additions, and nothing else', () => {
    const ours = distinctActions(statements);
    const omitted = OMITTED_CONTROLLER_ACTIONS.map((o) => o.action);
    const added = ADDED_CONTROLLER_ACTIONS.map((a) => a.action);
    expect([...ours.filter((a) => !added.includes(a)), ...omitted].sort()).toEqual([...official].sort());
    expect(ours.filter((action) => omitted.includes(action))).toEqual([]);
    expect(added.filter((action) => official.includes(action))).toEqual([]);
    expect(added.every((action) => ours.includes(action))).toBe(true);
  });

  it('can resolve a web ACL by name (wafv2:ListWebACLs, missing from the official v2.17.1 policy)', () => {
    expect(distinctActions(statements)).toContain('wafv2:ListWebACLs');
    expect(official).not.toContain('wafv2:ListWebACLs');
  });

  it('documents why each omission is safe and what keeps it so', () => {
    for (const omission of OMITTED_CONTROLLER_ACTIONS) {
      expect(omission.reason.length).toBeGreaterThan(20);
      expect(omission.enforcedBy).toMatch(/enableWaf: false|policy rule `[a-z-]+`/);
    }
    expect(CONTROLLER_FEATURE_VALUES.enableWaf).toBe(false);
  });

  it('keeps the official tag conditions on mutating actions', () => {
    const requestTag = `aws:RequestTag/${CONTROLLER_CLUSTER_TAG}`;
    const resourceTag = `aws:ResourceTag/${CONTROLLER_CLUSTER_TAG}`;
    expect(statement('CreateTaggedLoadBalancersAndTargetGroups').conditions).toEqual({
      Null: { [requestTag]: 'false' },
    });
    expect(statement('ModifyOwnedLoadBalancersAndTargetGroups').conditions).toEqual({
      Null: { [resourceTag]: 'false' },
    });
    expect(statement('ManageOwnedSecurityGroups').conditions).toEqual({ Null: { [resourceTag]: 'false' } });
    expect(statement('TagOwnedSecurityGroups').conditions).toEqual({
      Null: { [requestTag]: 'true', [resourceTag]: 'false' },
    });
    expect(statement('TagOwnedLoadBalancersAndTargetGroups').conditions).toEqual({
      Null: { [requestTag]: 'true', [resourceTag]: 'false' },
    });
    expect(statement('TagSecurityGroupsOnCreate').conditions).toEqual({
      StringEquals: { 'ec2:CreateAction': 'CreateSecurityGroup' },
      Null: { [requestTag]: 'false' },
    });
    expect(statement('TagLoadBalancersAndTargetGroupsOnCreate').conditions).toEqual({
      StringEquals: { 'elasticloadbalancing:CreateAction': ['CreateTargetGroup', 'CreateLoadBalancer'] },
      Null: { [requestTag]: 'false' },
    });
    expect(statement('CreateElbServiceLinkedRole').conditions).toEqual({
      StringEquals: { 'iam:AWSServiceName': 'elasticloadbalancing.amazonaws.com' },
    });
  });

  it('lets the controller delete only load balancers, target groups and security groups it tagged', () => {
    for (const action of [
      'elasticloadbalancing:DeleteLoadBalancer',
      'elasticloadbalancing:DeleteTargetGroup',
      'ec2:DeleteSecurityGroup',
    ] as const) {
      const granting = statements.filter((s) => s.actions.includes(action));
      expect(
        granting.every((s) => s.conditions?.Null?.[`aws:ResourceTag/${CONTROLLER_CLUSTER_TAG}`] === 'false'),
      ).toBe(true);
    }
  });

  it("narrows resource ARNs to the cluster's region and account", () => {
    const arns = statements.flatMap((s) => s.resources ?? []).filter((r) => r !== '*');
    expect(arns.length).toBeGreaterThan(0);
    for (const arn of arns)
      expect(arn).toMatch(/^arn:aws:(ec2|elasticloadbalancing):eu-central-1:123456789012:/);
  });

  it('renders as an IAM policy document', () => {
    const document = policyDocument(statements);
    expect(document.Version).toBe('2012-10-17');
    expect(document.Statement[0]).toEqual({
      Sid: 'CreateElbServiceLinkedRole',
      Effect: 'Allow',
      Action: ['iam:CreateServiceLinkedRole'],
      Resource: '*',
      Condition: { StringEquals: { 'iam:AWSServiceName': 'elasticloadbalancing.amazonaws.com' } },
    });
    expect(new Set(document.Statement.map((s) => s.Sid)).size).toBe(statements.length);
  });

  it('writes ARNs in the partition of a China cluster (cn-north-1 → aws-cn)', () => {
    const china = controllerPolicyStatements({ aws: { accountId: '123456789012', region: 'cn-north-1' } });
    const arns = china.flatMap((s) => s.resources ?? []).filter((r) => r !== '*');
    expect(arns.length).toBeGreaterThan(0);
    for (const arn of arns)
      expect(arn).toMatch(/^arn:aws-cn:(ec2|elasticloadbalancing):cn-north-1:123456789012:/);
    // Service names stay amazonaws.com in China (the controller's own China policy keeps it).
    expect(china[0]!.conditions).toEqual({
      StringEquals: { 'iam:AWSServiceName': 'elasticloadbalancing.amazonaws.com' },
    });
  });

  it('keeps IAM server certificates out under certificate discovery, which reads ACM only', () => {
    const omitted = OMITTED_CONTROLLER_ACTIONS.find((o) => o.action === 'iam:GetServerCertificate')!;
    expect(omitted.reason).toContain('acm:ListCertificates, acm:DescribeCertificate');
    expect(distinctActions(statements)).toEqual(
      expect.arrayContaining(['acm:ListCertificates', 'acm:DescribeCertificate']),
    );
    expect(omitted.enforcedBy).toBe(
      'policy rule `certificate-in-cluster-account` accepts only ACM certificate ARNs of the cluster, or discovery from the Ingress hosts (no IngressClassParams `spec.certificateArn` and no Ingress annotation `alb.ingress.kubernetes.io/certificate-arn`)',
    );
  });
});
