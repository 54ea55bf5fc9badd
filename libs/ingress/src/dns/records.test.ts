import { exampleClusterSettings } from '@pms/core/testing';
import { describe, expect, it } from 'vitest';
import {
  albPercentOf,
  AWS_WEIGHT_PROPERTY,
  ExternalDnsAnnotation,
  ingressDnsAnnotations,
  legacyDnsEndpoints,
  legacyEndpointName,
  renderedSplit,
  weightedRecords,
} from './records.js';
import { FULL_WEIGHT, type MigrationSettings } from './settings.js';

const cluster = exampleClusterSettings({ name: 'pms-test', host: 'pms.test.example.com' });
const lb = (name: string, n: number) => ({
  name,
  hostname: `a${String(n).repeat(32).slice(0, 32)}-1234567890.eu-central-1.elb.amazonaws.com`,
});
const migration = (albWeightPercent: number, count = 1): MigrationSettings => ({
  albWeightPercent,
  legacyLoadBalancers: Array.from({ length: count }, (_, i) => lb(`legacy${i}`, i + 1)),
});

describe('the host’s weighted records', () => {
  it.each([0, 10, 33, 50, 99])(
    'add up to 100 with the ALB at %i % and three legacy load balancers',
    (weight) => {
      const records = weightedRecords(cluster, migration(weight, 3));
      expect(records.reduce((sum, r) => sum + r.weight, 0)).toBe(FULL_WEIGHT);
      expect(records.find((r) => r.alb)!.weight).toBe(weight);
      const legacy = records.filter((r) => !r.alb).map((r) => r.weight);
      expect(Math.max(...legacy) - Math.min(...legacy)).toBeLessThanOrEqual(1);
    },
  );

  it('keep one record per load balancer, each with its own set identifier', () => {
    const records = weightedRecords(cluster, migration(25, 2));
    expect(new Set(records.map((r) => r.setIdentifier)).size).toBe(records.length);
  });

  it('are the ALB’s alone at 100 % and without a migration: the legacy records disappear', () => {
    for (const m of [undefined, { albWeightPercent: FULL_WEIGHT, legacyLoadBalancers: [] }]) {
      expect(weightedRecords(cluster, m).map((r) => [r.alb, r.weight])).toEqual([[true, FULL_WEIGHT]]);
      expect(legacyDnsEndpoints(cluster, m)).toEqual([]);
    }
  });

  it('publish the ALB’s weight on the Ingress and each legacy weight on a DNSEndpoint for the host', () => {
    const m = migration(10, 1);
    expect(ingressDnsAnnotations(cluster, m)).toEqual({
      [ExternalDnsAnnotation.setIdentifier]: 'pms-test-alb',
      [ExternalDnsAnnotation.awsWeight]: '10',
    });
    const [endpoint] = legacyDnsEndpoints(cluster, m);
    expect(endpoint!.metadata.name).toBe(legacyEndpointName(m.legacyLoadBalancers[0]!.name));
    expect(endpoint!.spec).toEqual({
      endpoints: [
        {
          dnsName: cluster.host,
          recordType: 'CNAME',
          targets: [m.legacyLoadBalancers[0]!.hostname],
          setIdentifier: 'pms-test-legacy-legacy0',
          providerSpecific: [{ name: AWS_WEIGHT_PROPERTY, value: '90' }],
        },
      ],
    });
  });

  it('read back from the rendered objects as the split Route 53 answers with', () => {
    const m = migration(30, 2);
    const ingress = {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'Ingress',
      metadata: { name: 'pms', namespace: 'pms', annotations: ingressDnsAnnotations(cluster, m) },
    };
    const split = renderedSplit([ingress, ...legacyDnsEndpoints(cluster, m)]);
    expect(split.alb).toBe(30);
    expect([...split.legacy.values()]).toEqual([35, 35]);
    expect(albPercentOf(split)).toBe(30);
    expect(albPercentOf(renderedSplit([]))).toBeUndefined();
  });
});
