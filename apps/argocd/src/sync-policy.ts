/**
 * How every PMS Application syncs: automated with prune and self-heal, retried with backoff, and sync
 * options chosen for committed plain YAML. Shared by the cluster Applications (ApplicationSet template),
 * the controller's Helm Applications and the bootstrap Application.
 */
import type { ISyncPolicy } from '@kubernetes-models/argo-cd/argoproj.io/v1alpha1';

/**
 * The sync options this project uses. Argo CD ignores an option it does not know (a typo such as
 * `Prunelast=true` silently does nothing), so options are a closed set, checked by `strict.ts` too.
 */
export const SYNC_OPTIONS = [
  /** Delete objects removed from Git only after every wave applied and is healthy. */
  'PruneLast=true',
  /** Server-side apply: no 256 KiB last-applied annotation (CRDs, IAM documents), field ownership per manager. */
  'ServerSideApply=true',
  /** Keep `ignoreDifferences` fields (owned by a controller) out of the applied patch, not just out of the diff. */
  'RespectIgnoreDifferences=true',
  /** Refuse to take over an object another Application already manages (e.g. a second IngressClass `alb`). */
  'FailOnSharedResource=true',
  /** Only apply what is out of sync: a merge touching one object does not re-apply the whole cluster. */
  'ApplyOutOfSyncOnly=true',
  /** The Namespaces are rendered (the foundation Application syncs them); Argo CD must not create them. */
  'CreateNamespace=false',
  /**
   * Only for namespaces no rendered folder holds: `ack-system` (the ACK CRDs Application), `external-dns` (the
   * external-dns Application) and the operators' namespaces (`cnpg-system`, `strimzi`: their release Applications),
   * each with the metadata in `managedNamespaceMetadata` (restricted Pod Security).
   */
  'CreateNamespace=true',
] as const;

/** One of the sync options this project uses. */
export type SyncOption = (typeof SYNC_OPTIONS)[number];

/** Retry of a failed sync: 10 attempts, 15 s doubling up to 5 min (about 30 min in all). */
export const SYNC_RETRY = {
  limit: 10,
  backoff: { duration: '15s', factor: 2, maxDuration: '5m' },
} as const;

/** Props of `automatedSyncPolicy`. */
export interface AutomatedSyncPolicyProps {
  /** Sync options of the Application. */
  readonly syncOptions: readonly SyncOption[];
  /**
   * Delete objects removed from the source. Off only where deleting is worse than keeping a stale object
   * (CRDs: deleting one deletes every object of its kind).
   * @default true
   */
  readonly prune?: boolean;
}

/**
 * Automated sync with prune and self-heal (drift in the cluster is reverted to Git), never syncing an
 * empty set of objects (a render that lost every file must not wipe a cluster), retried with backoff.
 */
export function automatedSyncPolicy(props: AutomatedSyncPolicyProps): ISyncPolicy {
  return {
    automated: { enabled: true, prune: props.prune ?? true, selfHeal: true, allowEmpty: false },
    retry: { limit: SYNC_RETRY.limit, backoff: { ...SYNC_RETRY.backoff } },
    syncOptions: [...props.syncOptions],
  };
}
