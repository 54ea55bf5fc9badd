/**
 * Sets of (protocol, port) pairs as sorted, merged port ranges per protocol. The reachability evaluator
 * computes with whole sets, so "everything a policy allows" is exact without enumerating 65535 ports.
 */

/** The protocols a NetworkPolicy port may name; Kubernetes defaults to TCP. */
export const PROTOCOLS = ['TCP', 'UDP', 'SCTP'] as const;
/** A NetworkPolicy protocol. */
export type Protocol = (typeof PROTOCOLS)[number];

/** An inclusive range of ports, `[first, last]`. */
export type PortRange = readonly [first: number, last: number];

/** Ports per protocol; a missing protocol has no ports. Ranges are sorted, disjoint and not adjacent. */
export type PortSet = Readonly<Partial<Record<Protocol, readonly PortRange[]>>>;

/** The lowest and highest port numbers. */
export const MIN_PORT = 1;
export const MAX_PORT = 65535;

/** No port at all. */
export const NO_PORTS: PortSet = {};

/** Every port of every protocol (a rule without `ports`, or a side no policy restricts). */
export const ALL_PORTS: PortSet = Object.fromEntries(PROTOCOLS.map((p) => [p, [[MIN_PORT, MAX_PORT]]]));

/** One port, or the range `[port, endPort]`, of one protocol. */
export function portSetOf(protocol: Protocol, port: number, endPort: number = port): PortSet {
  return endPort < port ? NO_PORTS : { [protocol]: [[port, endPort]] };
}

function normalize(ranges: readonly PortRange[]): PortRange[] {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  const out: [number, number][] = [];
  for (const [first, last] of sorted) {
    const previous = out.at(-1);
    if (previous && first <= previous[1] + 1) previous[1] = Math.max(previous[1], last);
    else out.push([first, last]);
  }
  return out;
}

/** Every port in either set. */
export function unionPorts(...sets: readonly PortSet[]): PortSet {
  const out: Partial<Record<Protocol, readonly PortRange[]>> = {};
  for (const protocol of PROTOCOLS) {
    const ranges = normalize(sets.flatMap((set) => set[protocol] ?? []));
    if (ranges.length > 0) out[protocol] = ranges;
  }
  return out;
}

/** The ports in both sets. */
export function intersectPorts(a: PortSet, b: PortSet): PortSet {
  const out: Partial<Record<Protocol, readonly PortRange[]>> = {};
  for (const protocol of PROTOCOLS) {
    const ranges: PortRange[] = [];
    for (const [a0, a1] of a[protocol] ?? []) {
      for (const [b0, b1] of b[protocol] ?? []) {
        const first = Math.max(a0, b0);
        const last = Math.min(a1, b1);
        if (first <= last) ranges.push([first, last]);
      }
    }
    const merged = normalize(ranges);
    if (merged.length > 0) out[protocol] = merged;
  }
  return out;
}

/** The ports of `a` that are not in `b`. */
export function subtractPorts(a: PortSet, b: PortSet): PortSet {
  const out: Partial<Record<Protocol, readonly PortRange[]>> = {};
  for (const protocol of PROTOCOLS) {
    let ranges: PortRange[] = [...(a[protocol] ?? [])];
    for (const [r0, r1] of b[protocol] ?? []) {
      ranges = ranges.flatMap(([a0, a1]): PortRange[] => {
        if (r1 < a0 || r0 > a1) return [[a0, a1]];
        const pieces: PortRange[] = [];
        if (a0 < r0) pieces.push([a0, r0 - 1]);
        if (a1 > r1) pieces.push([r1 + 1, a1]);
        return pieces;
      });
    }
    if (ranges.length > 0) out[protocol] = ranges;
  }
  return out;
}

/** True when the set holds the port of the protocol. */
export function hasPort(set: PortSet, protocol: Protocol, port: number): boolean {
  return (set[protocol] ?? []).some(([first, last]) => port >= first && port <= last);
}

/** True when the set holds no port. */
export function isEmptyPorts(set: PortSet): boolean {
  return PROTOCOLS.every((protocol) => (set[protocol] ?? []).length === 0);
}

/** Human-readable form, protocols in a fixed order: `53/TCP, 53/UDP, 8080-8090/TCP`; `-` when empty. */
export function formatPorts(set: PortSet): string {
  const parts: string[] = [];
  for (const protocol of PROTOCOLS) {
    for (const [first, last] of set[protocol] ?? []) {
      if (first === MIN_PORT && last === MAX_PORT) parts.push(`any/${protocol}`);
      else parts.push(first === last ? `${first}/${protocol}` : `${first}-${last}/${protocol}`);
    }
  }
  return parts.length > 0 ? parts.join(', ') : '-';
}
