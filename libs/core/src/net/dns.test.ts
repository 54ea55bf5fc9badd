import { describe, expect, it } from 'vitest';
import { hostMatches, isDnsLabel, isDnsName } from './dns.js';

describe('DNS names', () => {
  it('accepts host names and refuses the rest', () => {
    expect(isDnsName('pms.example.com')).toBe(true);
    expect(isDnsName('dev.pms.example.com')).toBe(true);
    for (const bad of [
      'localhost',
      'PMS.example.com',
      'pms..example.com',
      '-pms.example.com',
      'pms.example.com.',
      'a_b.example.com',
      '10.0.0.1',
      `${'a'.repeat(64)}.com`,
    ]) {
      expect(isDnsName(bad), bad).toBe(false);
    }
    expect(isDnsLabel('pms-dev')).toBe(true);
    expect(isDnsLabel('pms-dev-')).toBe(false);
  });

  it('matches a wildcard one label deep only', () => {
    expect(hostMatches('*.example.com', 'pms.example.com')).toBe(true);
    expect(hostMatches('*.example.com', 'dev.pms.example.com')).toBe(false);
    expect(hostMatches('*.example.com', 'example.com')).toBe(false);
    expect(hostMatches('pms.example.com', 'pms.example.com')).toBe(true);
  });
});
