/**
 * Deletion guards removed: a change that takes away one of the protections that keep a load balancer or a stateful
 * AWS object alive when its object is deleted (`@pms/core` `k8s/protection.ts`). Each layer guards its own path, so
 * losing any one is a risk even while the others stay:
 * - Argo CD's `Prune=false` (removal from Git) and `Delete=false` (deletion of the Application) sync options;
 * - ACK's `services.k8s.aws/deletion-policy: retain` (the AWS resource outlives its object, whoever deletes it).
 * The Ingress's own `deletion_protection.enabled=true` (the controller's delete guard) is `deletion-protection-off`'s.
 * Read from the rendered objects of base and head, object by object (same file path = same object).
 */
import {
  ACK_DELETION_POLICY_ANNOTATION,
  DELETION_GUARD_SYNC_OPTIONS,
  parseSyncOptions,
  SYNC_OPTIONS_ANNOTATION,
  type Manifest,
} from '@pms/core';
import { refOf, type RenderedTree } from './objects.js';

/** A removed deletion guard: the object and what it lost. */
export interface RemovedGuard {
  /** `Kind namespace/name` of the object. */
  readonly object: string;
  /** What it lost, e.g. `Argo CD sync option Delete=false`. */
  readonly guard: string;
  /** What can now happen. */
  readonly consequence: string;
}

const CONSEQUENCES: Readonly<Record<string, string>> = {
  'Prune=false': 'Argo CD deletes it when it leaves Git',
  'Delete=false': 'Argo CD deletes it when the Application is deleted',
};

/** The guards of one object: its Argo CD deletion-guard options and its ACK retain policy. */
function guardsOf(manifest: Manifest): Map<string, string> {
  const guards = new Map<string, string>();
  const options = parseSyncOptions(manifest.metadata.annotations?.[SYNC_OPTIONS_ANNOTATION]);
  for (const option of DELETION_GUARD_SYNC_OPTIONS) {
    if (options.includes(option)) guards.set(`Argo CD sync option ${option}`, CONSEQUENCES[option]!);
  }
  if (manifest.metadata.annotations?.[ACK_DELETION_POLICY_ANNOTATION] === 'retain') {
    guards.set(
      `ACK deletion policy retain`,
      'deleting the object (by Argo CD or by hand) deletes the AWS resource',
    );
  }
  return guards;
}

/**
 * Every guard an object of base has and the same object of head has not. A deleted object is not listed here: in
 * prod it is `prod-object-deleted` (and a protected one stays in the cluster anyway).
 */
export function removedGuards(base: RenderedTree, head: RenderedTree): RemovedGuard[] {
  const removed: RemovedGuard[] = [];
  for (const [path, before] of base.objects) {
    const after = head.objects.get(path);
    if (!after) continue;
    const kept = guardsOf(after);
    for (const [guard, consequence] of guardsOf(before)) {
      if (!kept.has(guard)) removed.push({ object: refOf(after), guard, consequence });
    }
  }
  return removed;
}
