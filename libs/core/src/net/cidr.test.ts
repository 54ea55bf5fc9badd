import { describe, expect, it } from 'vitest';
import { cidrContains, cidrHas, cidrsOverlap, formatIpv4, parseCidr, parseIpv4 } from './cidr.js';

const cidr = (text: string) => parseCidr(text)!;

describe('CIDR arithmetic', () => {
  it('parses addresses and refuses malformed ones', () => {
    expect(parseIpv4('10.0.0.1')).toBe(167772161);
    expect(parseIpv4('255.255.255.255')).toBe(2 ** 32 - 1);
    for (const bad of ['10.0.0', '10.0.0.256', '10.0.0.01', 'a.b.c.d', '10.0.0.0.0'])
      expect(parseIpv4(bad)).toBeUndefined();
  });

  it('requires network addresses unless told otherwise', () => {
    expect(parseCidr('10.0.1.7/24')).toBeUndefined();
    expect(parseCidr('10.0.1.7/24', false)?.network).toBe(parseIpv4('10.0.1.0'));
    expect(parseCidr('0.0.0.0/0')).toMatchObject({ prefix: 0, network: 0, last: 2 ** 32 - 1 });
    expect(parseCidr('10.0.0.0/33')).toBeUndefined();
  });

  it('answers containment and overlap at the edges', () => {
    expect(cidrContains(cidr('10.0.0.0/16'), cidr('10.0.255.0/24'))).toBe(true);
    expect(cidrContains(cidr('10.0.0.0/16'), cidr('10.1.0.0/24'))).toBe(false);
    expect(cidrsOverlap(cidr('10.0.0.0/25'), cidr('10.0.0.128/25'))).toBe(false);
    expect(cidrsOverlap(cidr('10.0.0.0/24'), cidr('10.0.0.128/25'))).toBe(true);
    expect(cidrHas(cidr('10.0.0.0/24'), parseIpv4('10.0.0.255')!)).toBe(true);
    expect(cidrHas(cidr('10.0.0.0/24'), parseIpv4('10.0.1.0')!)).toBe(false);
    expect(formatIpv4(parseIpv4('192.168.1.20')!)).toBe('192.168.1.20');
  });
});
