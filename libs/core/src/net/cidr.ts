/** IPv4 addresses and CIDR blocks, as needed to check VPC and subnet settings and NetworkPolicy ipBlocks. */

/** A parsed IPv4 CIDR block. `network` and `broadcast` are 32-bit unsigned integers. */
export interface Cidr {
  readonly text: string;
  readonly prefix: number;
  readonly network: number;
  readonly last: number;
}

/** Parses a dotted-quad IPv4 address into an unsigned 32-bit integer; undefined when invalid. */
export function parseIpv4(value: string): number | undefined {
  const parts = value.split('.');
  if (parts.length !== 4) return undefined;
  let result = 0;
  for (const part of parts) {
    if (!/^(0|[1-9]\d{0,2})$/.test(part)) return undefined;
    const octet = Number(part);
    if (octet > 255) return undefined;
    result = result * 256 + octet;
  }
  return result;
}

/**
 * Parses `a.b.c.d/n`. With `strict` (the default) the address must be the network address
 * (`10.0.1.0/24`, not `10.0.1.7/24`), as AWS requires for VPC and subnet CIDRs.
 */
export function parseCidr(value: string, strict = true): Cidr | undefined {
  const match = /^([\d.]+)\/(\d{1,2})$/.exec(value);
  if (!match) return undefined;
  const address = parseIpv4(match[1]!);
  const prefix = Number(match[2]);
  if (address === undefined || prefix > 32) return undefined;
  const size = 2 ** (32 - prefix);
  const network = Math.floor(address / size) * size;
  if (strict && network !== address) return undefined;
  return { text: value, prefix, network, last: network + size - 1 };
}

/** True when `inner` lies entirely inside `outer`. */
export function cidrContains(outer: Cidr, inner: Cidr): boolean {
  return inner.network >= outer.network && inner.last <= outer.last;
}

/** True when the two blocks share at least one address. */
export function cidrsOverlap(a: Cidr, b: Cidr): boolean {
  return a.network <= b.last && b.network <= a.last;
}

/** True when the address (an integer from `parseIpv4`) lies in the block. */
export function cidrHas(cidr: Cidr, address: number): boolean {
  return address >= cidr.network && address <= cidr.last;
}

/** Formats an integer address as dotted quad. */
export function formatIpv4(address: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(address / 2 ** shift) % 256).join('.');
}
