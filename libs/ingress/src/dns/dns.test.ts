import { describe, expect, it } from 'vitest';
import { buildTestIngress, errorOf, TEST_CLUSTER } from '../__fixtures__/cluster.js';
import { COST_SECTION_TITLE, usd } from '../cost/report.js';
import { DNS_SECTION_TITLE } from './docs.js';
import { ExternalDnsAnnotation } from './records.js';

const legacy = {
  name: 'frontend',
  hostname: 'a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6-1234567890.eu-central-1.elb.amazonaws.com',
};

describe('PmsIngress and the migration', () => {
  it('renders the ALB’s record on the Ingress and a DNSEndpoint per legacy load balancer', () => {
    const { manifests, ingress } = buildTestIngress({
      migration: { albWeightPercent: 25, legacyLoadBalancers: [legacy] },
      dns: { hostedZoneId: 'Z0123456789ABCDEFGHIJ' },
    });
    const ing = manifests.find((m) => m.kind === 'Ingress')!;
    expect(ing.metadata.annotations?.[ExternalDnsAnnotation.awsWeight]).toBe('25');
    const endpoints = manifests.filter((m) => m.kind === 'DNSEndpoint');
    expect(endpoints.map((e) => e.metadata.name)).toEqual(['pms-legacy-frontend']);
    const section = ingress.docs.find((d) => d.title === DNS_SECTION_TITLE)!.body;
    expect(section.split('\n')[0]).toBe(
      `Current split of \`${TEST_CLUSTER.host}\`: **ALB 25 % / legacy 75 %**. **Migration in progress**: the next step is a pull request raising \`migration.albWeightPercent\`; \`pnpm diff\` shows the shift and flags a jump straight to 100 % or a shift back.`,
    );
    expect(section).toContain('hosted zone `Z0123456789ABCDEFGHIJ`');
  });

  it('renders no DNSEndpoint at 100 %: the legacy records disappear, the ALB’s stays weighted', () => {
    const { manifests } = buildTestIngress({ migration: { albWeightPercent: 100, legacyLoadBalancers: [] } });
    expect(manifests.filter((m) => m.kind === 'DNSEndpoint')).toEqual([]);
    expect(manifests.find((m) => m.kind === 'Ingress')!.metadata.annotations).toMatchObject({
      [ExternalDnsAnnotation.awsWeight]: '100',
      [ExternalDnsAnnotation.setIdentifier]: `${TEST_CLUSTER.name}-alb`,
    });
  });

  it('scales the cost estimate with the ALB’s share', () => {
    const full = buildTestIngress().ingress.costEstimate;
    const part = buildTestIngress({ migration: { albWeightPercent: 10, legacyLoadBalancers: [legacy] } })
      .ingress.costEstimate;
    expect(part.expectedMaxLcu).toBeCloseTo(full.expectedMaxLcu / 10, 9);
    expect(part.albSharePercent).toBe(10);
    const section = buildTestIngress({
      migration: { albWeightPercent: 10, legacyLoadBalancers: [legacy] },
    }).ingress.docs.find((d) => d.title === COST_SECTION_TITLE)!.body;
    expect(section).toContain(
      `With all of it (the migration's end) the estimate is ${usd(full.monthlyUsd)} a month`,
    );
  });

  it('refuses bad weights and zones under their own names, with the rest at once', () => {
    expect(
      errorOf(() =>
        buildTestIngress({
          migration: { albWeightPercent: -5, legacyLoadBalancers: [legacy] },
          dns: { hostedZoneId: 'not-a-zone' },
        }),
      ).split('\n'),
    ).toEqual([
      expect.stringMatching(
        /^\[pms-test\] dns\.hostedZoneId = "not-a-zone"; allowed: the id of the public Route 53 hosted zone/,
      ),
      '[pms-test] migration.albWeightPercent = -5; allowed: a whole number from 0 to 100 percent (at pms-test/ingress)',
    ]);
  });
});
