import { describe, expect, it } from 'vitest';
import { cluster, only, render } from '../__fixtures__/render.js';
import type { ControllerIdentitySettings } from '../settings.js';
import { controllerRoleArn } from '../controller-identity.js';
import { CONTROLLER_POLICY_FILE, ControllerIam } from './controller-iam.js';
import { controllerPolicyStatements } from './controller-policy.js';
import { distinctActions, policyJson } from './policy-document.js';

const OIDC_ID = '0123456789ABCDEF0123456789ABCDEF';
const iam = (identity: ControllerIdentitySettings = { mode: 'irsa', oidcProviderId: OIDC_ID }) =>
  render((scope) => new ControllerIam(scope, 'controller-iam', { cluster, identity }));

describe('ControllerIam', () => {
  it('renders an ACK Policy with the controller policy as a pretty JSON string', () => {
    const policy = only(iam().manifests, 'Policy');
    expect(policy.apiVersion).toBe('iam.services.k8s.aws/v1alpha1');
    expect(policy.metadata).toMatchObject({
      name: 'pms-test-aws-load-balancer-controller',
      namespace: 'pms-aws',
    });
    expect(policy.metadata.annotations).toMatchObject({ 'argocd.argoproj.io/sync-wave': '-5' });
    expect(policy.spec.name).toBe('pms-test-aws-load-balancer-controller');
    expect(policy.spec.policyDocument).toBe(policyJson(controllerPolicyStatements(cluster)));
    expect(policy.spec.policyDocument).toContain('\n  "Statement": [\n');
  });

  it('renders an ACK Role that attaches the Policy and trusts only the controller ServiceAccount (IRSA)', () => {
    const role = only(iam().manifests, 'Role');
    expect(role.spec).toMatchObject({
      name: 'pms-test-aws-load-balancer-controller',
      policyRefs: [{ from: { name: 'pms-test-aws-load-balancer-controller' } }],
      maxSessionDuration: 3600,
    });
    const issuer = `oidc.eks.eu-central-1.amazonaws.com/id/${OIDC_ID}`;
    expect(JSON.parse(role.spec.assumeRolePolicyDocument as string)).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'ControllerServiceAccountViaIrsa',
          Effect: 'Allow',
          Principal: { Federated: `arn:aws:iam::123456789012:oidc-provider/${issuer}` },
          Action: ['sts:AssumeRoleWithWebIdentity'],
          Condition: {
            StringEquals: {
              [`${issuer}:sub`]: 'system:serviceaccount:kube-system:aws-load-balancer-controller',
              [`${issuer}:aud`]: 'sts.amazonaws.com',
            },
          },
        },
      ],
    });
  });

  it('trusts EKS Pod Identity, scoped by session tags, when the settings choose it', () => {
    const role = only(iam({ mode: 'pod-identity' }).manifests, 'Role');
    expect(JSON.parse(role.spec.assumeRolePolicyDocument as string).Statement).toEqual([
      {
        Sid: 'ControllerServiceAccountViaPodIdentity',
        Effect: 'Allow',
        Principal: { Service: 'pods.eks.amazonaws.com' },
        Action: ['sts:AssumeRole', 'sts:TagSession'],
        Condition: {
          StringEquals: {
            'aws:SourceAccount': '123456789012',
            'aws:RequestTag/eks-cluster-name': 'pms-test',
            'aws:RequestTag/kubernetes-namespace': 'kube-system',
            'aws:RequestTag/kubernetes-service-account': 'aws-load-balancer-controller',
          },
        },
      },
    ]);
  });

  it('exposes the plain JSON policy document as an extra file', () => {
    const { construct } = iam();
    expect([...construct.extraFiles.keys()]).toEqual([CONTROLLER_POLICY_FILE]);
    expect(construct.extraFiles.get(CONTROLLER_POLICY_FILE)).toBe(`${construct.policyDocument}\n`);
    expect(construct.roleArn).toBe('arn:aws:iam::123456789012:role/pms-test-aws-load-balancer-controller');
  });

  it('documents every omitted and every added action', () => {
    const body = iam().construct.docs.body;
    for (const action of [
      'waf-regional:GetWebACL',
      'cognito-idp:DescribeUserPoolClient',
      'iam:GetServerCertificate',
    ]) {
      expect(body).toContain(`\`${action}\``);
    }
    expect(body).toContain('`wafv2:ListWebACLs`');
    expect(body).toContain(`${distinctActions(controllerPolicyStatements(cluster)).length} distinct actions`);
  });

  it('refuses an OIDC provider id that is not one', () => {
    expect(() =>
      iam({ mode: 'irsa', oidcProviderId: 'https://oidc.eks.eu-central-1.amazonaws.com/id/X' }),
    ).toThrow(
      '[pms-test] security.controllerIdentity.oidcProviderId = "https://oidc.eks.eu-central-1.amazonaws.com/id/X"; allowed: the id at the end of the cluster OIDC issuer URL: 32 upper-case hexadecimal characters (at pms-test/controller-iam)',
    );
  });

  it('refuses an unknown identity mode', () => {
    expect(() => iam({ mode: 'kiam' } as never)).toThrow(
      '[pms-test] security.controllerIdentity.mode = "kiam"; allowed: one of "irsa", "pod-identity"',
    );
  });

  it('uses the aws-cn partition and the amazonaws.com.cn OIDC issuer for a China cluster', () => {
    const china = { ...cluster, aws: { ...cluster.aws, region: 'cn-north-1' } };
    const { construct, manifests } = render(
      (scope) =>
        new ControllerIam(scope, 'controller-iam', {
          cluster: china,
          identity: { mode: 'irsa', oidcProviderId: OIDC_ID },
        }),
    );
    const issuer = `oidc.eks.cn-north-1.amazonaws.com.cn/id/${OIDC_ID}`;
    const trust = JSON.parse(only(manifests, 'Role').spec.assumeRolePolicyDocument as string).Statement[0];
    expect(trust.Principal).toEqual({ Federated: `arn:aws-cn:iam::123456789012:oidc-provider/${issuer}` });
    expect(trust.Condition.StringEquals).toEqual({
      [`${issuer}:sub`]: 'system:serviceaccount:kube-system:aws-load-balancer-controller',
      [`${issuer}:aud`]: 'sts.amazonaws.com',
    });
    expect(construct.roleArn).toBe('arn:aws-cn:iam::123456789012:role/pms-test-aws-load-balancer-controller');
    expect(controllerRoleArn(china)).toBe(construct.roleArn);
    expect(construct.policyDocument).toContain('"arn:aws-cn:ec2:cn-north-1:123456789012:security-group/*"');
    expect(construct.policyDocument).not.toContain('arn:aws:');
  });
});
