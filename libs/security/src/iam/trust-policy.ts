import type { ClusterSettings } from '@pms/core';
import { CONTROLLER_NAMESPACE, CONTROLLER_SERVICE_ACCOUNT } from '../controller-identity.js';
import type { ControllerIdentitySettings } from '../settings.js';
import { arnIn, awsDnsSuffix } from '../partition.js';
import type { PolicyStatement } from './policy-document.js';

/**
 * Host and path of a cluster's OIDC issuer: `oidc.eks.<region>.<dns suffix>/id/<id>`, the suffix being
 * `amazonaws.com`, or `amazonaws.com.cn` in the China regions.
 */
export function oidcIssuer(region: string, oidcProviderId: string): string {
  return `oidc.eks.${region}.${awsDnsSuffix(region)}/id/${oidcProviderId}`;
}

/** ARN of the cluster's IAM OIDC identity provider, in the region's partition. */
export function oidcProviderArn(cluster: Pick<ClusterSettings, 'aws'>, oidcProviderId: string): string {
  const { region, accountId } = cluster.aws;
  return arnIn(region, 'iam', '', accountId, `oidc-provider/${oidcIssuer(region, oidcProviderId)}`);
}

/** `system:serviceaccount:kube-system:aws-load-balancer-controller`: the only subject the role trusts. */
export const CONTROLLER_SUBJECT = serviceAccountSubject(CONTROLLER_NAMESPACE, CONTROLLER_SERVICE_ACCOUNT);

/** `system:serviceaccount:<namespace>:<name>`: the subject a role trusts for one ServiceAccount (IRSA). */
export function serviceAccountSubject(namespace: string, serviceAccount: string): string {
  return `system:serviceaccount:${namespace}:${serviceAccount}`;
}

/**
 * The trust policy of a role assumed by exactly one ServiceAccount of the cluster. IRSA: web identity from the
 * cluster's OIDC provider, only for that ServiceAccount and the STS audience. Pod Identity: the EKS Pod Identity
 * service, only with the session tags of this cluster, that namespace and that ServiceAccount.
 */
export function serviceAccountTrustStatements(
  cluster: Pick<ClusterSettings, 'aws' | 'eksClusterName'>,
  identity: ControllerIdentitySettings,
  account: { readonly namespace: string; readonly serviceAccount: string; readonly sid: string },
): PolicyStatement[] {
  if (identity.mode === 'irsa') {
    const issuer = oidcIssuer(cluster.aws.region, identity.oidcProviderId);
    return [
      {
        sid: `${account.sid}ViaIrsa`,
        effect: 'Allow',
        principal: { Federated: oidcProviderArn(cluster, identity.oidcProviderId) },
        actions: ['sts:AssumeRoleWithWebIdentity'],
        conditions: {
          StringEquals: {
            [`${issuer}:sub`]: serviceAccountSubject(account.namespace, account.serviceAccount),
            [`${issuer}:aud`]: 'sts.amazonaws.com',
          },
        },
      },
    ];
  }
  return [
    {
      sid: `${account.sid}ViaPodIdentity`,
      effect: 'Allow',
      principal: { Service: 'pods.eks.amazonaws.com' },
      actions: ['sts:AssumeRole', 'sts:TagSession'],
      conditions: {
        StringEquals: {
          'aws:SourceAccount': cluster.aws.accountId,
          'aws:RequestTag/eks-cluster-name': cluster.eksClusterName,
          'aws:RequestTag/kubernetes-namespace': account.namespace,
          'aws:RequestTag/kubernetes-service-account': account.serviceAccount,
        },
      },
    },
  ];
}

/**
 * The trust policy of the controller's role. IRSA: web identity from the cluster's OIDC provider, only for the
 * controller's ServiceAccount and the STS audience. Pod Identity: the EKS Pod Identity service, only with the
 * session tags of this cluster, the controller's namespace and ServiceAccount.
 */
export function controllerTrustStatements(
  cluster: Pick<ClusterSettings, 'aws' | 'eksClusterName'>,
  identity: ControllerIdentitySettings,
): PolicyStatement[] {
  return serviceAccountTrustStatements(cluster, identity, {
    namespace: CONTROLLER_NAMESPACE,
    serviceAccount: CONTROLLER_SERVICE_ACCOUNT,
    sid: 'ControllerServiceAccount',
  });
}
