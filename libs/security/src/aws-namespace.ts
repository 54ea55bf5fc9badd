/**
 * Where the ACK objects of a cluster live, and the annotations and tags every one of them carries.
 * They get a namespace of their own, `pms-aws`: whoever may edit an ACK IAM Role there can grant AWS
 * permissions, so access to it is granted separately from the application namespace `pms`, and no pod runs in it.
 */
import {
  AWS_RESOURCES_NAMESPACE,
  customResourceAnnotations,
  recommendedLabels,
  syncWave,
  SyncWave,
  type ClusterSettings,
} from '@pms/core';
import { pmsAwsTags } from '@pms/ingress';
import type { ApiObjectProps } from 'cdk8s';

export { AWS_RESOURCES_NAMESPACE };

/** ACK annotation pinning the AWS region of one resource (it wins over the namespace default and the controller flag). */
export const ACK_REGION_ANNOTATION = 'services.k8s.aws/region';
/** ACK annotation on a namespace: the default region of its resources. */
export const ACK_DEFAULT_REGION_ANNOTATION = 'services.k8s.aws/default-region';
/** ACK annotation on a namespace (cross-account resource management): the account its resources are created in. */
export const ACK_OWNER_ACCOUNT_ANNOTATION = 'services.k8s.aws/owner-account-id';
/** ACK annotation: what happens to the AWS resource when its Kubernetes object is deleted. */
export const ACK_DELETION_POLICY_ANNOTATION = 'services.k8s.aws/deletion-policy';

/** Pod Security admission label that enforces a Pod Security Standard on a namespace. */
export const POD_SECURITY_ENFORCE_LABEL = 'pod-security.kubernetes.io/enforce';

/**
 * Annotations of every ACK object: its sync wave (`platform`, before the workloads and the Ingress that use
 * them), its region, and `retain`, so deleting or pruning the object never deletes the web ACL, the
 * certificate or the controller's role (that would take the ALB's protection and TLS down with it).
 */
export function ackAnnotations(cluster: Pick<ClusterSettings, 'aws'>): Record<string, string> {
  return {
    ...customResourceAnnotations(SyncWave.platform),
    [ACK_REGION_ANNOTATION]: cluster.aws.region,
    [ACK_DELETION_POLICY_ANNOTATION]: 'retain',
  };
}

/** An AWS tag as ACK writes it. */
export interface AwsTag {
  /** Tag key. */
  readonly key: string;
  /** Tag value. */
  readonly value: string;
}

/**
 * The tags every AWS resource of the cluster gets, so it can be traced back to this repository: the same
 * `pms:*` keys as the ALB's (`pmsAwsTags` of @pms/ingress), plus `pms:component`.
 */
export function awsTags(cluster: Pick<ClusterSettings, 'name' | 'environment'>, component: string): AwsTag[] {
  return pmsAwsTags(cluster, component);
}

/**
 * The Namespace object of the ACK resources: restricted Pod Security and the cluster's region as the default.
 * No owner-account annotation: ACK creates the resources in the account of its own credentials, the cluster's.
 */
export function awsResourcesNamespace(cluster: Pick<ClusterSettings, 'aws'>): ApiObjectProps {
  return {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: {
      name: AWS_RESOURCES_NAMESPACE,
      labels: {
        ...recommendedLabels(AWS_RESOURCES_NAMESPACE, 'namespace'),
        [POD_SECURITY_ENFORCE_LABEL]: 'restricted',
      },
      annotations: {
        ...syncWave(SyncWave.foundation),
        [ACK_DEFAULT_REGION_ANNOTATION]: cluster.aws.region,
      },
    },
  };
}
