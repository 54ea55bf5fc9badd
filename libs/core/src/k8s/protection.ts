/**
 * Deletion protection that holds: which clusters must protect what, and the three independent layers that do it.
 * Shared by every concern that renders a protected object (ingress: the Ingress; security: the ACK objects; later
 * the access-log bucket), by the policy gate that refuses a render without them, and by `pnpm diff`, which flags
 * their removal.
 *
 * 1. The load balancer: the AWS Load Balancer Controller's delete guard reads `deletion_protection.enabled` ONLY
 *    from the Ingress annotation `alb.ingress.kubernetes.io/load-balancer-attributes` (LBC v2.17.1
 *    `pkg/ingress/model_builder.go` `getDeletionProtectionViaAnnotation`; IngressClassParams are not consulted,
 *    issue kubernetes-sigs/aws-load-balancer-controller#4325), and once a group has no Ingress left the controller
 *    disables the attribute itself and deletes the ALB (`pkg/deploy/elbv2/load_balancer_synthesizer.go`).
 * 2. Argo CD: `Prune=false` (removal from Git) and `Delete=false` (deletion of the Application), see
 *    `DELETION_GUARD_SYNC_OPTIONS`.
 * 3. ACK: `services.k8s.aws/deletion-policy: retain` leaves the AWS resource in place whoever deletes the object
 *    (ACK runtime `pkg/runtime/reconciler.go`, `apis/core/v1alpha1/annotations.go`).
 */
import type { ClusterSettings } from '../cluster/settings.js';
import type { Manifest } from '../render/manifest.js';

/**
 * True when a cluster's render must carry every deletion protection: in prod (always), and wherever the settings
 * ask for it (`deletionProtection`).
 */
export function deletionGuardRequired(
  cluster: Pick<ClusterSettings, 'environment' | 'deletionProtection'>,
): boolean {
  return cluster.environment === 'prod' || cluster.deletionProtection === true;
}

/**
 * A kind of object whose deletion loses state the next sync cannot rebuild as it was: an ACK object's AWS resource
 * (`STATEFUL_AWS_KINDS`), or a backing service's custom resource (networking's `STATEFUL_BACKING_KINDS`).
 */
export interface StatefulKind {
  /** API version of the kind. */
  readonly apiVersion: string;
  /** Kind. */
  readonly kind: string;
  /** What is lost when the object (or its AWS resource) is deleted, for messages and docs. */
  readonly loss: string;
}

/** A kind of ACK object whose AWS resource holds state the next sync cannot rebuild as it was. */
export type StatefulAwsKind = StatefulKind;

/**
 * The ACK kinds whose AWS resources must survive the deletion of their object: in prod they carry the ACK `retain`
 * policy and Argo CD's `Prune=false,Delete=false`. CloudWatch dashboards and alarms are not here on purpose: they
 * hold nothing git cannot rebuild, and a retained alarm Argo CD prunes would keep paging (docs/monitoring.md).
 */
export const STATEFUL_AWS_KINDS: readonly StatefulAwsKind[] = [
  {
    apiVersion: 'wafv2.services.k8s.aws/v1alpha1',
    kind: 'WebACL',
    loss: 'the ALB loses its WAF (a recreated ACL has a new ARN the settings do not name)',
  },
  {
    apiVersion: 'acm.services.k8s.aws/v1alpha1',
    kind: 'Certificate',
    loss: 'the HTTPS listener loses its certificate (a new one needs DNS validation and a new ARN in the settings)',
  },
  {
    apiVersion: 'iam.services.k8s.aws/v1alpha1',
    kind: 'Role',
    loss: 'the load balancer controller loses its AWS identity',
  },
  {
    apiVersion: 'iam.services.k8s.aws/v1alpha1',
    kind: 'Policy',
    loss: 'the load balancer controller loses its permissions',
  },
  {
    apiVersion: 's3.services.k8s.aws/v1alpha1',
    kind: 'Bucket',
    loss: 'the access logs (and the bucket name, which another account may then take)',
  },
];

/** The stateful ACK kind of `manifest`, or undefined. */
export function statefulAwsKindOf(
  manifest: Pick<Manifest, 'apiVersion' | 'kind'>,
): StatefulAwsKind | undefined {
  return STATEFUL_AWS_KINDS.find((k) => k.apiVersion === manifest.apiVersion && k.kind === manifest.kind);
}
