import { buildPmsCluster, fleetIdentityIssuesOf } from '@pms/platform';
import { describe, expect, it } from 'vitest';
import { settings as pmsDev } from '../../apps/pms-dev/src/settings.js';
import { realClusters } from './clusters.js';
import { syntheticCluster, syntheticFleet } from './fleet.js';

describe('synthetic fleets', () => {
  it('varies name, host, CIDRs, VPC and access-log bucket per cluster, keeping account and region', () => {
    const [first, second] = syntheticFleet(pmsDev, 2);
    expect(first!.name).toBe('pms-syn-001');
    expect(first!.host).toBe('c001.pms.example.com');
    expect(first!.vpc.cidr).toBe('10.100.0.0/16');
    expect(second!.vpc.albSubnets.map((s) => s.cidr)).toEqual([
      '10.101.0.0/24',
      '10.101.1.0/24',
      '10.101.2.0/24',
    ]);
    expect(second!.accessLogs.bucket).toBe(pmsDev.accessLogs.bucket.replace(pmsDev.name, 'pms-syn-002'));
    expect(new Set([first!.vpc.id, second!.vpc.id, pmsDev.vpc.id]).size).toBe(3);
    expect(first!.aws).toEqual(pmsDev.aws);
    expect(JSON.stringify(first)).not.toContain(pmsDev.name);
  });

  it('gives each cluster its own legacy load balancers, so a fleet passes the fleet check', () => {
    const migrating = realClusters().find((c) => (c.migration?.legacyLoadBalancers.length ?? 0) > 0)!;
    const fleet = syntheticFleet(migrating, 3);
    const hostnames = fleet.flatMap((c) => c.migration!.legacyLoadBalancers.map((lb) => lb.hostname));
    expect(new Set(hostnames).size).toBe(hostnames.length);
    expect(fleet.flatMap((cluster) => fleetIdentityIssuesOf(cluster, fleet))).toEqual([]);
  });

  it('makes clusters that render and validate like the real one, with as many objects', () => {
    const real = buildPmsCluster(pmsDev).manifests;
    const synthetic = buildPmsCluster(syntheticCluster(pmsDev, 41)).manifests;
    expect(synthetic.map((m) => m.kind)).toEqual(real.map((m) => m.kind));
    expect(synthetic.length).toBeGreaterThan(10);
  });

  it("makes a fleet that passes the fleet check: no cluster holds another one's AWS resources", () => {
    const fleet = syntheticFleet(pmsDev, 5);
    expect(fleet.flatMap((cluster) => fleetIdentityIssuesOf(cluster, fleet))).toEqual([]);
    expect(new Set(fleet.flatMap((c) => c.vpc.albSubnets.map((s) => s.id))).size).toBe(
      fleet.length * pmsDev.vpc.albSubnets.length,
    );
  });

  it('refuses sizes its address plan cannot hold', () => {
    expect(() => syntheticFleet(pmsDev, 151)).toThrow('fleet size 151: allowed 1 to 150');
  });
});
