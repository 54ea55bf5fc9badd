/**
 * The annotations AWS Controllers for Kubernetes (ACK) read on the objects it reconciles, and the set every
 * ACK object of a PMS cluster carries. Shared by every concern that renders ACK objects (security: WebACL,
 * Certificate, IAM; monitoring: Dashboard, MetricAlarms), so the region pin and the deletion policy are written
 * one way.
 */
import type { ClusterSettings } from '../cluster/settings.js';
import { customResourceAnnotations } from './labels.js';
import { deletionGuardRequired } from './protection.js';

/** ACK annotation pinning the AWS region of one resource (it wins over the namespace default and the controller flag). */
export const ACK_REGION_ANNOTATION = 'services.k8s.aws/region';
/** ACK annotation on a namespace: the default region of its resources. */
export const ACK_DEFAULT_REGION_ANNOTATION = 'services.k8s.aws/default-region';
/** ACK annotation on a namespace (cross-account resource management): the account its resources are created in. */
export const ACK_OWNER_ACCOUNT_ANNOTATION = 'services.k8s.aws/owner-account-id';
/**
 * ACK annotation: what happens to the AWS resource when its Kubernetes object is deleted. On the object it wins
 * over the namespace's `<service>.services.k8s.aws/deletion-policy` and the controller's `--deletion-policy`.
 */
export const ACK_DELETION_POLICY_ANNOTATION = 'services.k8s.aws/deletion-policy';

/**
 * What ACK does to the AWS resource when its object is deleted (or pruned by Argo CD):
 * `retain` leaves it in AWS, unmanaged; `delete` deletes it first.
 */
export type AckDeletionPolicy = 'retain' | 'delete';

/**
 * Annotations of an ACK object: its sync wave (with `SkipDryRunOnMissingResource=true`, the CRD comes from the
 * ACK controller's own Application), its region pinned to the cluster's, and its deletion policy. A retained object
 * of a cluster that must guard against deletion (`deletionGuardRequired`: prod, or `deletionProtection`) also
 * carries Argo CD's `Prune=false,Delete=false`, so neither removing it from Git nor deleting the Application
 * deletes the object (and ACK's `retain` keeps the AWS resource whoever deletes it).
 *
 * @param cluster the cluster whose region the resource is created in, and whether it guards against deletion
 * @param wave the Argo CD sync wave (`SyncWave.platform` for resources the workloads and the Ingress use)
 * @param deletionPolicy `retain` (the default) unless deleting the object must delete the AWS resource too
 */
export function ackAnnotations(
  cluster: Pick<ClusterSettings, 'aws' | 'environment' | 'deletionProtection'>,
  wave: number,
  deletionPolicy: AckDeletionPolicy = 'retain',
): Record<string, string> {
  const deletionGuard = deletionPolicy === 'retain' && deletionGuardRequired(cluster);
  return {
    ...customResourceAnnotations(wave, { deletionGuard }),
    [ACK_REGION_ANNOTATION]: cluster.aws.region,
    [ACK_DELETION_POLICY_ANNOTATION]: deletionPolicy,
  };
}
