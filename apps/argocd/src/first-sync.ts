/**
 * The manual prerequisites AWS makes unavoidable for a cluster's first sync through Argo CD, as cluster
 * prerequisites (`ClusterPrerequisite` of `@pms/core`) with their commands: the cluster's IAM OIDC identity provider
 * (every IRSA role trusts it: EKS user guide, "Create an IAM OIDC provider for your cluster") and the ACK controllers'
 * own IAM roles (ACK cannot create the role its own controller runs with: ACK docs "Configure IAM permissions"). The
 * cluster README's "First sync" section lists them first, then the plan (`pnpm sync-plan`).
 */
import type { ClusterPrerequisite } from '@pms/core';
import type { PmsClusterSettings } from '@pms/platform';
import {
  ackReleaseName,
  ackRoleArn,
  ackRoleName,
  ackServiceAccountSubject,
  type AckUsage,
} from './ack-catalogue.js';

/** Shell that sets `OIDC_ISSUER` (host and path, no scheme) from the EKS cluster. */
function issuerShell(settings: PmsClusterSettings): string {
  return `OIDC_ISSUER=$(aws eks describe-cluster --name ${settings.eksClusterName} --region ${settings.aws.region} --query cluster.identity.oidc.issuer --output text | sed 's|^https://||')`;
}

/** The cluster's IAM OIDC provider exists (the ACK controllers' roles and the load balancer controller's trust it). */
export function oidcProviderPrerequisite(settings: PmsClusterSettings): ClusterPrerequisite {
  const find = `aws iam list-open-id-connect-providers --query 'OpenIDConnectProviderList[].Arn' --output text | tr '\\t' '\\n' | grep "oidc-provider/$OIDC_ISSUER$"`;
  return {
    id: 'eks-oidc-provider',
    title: `the IAM OIDC identity provider of EKS cluster ${settings.eksClusterName} exists in account ${settings.aws.accountId}`,
    why: 'every IRSA role (the ACK controllers’ and the load balancer controller’s) trusts it; without it every AWS call of the controllers fails with WebIdentityErr and no ACK object, no ALB is ever created',
    when: 'before-first-sync',
    requiredBy: `the ACK controllers' roles, IAM Role pms-aws/${settings.name}-aws-load-balancer-controller`,
    inspect: `${issuerShell(settings)}; ${find}`,
    expect: `arn:aws:iam::${settings.aws.accountId}:oidc-provider/oidc.eks.${settings.aws.region}.amazonaws.com/id/<id>`,
    check: `${issuerShell(settings)}; ${find} > /dev/null`,
    fix: `eksctl utils associate-iam-oidc-provider --cluster ${settings.eksClusterName} --region ${settings.aws.region} --approve`,
    source:
      'EKS user guide, "Create an IAM OIDC provider for your cluster" (enable-iam-roles-for-service-accounts)',
  };
}

/** The IAM roles of the cluster's ACK controllers exist, trusting their ServiceAccounts, with their permissions. */
export function ackRolesPrerequisite(
  settings: PmsClusterSettings,
  usages: readonly AckUsage[],
): ClusterPrerequisite {
  const roles = usages.map((u) => ackRoleName(settings, u.controller));
  const fix = usages.map(({ controller }) => {
    const role = ackRoleName(settings, controller);
    const subject = ackServiceAccountSubject(controller);
    const trust = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Federated":"arn:aws:iam::${settings.aws.accountId}:oidc-provider/%s"},"Action":"sts:AssumeRoleWithWebIdentity","Condition":{"StringEquals":{"%s:sub":"${subject}","%s:aud":"sts.amazonaws.com"}}}]}`;
    const permissions = controller.iam.managedPolicyArn
      ? `aws iam attach-role-policy --role-name ${role} --policy-arn ${controller.iam.managedPolicyArn}`
      : `aws iam put-role-policy --role-name ${role} --policy-name ${ackReleaseName(controller)} --policy-document '${JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: controller.iam.inlineActions, Resource: '*' }] })}'`;
    return [
      `aws iam create-role --role-name ${role} --assume-role-policy-document "$(printf '${trust}' "$OIDC_ISSUER" "$OIDC_ISSUER" "$OIDC_ISSUER")"`,
      permissions,
    ].join('\n');
  });
  return {
    id: 'ack-controller-roles',
    title: `the IAM roles of the ACK controllers exist: ${roles.join(', ')}`,
    why: 'ACK cannot create the role its own controller runs with; without its role a controller runs but every reconcile fails (ACK.Recoverable, AccessDenied/WebIdentityErr), so the web ACL, certificate, bucket and the load balancer controller’s role are never created and the sync waits at the first ACK object. The permissions are the ones argocd/README.md lists (ACK_CONTROLLERS, apps/argocd/src/ack-catalogue.ts)',
    when: 'before-first-sync',
    requiredBy: usages.map((u) => `Application ${settings.name}-${ackReleaseName(u.controller)}`).join(', '),
    inspect: `for r in ${roles.join(' ')}; do aws iam get-role --role-name "$r" --query Role.Arn --output text; done`,
    expect: usages.map((u) => ackRoleArn(settings, u.controller)).join(', '),
    check: `(for r in ${roles.join(' ')}; do aws iam get-role --role-name "$r" > /dev/null || exit 1; done)`,
    fix: [issuerShell(settings), ...fix].join('\n'),
    source:
      'ACK docs, "Configure IAM permissions" (IRSA for each controller) and each controller’s config/iam/ (ACK_CONTROLLERS)',
  };
}
