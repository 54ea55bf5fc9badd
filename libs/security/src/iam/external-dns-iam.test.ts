import { describe, expect, it } from 'vitest';
import { cluster, only, render } from '../__fixtures__/render.js';
import type { ControllerIdentitySettings } from '../settings.js';
import {
  EXTERNAL_DNS_NAMESPACE,
  EXTERNAL_DNS_SERVICE_ACCOUNT,
  ExternalDnsIam,
  externalDnsRoleArn,
  hostedZoneArn,
} from './external-dns-iam.js';

const OIDC_ID = '0123456789ABCDEF0123456789ABCDEF';
const ZONE = 'Z0123456789ABCDEFGHIJ';
const iam = (identity: ControllerIdentitySettings = { mode: 'irsa', oidcProviderId: OIDC_ID }) =>
  render((scope) => new ExternalDnsIam(scope, 'external-dns-iam', { cluster, identity, hostedZoneId: ZONE }));

describe('ExternalDnsIam', () => {
  const { manifests, construct } = iam();
  const document = JSON.parse(only(manifests, 'Policy').spec.policyDocument as string) as {
    Statement: { Action: string[]; Resource: string | string[] }[];
  };

  it("changes and lists record sets of the cluster's hosted zone only", () => {
    const zone = document.Statement.filter((s) => s.Resource !== '*');
    expect(zone).toHaveLength(1);
    expect(zone[0]!.Resource).toBe(`arn:aws:route53:::hostedzone/${ZONE}`);
    expect(zone[0]!.Action.sort()).toEqual([
      'route53:ChangeResourceRecordSets',
      'route53:ListResourceRecordSets',
    ]);
  });

  it('lists hosted zones on * (no resource-level permission), and nothing else on *', () => {
    const any = document.Statement.filter((s) => s.Resource === '*');
    expect(any.flatMap((s) => s.Action)).toEqual(['route53:ListHostedZones']);
  });

  it('grants nothing outside Route 53, and not the zone tags (unused --aws-zone-tags)', () => {
    const actions = document.Statement.flatMap((s) => s.Action);
    expect(actions.every((a) => a.startsWith('route53:'))).toBe(true);
    expect(actions).not.toContain('route53:ListTagsForResources');
  });

  it("is assumed by external-dns's ServiceAccount only, through the cluster's OIDC provider", () => {
    const role = only(manifests, 'Role');
    expect(role.spec.policyRefs).toEqual([{ from: { name: construct.roleName } }]);
    const trust = JSON.parse(role.spec.assumeRolePolicyDocument as string) as {
      Statement: { Condition: { StringEquals: Record<string, string> } }[];
    };
    expect(trust.Statement).toHaveLength(1);
    expect(Object.values(trust.Statement[0]!.Condition.StringEquals)).toEqual([
      `system:serviceaccount:${EXTERNAL_DNS_NAMESPACE}:${EXTERNAL_DNS_SERVICE_ACCOUNT}`,
      'sts.amazonaws.com',
    ]);
    expect(construct.roleArn).toBe(externalDnsRoleArn(cluster));
  });

  it("uses Pod Identity's session tags when the cluster does", () => {
    const role = only(iam({ mode: 'pod-identity' }).manifests, 'Role');
    expect(role.spec.assumeRolePolicyDocument).toContain(
      `"aws:RequestTag/kubernetes-service-account": "${EXTERNAL_DNS_SERVICE_ACCOUNT}"`,
    );
  });

  it('writes zone ARNs in the partition of the region', () => {
    expect(hostedZoneArn('cn-north-1', ZONE)).toBe(`arn:aws-cn:route53:::hostedzone/${ZONE}`);
  });
});
