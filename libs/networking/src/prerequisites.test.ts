import { PREREQUISITE_ID } from '@pms/core';
import { exampleClusterSettings } from '@pms/core/testing';
import { describe, expect, it } from 'vitest';
import { networkingPrerequisites, NETWORKING_PREREQUISITES } from './prerequisites.js';

describe('networking’s cluster prerequisites', () => {
  const cluster = exampleClusterSettings({ name: 'pms-x', eksClusterName: 'eks-x', region: 'eu-west-1' });
  const prerequisites = networkingPrerequisites(cluster);

  it('lists each of its ids once, in kebab case', () => {
    expect(prerequisites.map((p) => p.id).sort()).toEqual(Object.values(NETWORKING_PREREQUISITES).sort());
    for (const p of prerequisites) expect(p.id).toMatch(PREREQUISITE_ID);
  });

  it('gives commands for that cluster: its EKS name and region, a check built on the inspect command', () => {
    for (const p of prerequisites) {
      for (const command of [p.inspect, p.check, p.fix]) {
        expect(command, p.id).toContain('--cluster-name eks-x');
        expect(command, p.id).toContain('--region eu-west-1');
      }
      expect(p.check, p.id).toContain(p.inspect);
      expect(p.why.length + p.source.length + p.requiredBy.length, p.id).toBeGreaterThan(0);
    }
  });

  it('checks the VPC CNI configuration for enableNetworkPolicy, as the EKS guide configures it', () => {
    const cni = prerequisites.find((p) => p.id === NETWORKING_PREREQUISITES.vpcCniNetworkPolicy)!;
    expect(cni.inspect).toContain('describe-addon --addon-name vpc-cni');
    expect(cni.inspect).toContain('addon.configurationValues');
    expect(cni.check).toContain('enableNetworkPolicy');
    expect(cni.fix).toContain(`--configuration-values '{"enableNetworkPolicy":"true"}'`);
  });
});
