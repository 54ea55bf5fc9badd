/**
 * Annotations other concerns publish for the Services (the ingress's target-group annotations): networking renders
 * them on its own Services, and refuses any it cannot place.
 */
import { formatIssue, issuesOf } from '@pms/core';
import { describe, expect, it } from 'vitest';
import { PMS_SERVICES } from './catalogue.js';
import { renderNetworking, TEST_CLUSTERS } from './__fixtures__/clusters.js';

const dev = TEST_CLUSTERS[0]!;
const [first] = PMS_SERVICES;

function problems(serviceAnnotations: ReadonlyMap<string, Readonly<Record<string, string>>>): string[] {
  try {
    renderNetworking(dev, { serviceAnnotations });
    return [];
  } catch (error) {
    const issues = issuesOf(error);
    if (!issues) throw error;
    return issues.map(formatIssue);
  }
}

describe('serviceAnnotations', () => {
  it("renders published annotations on the Service, next to networking's own", () => {
    const published = new Map([[first!.name, { 'example.com/published': 'yes' }]]);
    const service = renderNetworking(dev, { serviceAnnotations: published }).manifests.find(
      (m) => m.kind === 'Service' && m.metadata.name === first!.name,
    )!;
    expect(service.metadata.annotations).toEqual({
      'example.com/published': 'yes',
      'argocd.argoproj.io/sync-wave': expect.any(String),
    });
  });

  it('refuses annotations for a Service networking does not render, naming the catalogue', () => {
    expect(problems(new Map([['billing', { 'example.com/x': 'y' }]]))).toEqual([
      `[pms-dev] networking.serviceAnnotations.billing = {"example.com/x":"y"}: networking renders no Service "billing"; allowed: annotations for a Service of the catalogue (libs/networking/src/catalogue.ts): ${PMS_SERVICES.map((s) => s.name).join(', ')} (at pms-dev/networking)`,
    ]);
  });

  it("refuses an annotation that would replace networking's own", () => {
    expect(problems(new Map([[first!.name, { 'argocd.argoproj.io/sync-wave': '9' }]]))).toEqual([
      `[pms-dev] networking.serviceAnnotations.${first!.name}.argocd.argoproj.io/sync-wave = "9": would replace networking's own value; allowed: an annotation networking does not set itself (at pms-dev/networking)`,
    ]);
  });
});
