import { manifestsToFiles, type Manifest } from '@pms/core';
import { exampleClusterSettings } from '@pms/core/testing';
import { FULL_WEIGHT, ingressDnsAnnotations, legacyDnsEndpoints, type MigrationSettings } from '@pms/ingress';
import { describe, expect, it } from 'vitest';
import { diffTarget } from './diff.js';
import { renderMarkdown } from './markdown.js';
import { parseTree } from './objects.js';
import { RISK_TITLES } from './risks.js';
import { describeShift, diffTrafficShift, JUMP_TO_FULL_BELOW, trafficShiftRisks } from './traffic-diff.js';

const cluster = exampleClusterSettings({ name: 'pms-prod', environment: 'prod', host: 'pms.example.com' });
const legacy = [
  {
    name: 'frontend',
    hostname: 'a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6-1234567890.eu-central-1.elb.amazonaws.com',
  },
];

/** The objects that carry the host's DNS weights, as the ingress renders them for `migration`. */
function dnsObjects(migration: MigrationSettings | undefined): Manifest[] {
  return [
    {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'Ingress',
      metadata: { name: 'pms', namespace: 'pms', annotations: ingressDnsAnnotations(cluster, migration) },
      spec: { ingressClassName: 'alb' },
    },
    ...legacyDnsEndpoints(cluster, migration),
  ];
}

const at = (albWeightPercent: number): MigrationSettings => ({
  albWeightPercent,
  legacyLoadBalancers: albWeightPercent < FULL_WEIGHT ? legacy : [],
});
const tree = (objects: Manifest[]) => parseTree('pms-prod', manifestsToFiles('pms-prod', objects));
const diff = (before: Manifest[], after: Manifest[]) =>
  diffTarget({
    name: 'pms-prod',
    outDir: 'clusters/pms-prod',
    base: manifestsToFiles('pms-prod', before),
    head: manifestsToFiles('pms-prod', after),
  });

describe('the traffic shift of a weight change', () => {
  it('reads the ALB share from the Ingress and the DNSEndpoints, as Route 53 splits the answers', () => {
    const shift = diffTrafficShift(tree(dnsObjects(at(10))), tree(dnsObjects(at(50))));
    expect(shift).toMatchObject({ before: 10, after: 50 });
    expect(describeShift(shift!)).toBe('ALB 10 % → 50 % (ALB 10 % / legacy 90 % → ALB 50 % / legacy 50 %)');
    expect(trafficShiftRisks(shift)).toEqual([]);
  });

  it('is no change when the weights stay', () => {
    expect(diffTrafficShift(tree(dnsObjects(at(25))), tree(dnsObjects(at(25))))).toBeUndefined();
  });

  it.each([
    [0, true],
    [JUMP_TO_FULL_BELOW - 1, true],
    [JUMP_TO_FULL_BELOW, false],
    [90, false],
  ])('flags a shift from %i % straight to 100 % as a jump: %s', (from, risky) => {
    const risks = trafficShiftRisks(diffTrafficShift(tree(dnsObjects(at(from))), tree(dnsObjects(at(100)))));
    expect(risks.map((r) => r.kind)).toEqual(risky ? ['traffic-jump-to-full'] : []);
  });

  it('flags a shift back to the legacy load balancers', () => {
    const risks = trafficShiftRisks(diffTrafficShift(tree(dnsObjects(at(50))), tree(dnsObjects(at(25)))));
    expect(risks).toEqual([
      {
        kind: 'traffic-shift-back',
        message: expect.stringMatching(/^ALB 50 % → 25 % .*traffic moves back to the legacy load balancers/),
      },
    ]);
  });

  it('shows the shift in the report, and the risk loud, for the target', () => {
    const d = diff(dnsObjects(at(10)), dnsObjects(at(100)));
    expect(d.traffic).toMatchObject({ before: 10, after: 100 });
    expect(d.risks.map((r) => r.kind)).toContain('traffic-jump-to-full');
    const markdown = renderMarkdown([d], 3, {
      baseRef: 'main',
      baseCommit: '0123456789abcdef',
      baseSource: 'its committed output',
      unaffected: [],
    });
    expect(markdown).toContain('- Traffic shift: **ALB 10 % → 100 % (ALB 10 % / legacy 90 % → ALB 100 %)**');
    expect(markdown).toContain(`🚨 **${RISK_TITLES['traffic-jump-to-full']}**`);
  });

  it('says when the weighted records appear (a cluster that had none)', () => {
    const shift = diffTrafficShift(tree([]), tree(dnsObjects(at(0))));
    expect(describeShift(shift!)).toBe('no weighted records → ALB 0 % / legacy 100 %');
    expect(trafficShiftRisks(shift)).toEqual([]);
  });
});
