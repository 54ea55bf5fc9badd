import { describe, expect, it } from 'vitest';
import { formatPorts, intersectPorts, portSetOf, subtractPorts, unionPorts } from './port-set.js';

describe('port sets', () => {
  it('merges adjacent and overlapping ranges', () => {
    expect(
      formatPorts(unionPorts(portSetOf('TCP', 80), portSetOf('TCP', 81, 90), portSetOf('TCP', 85, 100))),
    ).toBe('80-100/TCP');
  });

  it('intersects and subtracts per protocol', () => {
    const a = unionPorts(portSetOf('TCP', 1, 100), portSetOf('UDP', 53));
    expect(formatPorts(intersectPorts(a, portSetOf('TCP', 50, 200)))).toBe('50-100/TCP');
    expect(formatPorts(intersectPorts(a, portSetOf('UDP', 54)))).toBe('-');
    expect(formatPorts(subtractPorts(a, portSetOf('TCP', 10, 20)))).toBe('1-9/TCP, 21-100/TCP, 53/UDP');
  });
});
