import { Checks } from '@pms/core';
import { exampleClusterSettings } from '@pms/core/testing';
import { describe, expect, it } from 'vitest';
import { legacyEndpointName } from './records.js';
import type { MigrationSettings } from './settings.js';
import { loadBalancerHostnamePattern, validateDnsSettings, validateMigrationSettings } from './validate.js';

const cluster = exampleClusterSettings({
  name: 'pms-test',
  region: 'eu-central-1',
  host: 'pms.test.example.com',
});
const CLB = 'a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6-1234567890.eu-central-1.elb.amazonaws.com';
const NLB = 'legacy-api-0123456789abcdef.elb.eu-central-1.amazonaws.com';

function migrationProblems(migration: unknown): string[] {
  const checks = new Checks('pms-test', 'migration');
  validateMigrationSettings(migration as MigrationSettings, cluster, checks);
  return checks.issues.map(
    (i) => `${i.field} = ${JSON.stringify(i.value)}: ${i.problem ?? ''} / ${i.allowed}`,
  );
}

describe('validateDnsSettings', () => {
  it.each([
    ['Z0123456789ABCDEFGHIJ', []],
    ['/hostedzone/Z0123456789ABCDEFGHIJ', ['includes the /hostedzone/ prefix']],
    ['z0123456789abcdefghij', ['the id of the public Route 53 hosted zone']],
    [undefined, ['the id of the public Route 53 hosted zone']],
  ] as const)('%s', (hostedZoneId, expected) => {
    const checks = new Checks('pms-test', 'dns');
    validateDnsSettings({ hostedZoneId } as never, checks);
    expect(checks.issues).toHaveLength(expected.length);
    checks.issues.forEach((issue, i) => {
      expect(issue.field).toBe('dns.hostedZoneId');
      expect(`${issue.problem ?? ''} ${issue.allowed}`).toContain(expected[i]);
    });
  });
});

describe('validateMigrationSettings', () => {
  it('accepts a migration in progress, a finished one, and none', () => {
    expect(
      migrationProblems({ albWeightPercent: 10, legacyLoadBalancers: [{ name: 'web', hostname: CLB }] }),
    ).toEqual([]);
    expect(
      migrationProblems({
        albWeightPercent: 0,
        legacyLoadBalancers: [
          { name: 'web', hostname: CLB },
          { name: 'api', hostname: NLB },
        ],
      }),
    ).toEqual([]);
    expect(migrationProblems({ albWeightPercent: 100, legacyLoadBalancers: [] })).toEqual([]);
    expect(migrationProblems(undefined)).toEqual([]);
  });

  it.each([
    [
      { albWeightPercent: 150, legacyLoadBalancers: [{ name: 'web', hostname: CLB }] },
      'albWeightPercent = 150:  / a whole number from 0 to 100 percent',
    ],
    [
      { albWeightPercent: 12.5, legacyLoadBalancers: [{ name: 'web', hostname: CLB }] },
      'albWeightPercent = 12.5:  / a whole number from 0 to 100 percent',
    ],
    [
      { albWeightPercent: 40, legacyLoadBalancers: [] },
      "legacyLoadBalancers = []: the ALB gets 40 % of the host's answers, and nothing would answer for the other 60 %",
    ],
    [
      { albWeightPercent: 100, legacyLoadBalancers: [{ name: 'web', hostname: CLB }] },
      'legacyLoadBalancers = ["web"]: at 100 % the ALB answers alone',
    ],
  ])('refuses weights that do not add up: %j', (migration, message) => {
    expect(migrationProblems(migration).map((p) => `migration.${p.slice('migration.'.length)}`)).toEqual([
      expect.stringContaining(`migration.${message}`),
    ]);
  });

  it('refuses legacy hostnames that are not load balancers of the region, the ALB itself, and repeats', () => {
    expect(
      migrationProblems({
        albWeightPercent: 10,
        legacyLoadBalancers: [
          { name: 'web', hostname: 'legacy.example.com' },
          { name: 'eu-west', hostname: CLB.replace('eu-central-1', 'eu-west-1') },
          { name: 'self', hostname: 'pms-test-pms-1234567890.eu-central-1.elb.amazonaws.com' },
          { name: 'web', hostname: NLB },
          { name: 'Bad_Name', hostname: NLB },
        ],
      }),
    ).toEqual([
      expect.stringMatching(
        /^migration\.legacyLoadBalancers\[0\]\.hostname = "legacy\.example\.com":  \/ the DNS name of a load balancer in eu-central-1/,
      ),
      expect.stringMatching(
        /^migration\.legacyLoadBalancers\[1\]\.hostname = ".*eu-west-1.*":  \/ the DNS name of a load balancer in eu-central-1/,
      ),
      expect.stringMatching(
        /^migration\.legacyLoadBalancers\[2\]\.hostname = "pms-test-pms-.*": names the cluster's own ALB \(pms-test-pms\)/,
      ),
      `migration.legacyLoadBalancers[3].name = "web": legacyLoadBalancers[0] has this name too: both would publish DNSEndpoint ${legacyEndpointName('web')} and one set identifier / a name no other legacy load balancer has`,
      expect.stringMatching(
        /^migration\.legacyLoadBalancers\[4\]\.name = "Bad_Name":  \/ a short lower-case name/,
      ),
      `migration.legacyLoadBalancers[4].hostname = "${NLB}": legacyLoadBalancers[3] names this load balancer too: it would get two weighted records, and twice its share / each legacy load balancer once (one record per load balancer)`,
    ]);
  });

  it('matches the canonical hosted zones external-dns aliases, and nothing else', () => {
    const pattern = loadBalancerHostnamePattern('eu-central-1');
    expect(pattern.test(CLB)).toBe(true);
    expect(pattern.test(NLB)).toBe(true);
    expect(pattern.test(`${CLB}.evil.example.com`)).toBe(false);
    expect(pattern.test('eu-central-1.elb.amazonaws.com')).toBe(false);
  });
});
