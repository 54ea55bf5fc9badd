/** Kubernetes' recommended labels (app.kubernetes.io/*) and the Argo CD annotations the render uses. */

/** The value of `app.kubernetes.io/part-of` on every PMS object. */
export const PART_OF = 'pms';
/** The value of `app.kubernetes.io/managed-by` on every rendered object. */
export const MANAGED_BY = 'pms-gitops';

/** Kubernetes' recommended labels for one component. */
export function recommendedLabels(name: string, component: string): Record<string, string> {
  return {
    'app.kubernetes.io/name': name,
    'app.kubernetes.io/component': component,
    'app.kubernetes.io/part-of': PART_OF,
    'app.kubernetes.io/managed-by': MANAGED_BY,
  };
}

/** Annotation Argo CD reads to order a sync: lower waves are applied (and healthy) first. */
export const SYNC_WAVE_ANNOTATION = 'argocd.argoproj.io/sync-wave';

/**
 * The sync waves of a cluster, in order. Argo CD applies a wave and waits for its objects to be healthy
 * before the next one, within one Application.
 */
export const SyncWave = {
  /** Namespaces and CRDs. */
  foundation: -10,
  /** AWS resources through ACK (certificate, web ACL, IAM) and the controller's IngressClass/Params. */
  platform: -5,
  /**
   * The data services' custom resources (CloudNativePG `Cluster`, Strimzi `Kafka`): after the platform, before the
   * workloads that use them, which then start against a database and a broker Argo CD reports Healthy.
   */
  data: -3,
  /** Services, workloads, NetworkPolicies and monitoring objects. */
  workloads: 0,
  /**
   * The ACM certificate: after the workloads, which need not wait for its DNS validation, and before the Ingress,
   * whose certificate the controller discovers only once it is ISSUED (with the ACK health checks, Argo CD waits).
   */
  certificate: 5,
  /** The Ingress: the ALB is created only once its backends and policies exist. */
  ingress: 10,
} as const;

/** `{ 'argocd.argoproj.io/sync-wave': '<wave>' }` */
export function syncWave(wave: number): Record<string, string> {
  return { [SYNC_WAVE_ANNOTATION]: String(wave) };
}

/** Annotation carrying per-object Argo CD sync options. */
export const SYNC_OPTIONS_ANNOTATION = 'argocd.argoproj.io/sync-options';

/**
 * The per-object sync options that keep Argo CD from deleting an object (Argo CD `docs/user-guide/sync-options.md`;
 * gitops-engine `sync_context.go` `pruneObject`, `controller/appcontroller.go` `shouldBeDeleted`):
 * - `Prune=false`: when the object leaves Git, an automated sync with `prune: true` skips it ("ignored (no prune)")
 *   and the Application stays OutOfSync; `Delete=` is not consulted there.
 * - `Delete=false`: when the Application is deleted with cascade (resources finalizer), the object is left in the
 *   cluster; `Prune=` is not consulted there.
 * Both, because each guards one path and neither covers the other (docs/gitops.md, "Deletion protection").
 */
export const DELETION_GUARD_SYNC_OPTIONS = ['Prune=false', 'Delete=false'] as const;

/** The value of `argocd.argoproj.io/sync-options`: options joined by commas (Argo CD splits on `,` and trims). */
export function syncOptionsValue(options: readonly string[]): string {
  return options.join(',');
}

/** The options of an `argocd.argoproj.io/sync-options` value, as Argo CD reads it (split on `,`, trimmed). */
export function parseSyncOptions(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((option) => option.trim())
    .filter((option) => option.length > 0);
}

/** Options of `customResourceAnnotations` and `guardedAnnotations`. */
export interface SyncOptionsProps {
  /**
   * Add `DELETION_GUARD_SYNC_OPTIONS` (`Prune=false,Delete=false`): Argo CD never deletes the object, neither when
   * it leaves Git nor when the Application is deleted.
   * @default false
   */
  readonly deletionGuard?: boolean;
}

/**
 * Annotations of an object whose CRD is installed by another Application (the controller's chart, the ACK
 * controllers): its sync wave, and `SkipDryRunOnMissingResource=true` so that a cluster's first sync does not
 * fail as a whole while the CRD is not there yet (Argo CD retries the object until it is); with `deletionGuard`,
 * also `Prune=false,Delete=false`.
 */
export function customResourceAnnotations(
  wave: number,
  props: SyncOptionsProps = {},
): Record<string, string> {
  const options = [
    'SkipDryRunOnMissingResource=true',
    ...(props.deletionGuard ? DELETION_GUARD_SYNC_OPTIONS : []),
  ];
  return { ...syncWave(wave), [SYNC_OPTIONS_ANNOTATION]: syncOptionsValue(options) };
}

/**
 * Annotations of a built-in object (CRD always present): its sync wave and, with `deletionGuard`,
 * `argocd.argoproj.io/sync-options: Prune=false,Delete=false`.
 */
export function guardedAnnotations(wave: number, props: SyncOptionsProps = {}): Record<string, string> {
  return {
    ...syncWave(wave),
    ...(props.deletionGuard
      ? { [SYNC_OPTIONS_ANNOTATION]: syncOptionsValue(DELETION_GUARD_SYNC_OPTIONS) }
      : {}),
  };
}
