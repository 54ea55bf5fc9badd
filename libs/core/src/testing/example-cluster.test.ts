import { describe, expect, it } from 'vitest';
import { validateClusterSettings } from '../cluster/validate.js';
import { exampleClusterSettings } from './example-cluster.js';

describe('exampleClusterSettings', () => {
  it('is valid with its defaults', () => {
    const cluster = exampleClusterSettings();
    expect(validateClusterSettings(cluster)).toEqual([]);
    expect(cluster).toMatchObject({
      name: 'pms-test',
      environment: 'staging',
      aws: { accountId: '123456789012', region: 'eu-central-1' },
      deletionProtection: false,
    });
  });

  it('derives the VPC and the names from its parameters, and stays valid', () => {
    const cluster = exampleClusterSettings({
      name: 'pms-x',
      environment: 'prod',
      region: 'eu-west-1',
      accountId: '222222222222',
      vpcOctet: 30,
      zones: ['a', 'b', 'c'],
    });
    expect(validateClusterSettings(cluster)).toEqual([]);
    expect(cluster.vpc.cidr).toBe('10.30.0.0/16');
    expect(cluster.vpc.albSubnets.map((s) => `${s.availabilityZone} ${s.cidr}`)).toEqual([
      'eu-west-1a 10.30.0.0/24',
      'eu-west-1b 10.30.1.0/24',
      'eu-west-1c 10.30.2.0/24',
    ]);
    expect(cluster.vpc.podSubnets).toEqual(['10.30.64.0/18']);
    // Nothing pinned: the ALB discovers its certificate and names its web ACL.
    expect(cluster.certificateArn).toBeUndefined();
    expect(cluster.webAclArn).toBeUndefined();
    expect(cluster).toMatchObject({
      eksClusterName: 'pms-x',
      host: 'pms-x.example.com',
      accessLogs: { bucket: 'pms-x-alb-logs', prefix: 'alb/pms-x' },
      deletionProtection: true,
    });
  });

  it('keeps a field given explicitly as is', () => {
    expect(exampleClusterSettings({ host: 'pms.example.com', eksClusterName: 'eks-1' })).toMatchObject({
      host: 'pms.example.com',
      eksClusterName: 'eks-1',
    });
  });

  it('returns a fresh object on every call', () => {
    const first = exampleClusterSettings();
    expect(exampleClusterSettings()).toEqual(first);
    expect(exampleClusterSettings().vpc.albSubnets).not.toBe(first.vpc.albSubnets);
  });
});
