/**
 * What a change does to routing: rules added, removed, re-ordered and re-targeted, which probe URLs now
 * end up elsewhere, and which rules became unreachable (shadowed by an earlier rule). Probes are derived
 * from the paths of both versions plus boundary cases, so every rule is exercised on both sides.
 */
import { probeLabel, type Probe, type RouteRule, type RoutingModel } from './routing-model.js';

/** A probe whose destination differs between base and head. */
export interface RerouteChange {
  readonly probe: Probe;
  readonly before: string;
  readonly after: string;
  /** The rules that answered, for the reader (`undefined` = the default action). */
  readonly beforeRule?: RouteRule;
  readonly afterRule?: RouteRule;
}

/** A rule present in both versions whose target differs. */
export interface BackendChange {
  readonly rule: RouteRule;
  readonly before: string;
  readonly after: string;
}

/** A rule that moved relative to the others. */
export interface Reorder {
  readonly rule: RouteRule;
  readonly beforeIndex: number;
  readonly afterIndex: number;
}

/** A rule no probe of its own path reaches, because an earlier rule answers first. */
export interface Shadowed {
  readonly rule: RouteRule;
  readonly by: RouteRule;
}

/** The routing part of one target's diff. */
export interface RoutingDiff {
  readonly added: readonly RouteRule[];
  readonly removed: readonly RouteRule[];
  readonly reordered: readonly Reorder[];
  readonly backendChanges: readonly BackendChange[];
  readonly rerouted: readonly RerouteChange[];
  /** Rules shadowed in head that were not shadowed (or did not exist) in base. */
  readonly newlyShadowed: readonly Shadowed[];
  /** How many probe URLs were routed on each side. */
  readonly probes: number;
  /** How many probe URLs reached a backend (a Service port) in base. */
  readonly servedBefore: number;
  /** How many probe URLs reach a backend in head. */
  readonly servedAfter: number;
  /** How many listener rules base and head have together (0: no load balancer on either side). */
  readonly rules: number;
  /**
   * The frontend (SPA): the backends the catch-all answers with — where `/` is forwarded on any probed host,
   * in base or head (e.g. `frontend:80`). Empty when no side forwards `/`.
   */
  readonly frontends: readonly string[];
}

/** True when the diff has nothing to report. */
export function routingUnchanged(diff: RoutingDiff): boolean {
  return (
    diff.added.length +
      diff.removed.length +
      diff.reordered.length +
      diff.backendChanges.length +
      diff.rerouted.length +
      diff.newlyShadowed.length ===
    0
  );
}

/** Compares the routing of base and head. */
export function diffRouting(base: RoutingModel, head: RoutingModel): RoutingDiff {
  const baseIds = new Map(base.rules.map((rule, i) => [rule.id, { rule, index: i }]));
  const headIds = new Map(head.rules.map((rule, i) => [rule.id, { rule, index: i }]));
  const added = head.rules.filter((rule) => !baseIds.has(rule.id));
  const removed = base.rules.filter((rule) => !headIds.has(rule.id));
  const backendChanges: BackendChange[] = [];
  for (const rule of head.rules) {
    const old = baseIds.get(rule.id);
    if (old && old.rule.target !== rule.target)
      backendChanges.push({ rule, before: old.rule.target, after: rule.target });
  }
  const common = (rules: readonly RouteRule[], other: Map<string, unknown>) =>
    rules.filter((r) => other.has(r.id)).map((r) => r.id);
  const kept = new Set(lcs(common(base.rules, headIds), common(head.rules, baseIds)));
  const reordered: Reorder[] = head.rules
    .filter((rule) => baseIds.has(rule.id) && !kept.has(rule.id))
    .map((rule) => ({
      rule,
      beforeIndex: baseIds.get(rule.id)!.index,
      afterIndex: headIds.get(rule.id)!.index,
    }));

  const probes = probesFor([...base.rules, ...head.rules]);
  const rerouted: RerouteChange[] = [];
  let servedBefore = 0;
  let servedAfter = 0;
  for (const probe of probes) {
    const before = base.route(probe);
    const after = head.route(probe);
    if (isBackend(before.target)) servedBefore++;
    if (isBackend(after.target)) servedAfter++;
    if (before.target !== after.target) {
      rerouted.push({
        probe,
        before: before.target,
        after: after.target,
        ...(before.rule ? { beforeRule: before.rule } : {}),
        ...(after.rule ? { afterRule: after.rule } : {}),
      });
    }
  }
  const frontends = new Set<string>();
  for (const host of new Set(probes.map((p) => p.host))) {
    for (const model of [base, head]) {
      const target = model.route({ host, path: '/' }).target;
      if (isBackend(target)) frontends.add(target);
    }
  }
  const shadowedBefore = new Set(shadowedRules(base).map((s) => s.rule.id));
  const newlyShadowed = shadowedRules(head).filter((s) => !shadowedBefore.has(s.rule.id));
  return {
    added,
    removed,
    reordered,
    backendChanges,
    rerouted,
    newlyShadowed,
    probes: probes.length,
    servedBefore,
    servedAfter,
    rules: base.rules.length + head.rules.length,
    frontends: [...frontends].sort(),
  };
}

/** True for a forward to a Service port (`apigateway:8080`), not a redirect, fixed response or no answer. */
export function isBackend(target: string): boolean {
  return /^[^\s:]+:\d+$/.test(target);
}

/**
 * The representative requests for a set of rules: for every host named (plus one no rule names) and every
 * path — the path itself, with a trailing slash, one element deeper, the same element with a suffix (the
 * `/api` vs `/apix` boundary) and its parent — and `/`. Wildcards are instantiated with `x`.
 */
export function probesFor(rules: readonly RouteRule[]): Probe[] {
  const hosts = new Set<string>();
  for (const rule of rules) hosts.add(rule.host.startsWith('*.') ? `x${rule.host.slice(1)}` : rule.host);
  if (rules.some((rule) => rule.host)) hosts.add('unknown-host.invalid');
  if (hosts.size === 0) hosts.add('');
  const paths = new Set<string>(['/']);
  for (const rule of rules) {
    const path = rule.path.replace(/[*?]/g, 'x') || '/';
    const trimmed = path.replace(/\/+$/, '') || '/';
    paths.add(path);
    paths.add(trimmed);
    if (trimmed !== '/') {
      paths.add(`${trimmed}/`);
      paths.add(`${trimmed}/x`);
      paths.add(`${trimmed}x`);
      paths.add(trimmed.slice(0, trimmed.lastIndexOf('/')) || '/');
    }
  }
  const probes: Probe[] = [];
  for (const host of [...hosts].sort()) for (const path of [...paths].sort()) probes.push({ host, path });
  return probes;
}

/** Rules that never answer their own representative requests, with the rule that does. */
export function shadowedRules(model: RoutingModel): Shadowed[] {
  const shadowed: Shadowed[] = [];
  for (const rule of model.rules) {
    const own = ownProbes(rule);
    const winners = own.map((probe) => model.route(probe).rule);
    if (winners.every((winner) => winner !== undefined && winner.id !== rule.id))
      shadowed.push({ rule, by: winners[0]! });
  }
  return shadowed;
}

function ownProbes(rule: RouteRule): Probe[] {
  const host = rule.host.startsWith('*.') ? `x${rule.host.slice(1)}` : rule.host;
  const path = rule.path.replace(/[*?]/g, 'x') || '/';
  const trimmed = path.replace(/\/+$/, '');
  if (rule.pathType === 'Exact') return [{ host, path }];
  return [
    { host, path: trimmed || '/' },
    { host, path: `${trimmed}/x` },
  ];
}

/** Longest common subsequence of two id lists (the rules that kept their relative order). */
function lcs(a: readonly string[], b: readonly string[]): string[] {
  const table = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      table[i]![j] =
        a[i] === b[j] ? table[i + 1]![j + 1]! + 1 : Math.max(table[i + 1]![j]!, table[i]![j + 1]!);
    }
  }
  const out: string[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      out.push(a[i]!);
      i++;
      j++;
    } else if (table[i + 1]![j]! >= table[i]![j + 1]!) i++;
    else j++;
  }
  return out;
}

export { probeLabel };
