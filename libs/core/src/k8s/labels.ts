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
 * Annotations of an object whose CRD is installed by another Application (the controller's chart, the ACK
 * controllers): its sync wave, and `SkipDryRunOnMissingResource=true` so that a cluster's first sync does not
 * fail as a whole while the CRD is not there yet (Argo CD retries the object until it is).
 */
export function customResourceAnnotations(wave: number): Record<string, string> {
  return { ...syncWave(wave), [SYNC_OPTIONS_ANNOTATION]: 'SkipDryRunOnMissingResource=true' };
}
