import type { ClusterSettings } from '@pms/core';
import { arnIn } from './partition.js';

/** Namespace and ServiceAccount of the AWS Load Balancer Controller (the chart's defaults). */
export const CONTROLLER_NAMESPACE = 'kube-system';
/** ServiceAccount the controller runs as; its IAM role trusts exactly this subject. */
export const CONTROLLER_SERVICE_ACCOUNT = 'aws-load-balancer-controller';

/** Name of the controller's IAM role in the cluster's account: `<cluster>-aws-load-balancer-controller`. */
export function controllerRoleName(cluster: Pick<ClusterSettings, 'name'>): string {
  return `${cluster.name}-aws-load-balancer-controller`;
}

/** ARN of the controller's IAM role (in the region's partition), as annotated on its ServiceAccount (IRSA). */
export function controllerRoleArn(cluster: Pick<ClusterSettings, 'name' | 'aws'>): string {
  return arnIn(cluster.aws.region, 'iam', '', cluster.aws.accountId, `role/${controllerRoleName(cluster)}`);
}
