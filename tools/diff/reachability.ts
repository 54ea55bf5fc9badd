/**
 * Adapter: connections opened and closed, from `@pms/networking`'s NetworkPolicy evaluator over the rendered
 * objects (the same evaluator that checks the rendered policies against the communication graph). It is the
 * only module of the diff that knows that library's types.
 */
import type { ClusterSettings, Manifest } from '@pms/core';
import {
  clusterReachability,
  formatPorts,
  isEmptyPorts,
  NO_PORTS,
  subtractPorts,
  type PortSet,
} from '@pms/networking';
import type { Connection } from './reachability-model.js';

/** Connections opened and closed between base and head. */
export interface ReachabilityDiff {
  /**
   * False when nothing was compared: the target has no cluster settings (e.g. `argocd`), or exists on one side only
   * (a new cluster's default deny "closes" nothing its empty base ever had; see `notEvaluated`).
   */
  readonly evaluated: boolean;
  /** Why nothing was compared, when `evaluated` is false. */
  readonly notEvaluated?: 'no cluster settings' | 'new target' | 'deleted target';
  readonly opened: readonly Connection[];
  readonly closed: readonly Connection[];
}

/**
 * Compares the allowed connections of base and head, per endpoint pair and port. The endpoints (PMS services,
 * kube-dns, the API server, the operators, the ALB's subnets, the rest of the VPC, the internet, another namespace)
 * come from the cluster's VPC settings — the head's, for both sides.
 */
export function diffReachability(
  base: readonly Manifest[],
  head: readonly Manifest[],
  cluster: Pick<ClusterSettings, 'vpc'> | undefined,
): ReachabilityDiff {
  if (!cluster) return { evaluated: false, notEvaluated: 'no cluster settings', opened: [], closed: [] };
  const pairs = (manifests: readonly Manifest[]) =>
    new Map(clusterReachability(cluster, manifests).map((c) => [`${c.from}\u0000${c.to}`, c.ports]));
  const before = pairs(base);
  const after = pairs(head);
  const opened: Connection[] = [];
  const closed: Connection[] = [];
  for (const key of [...new Set([...before.keys(), ...after.keys()])].sort()) {
    const [from, to] = key.split('\u0000') as [string, string];
    const was: PortSet = before.get(key) ?? NO_PORTS;
    const now: PortSet = after.get(key) ?? NO_PORTS;
    const gained = subtractPorts(now, was);
    const lost = subtractPorts(was, now);
    if (!isEmptyPorts(gained)) opened.push({ from, to, port: formatPorts(gained) });
    if (!isEmptyPorts(lost)) closed.push({ from, to, port: formatPorts(lost) });
  }
  return { evaluated: true, opened, closed };
}
