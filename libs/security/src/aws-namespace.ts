/**
 * Where the ACK objects of a cluster live, and the annotations and tags every one of them carries.
 * They get a namespace of their own, `pms-aws`: whoever may edit an ACK IAM Role there can grant AWS
 * permissions, so access to it is granted separately from the application namespace `pms`, and no pod runs in it.
 */
import {
  ACK_DEFAULT_REGION_ANNOTATION,
  ackAnnotations as coreAckAnnotations,
  AWS_RESOURCES_NAMESPACE,
  recommendedLabels,
  syncWave,
  SyncWave,
  type ClusterSettings,
} from '@pms/core';
import { pmsAwsTags } from '@pms/ingress';
import type { ApiObjectProps } from 'cdk8s';

export { AWS_RESOURCES_NAMESPACE };
// The ACK annotation keys live in @pms/core (`k8s/ack.ts`), shared with monitoring; re-exported for compatibility.
export {
  ACK_DEFAULT_REGION_ANNOTATION,
  ACK_DELETION_POLICY_ANNOTATION,
  ACK_OWNER_ACCOUNT_ANNOTATION,
  ACK_REGION_ANNOTATION,
} from '@pms/core';

/** Pod Security admission label that enforces a Pod Security Standard on a namespace. */
export const POD_SECURITY_ENFORCE_LABEL = 'pod-security.kubernetes.io/enforce';

/**
 * Annotations of security's ACK objects (`ackAnnotations` of @pms/core): sync wave `platform` (before the workloads
 * and the Ingress that use them; the certificate passes `SyncWave.certificate`), the cluster's region, and `retain`, so deleting or pruning the object never
 * deletes the web ACL, the certificate or the controller's role (that would take the ALB's protection and TLS down
 * with it); in prod (and wherever `deletionProtection` is set) also Argo CD's `Prune=false,Delete=false`, so the
 * object itself stays when it leaves Git or the Application is deleted.
 */
export function ackAnnotations(
  cluster: Pick<ClusterSettings, 'aws' | 'environment' | 'deletionProtection'>,
  wave: number = SyncWave.platform,
): Record<string, string> {
  return coreAckAnnotations(cluster, wave, 'retain');
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
