/**
 * The semantic diff of one render target: objects added, removed and changed (field by field), what the
 * change does to routing and reachability, and the risk flags. Pure: it works on the two file maps.
 */
import type { ClusterSettings, Manifest } from '@pms/core';
import { diffCost, type CostChange } from './cost-diff.js';
import { diffFields, type FieldChange } from './fields.js';
import { EMPTY_TREE, manifestsOf, parseTree, refOf } from './objects.js';
import { diffReachability, type ReachabilityDiff } from './reachability.js';
import { findRisks, type RiskFlag } from './risks.js';
import { diffRouting, routingUnchanged, type RoutingDiff } from './routing-diff.js';
import { routingOf } from './routing.js';
import { diffTrafficShift, type TrafficShift } from './traffic-diff.js';

/** Exit status of `pnpm diff`, so CI can tell the outcomes apart. */
export const ExitStatus = {
  /** Nothing renders differently. */
  unchanged: 0,
  /** The diff could not be computed (bad ref, a render failed, …). */
  error: 1,
  /** Rendered output differs; no risk flag. */
  changes: 2,
  /** At least one risk flag: CI waits for a `risk-acceptance` reviewer's approval. */
  risky: 3,
} as const;
export type ExitStatus = (typeof ExitStatus)[keyof typeof ExitStatus];

/** One object that differs. */
export interface ObjectChange {
  /** File path inside the target's folder. */
  readonly path: string;
  /** `Kind namespace/name`. */
  readonly ref: string;
  /** Field changes (only for changed objects). */
  readonly fields: readonly FieldChange[];
}

/** The rendered files of one target on each side; `undefined` when the target does not exist there. */
export interface TargetInput {
  /** App name, e.g. `pms-prod`. */
  readonly name: string;
  /** Output folder, e.g. `clusters/pms-prod`. */
  readonly outDir: string;
  readonly base: ReadonlyMap<string, string> | undefined;
  readonly head: ReadonlyMap<string, string> | undefined;
  /** The cluster's VPC (from its settings), for the reachability endpoints; absent for non-cluster targets. */
  readonly cluster?: Pick<ClusterSettings, 'vpc'>;
}

/** What changed in one target. */
export interface TargetDiff {
  readonly name: string;
  readonly outDir: string;
  /** `new`/`deleted` when the target exists on one side only. */
  readonly status: 'new' | 'deleted' | 'changed' | 'unchanged';
  readonly prod: boolean;
  readonly added: readonly ObjectChange[];
  readonly removed: readonly ObjectChange[];
  readonly changed: readonly ObjectChange[];
  /** Non-object files (README) that differ. */
  readonly files: readonly { readonly path: string; readonly change: 'added' | 'removed' | 'changed' }[];
  readonly routing: RoutingDiff;
  readonly reachability: ReachabilityDiff;
  /** The migration's traffic shift, when the host's DNS weights changed. */
  readonly traffic?: TrafficShift;
  /** The load balancers' cost estimate, when it moved. */
  readonly cost?: CostChange;
  readonly risks: readonly RiskFlag[];
}

/** A production target: its name ends in `prod` (`pms-prod`). */
export function isProdTarget(name: string): boolean {
  return /(^|-)prod$/.test(name);
}

/** Computes the diff of one target. Throws (naming the file) when a rendered file is not a valid object. */
export function diffTarget(input: TargetInput, prod = isProdTarget(input.name)): TargetDiff {
  const base = input.base ? parseTree(`${input.outDir} (base)`, input.base) : EMPTY_TREE;
  const head = input.head ? parseTree(input.outDir, input.head) : EMPTY_TREE;
  const change = (path: string, m: Manifest, fields: FieldChange[] = []): ObjectChange => ({
    path,
    ref: refOf(m),
    fields,
  });
  const added = [...head.objects]
    .filter(([path]) => !base.objects.has(path))
    .map(([path, m]) => change(path, m));
  const removed = [...base.objects]
    .filter(([path]) => !head.objects.has(path))
    .map(([path, m]) => change(path, m));
  const changed: ObjectChange[] = [];
  for (const [path, now] of head.objects) {
    const old = base.objects.get(path);
    if (!old) continue;
    const fields = diffFields(old, now);
    if (fields.length > 0) changed.push(change(path, now, fields));
  }
  const files: TargetDiff['files'][number][] = [];
  for (const [path, content] of head.others) {
    const old = base.others.get(path);
    if (old === undefined) files.push({ path, change: 'added' });
    else if (old !== content) files.push({ path, change: 'changed' });
  }
  for (const path of base.others.keys()) if (!head.others.has(path)) files.push({ path, change: 'removed' });

  const routing = diffRouting(routingOf(manifestsOf(base)), routingOf(manifestsOf(head)));
  // Reachability is compared only where both sides have the target: a new cluster's default deny would otherwise
  // "close" every connection of its empty (allow-everything) base.
  const reachability: ReachabilityDiff =
    input.base && input.head
      ? diffReachability(manifestsOf(base), manifestsOf(head), input.cluster)
      : {
          evaluated: false,
          notEvaluated: input.base ? 'deleted target' : 'new target',
          opened: [],
          closed: [],
        };
  const traffic = diffTrafficShift(base, head);
  const cost = diffCost(base, head);
  const risks = findRisks({ base, head, prod, routing, reachability, ...(traffic ? { traffic } : {}) });
  const differs =
    added.length + removed.length + changed.length + files.length > 0 || !routingUnchanged(routing);
  const status =
    !input.base && input.head
      ? 'new'
      : input.base && !input.head
        ? 'deleted'
        : differs
          ? 'changed'
          : 'unchanged';
  return {
    name: input.name,
    outDir: input.outDir,
    status,
    prod,
    added,
    removed,
    changed,
    files,
    routing,
    reachability,
    ...(traffic ? { traffic } : {}),
    ...(cost ? { cost } : {}),
    risks,
  };
}

/** The exit status for a set of target diffs. */
export function exitStatusOf(diffs: readonly TargetDiff[]): ExitStatus {
  if (diffs.some((d) => d.risks.length > 0)) return ExitStatus.risky;
  if (diffs.some((d) => d.status !== 'unchanged')) return ExitStatus.changes;
  return ExitStatus.unchanged;
}
