import { describe, expect, it } from 'vitest';
import {
  ACCEPTED_SSL_POLICIES,
  DEFAULT_SSL_POLICY,
  RECOMMENDED_SSL_POLICY,
  SSL_POLICIES,
  sslPolicyMinimumTls,
  sslPolicyStrength,
  type SslPolicyName,
} from './ssl-policy.js';

describe('sslPolicyMinimumTls', () => {
  it('reads known policies from the table and unknown ones from their names', () => {
    expect(sslPolicyMinimumTls('ELBSecurityPolicy-2016-08')).toBe('1.0');
    expect(sslPolicyMinimumTls('ELBSecurityPolicy-TLS13-1-2-Res-2021-06')).toBe('1.2');
    expect(sslPolicyMinimumTls('ELBSecurityPolicy-TLS13-1-3-2099-01')).toBe('1.3');
    expect(sslPolicyMinimumTls('SomeCustomPolicy')).toBe('1.0');
  });

  it('agrees with the table for every known policy', () => {
    for (const name of Object.keys(SSL_POLICIES) as SslPolicyName[]) {
      expect(sslPolicyMinimumTls(name), name).toBe(SSL_POLICIES[name].minimumTls);
    }
  });
});

describe('sslPolicyStrength', () => {
  it('ranks by minimum version, then TLS 1.3, restricted ciphers and post-quantum key exchange', () => {
    const rank = (name: string) => sslPolicyStrength(name);
    expect(rank('ELBSecurityPolicy-TLS13-1-2-Res-2021-06')).toBeGreaterThan(
      rank('ELBSecurityPolicy-TLS13-1-2-2021-06'),
    );
    expect(rank('ELBSecurityPolicy-TLS13-1-2-2021-06')).toBeGreaterThan(
      rank('ELBSecurityPolicy-TLS-1-2-2017-01'),
    );
    expect(rank('ELBSecurityPolicy-TLS-1-2-2017-01')).toBeGreaterThan(
      rank('ELBSecurityPolicy-TLS13-1-1-2021-06'),
    );
    expect(rank('ELBSecurityPolicy-TLS13-1-2-PQ-2025-09')).toBeGreaterThan(
      rank('ELBSecurityPolicy-TLS13-1-2-2021-06'),
    );
  });

  it('ranks every accepted policy, the recommended one included, above the AWS default', () => {
    expect(ACCEPTED_SSL_POLICIES).toContain(RECOMMENDED_SSL_POLICY);
    for (const name of ACCEPTED_SSL_POLICIES) {
      expect(sslPolicyStrength(name), name).toBeGreaterThan(sslPolicyStrength(DEFAULT_SSL_POLICY));
    }
  });
});
