import type { Manifest } from '@pms/core';
import { describe, expect, it } from 'vitest';
import { checkRouting } from './routing-check.js';
import { buildTestIngress, errorOf, TEST_CLUSTER } from './__fixtures__/cluster.js';

type Path = { path: string; pathType?: string; pathtype?: string };

/** The test cluster's synthesized objects with one Ingress path changed. */
function withPath(path: string, change: (p: Path) => void): Manifest[] {
  const manifests = structuredClone(buildTestIngress().manifests);
  const ingress = manifests.find((m) => m.kind === 'Ingress')! as Manifest & { spec: any };
  change(ingress.spec.rules[0].http.paths.find((p: Path) => p.path === path));
  return manifests;
}

describe('checkRouting (the read-back over the rendered objects)', () => {
  it('passes the objects PmsIngress renders: every route answers where it was declared', () => {
    const { manifests, ingress } = buildTestIngress();
    expect(() => checkRouting(TEST_CLUSTER, manifests, ingress.routes)).not.toThrow();
    expect(() => checkRouting(TEST_CLUSTER, manifests)).not.toThrow();
  });

  it('names the route and the URL a changed path sends elsewhere', () => {
    const manifests = withPath('/api/auth', (p) => (p.pathType = 'Exact'));
    expect(errorOf(() => checkRouting(TEST_CLUSTER, manifests))).toBe(
      '[pms-test] ingress.routes[0] = "auth": /api/auth/-pms-route-probe- is answered by frontend:80 via HTTPS:443 rule priority 7: Prefix / host pms.test.example.com (Ingress pms/pms, patterns /*); allowed: a route the ALB reaches as declared (at routing check)',
    );
  });

  it('reads a path whose pathType is misspelt as ImplementationSpecific (why the platform validates schemas first)', () => {
    const manifests = withPath('/api/auth', (p) => {
      p.pathtype = p.pathType;
      delete p.pathType;
    });
    expect(errorOf(() => checkRouting(TEST_CLUSTER, manifests))).toContain(
      '[pms-test] ingress.routes[0] = "auth": /api/auth/-pms-route-probe- is answered by frontend:80',
    );
  });

  it("reports what the controller would refuse among the whole cluster's objects", () => {
    const manifests = buildTestIngress().manifests.filter(
      (m) => !(m.kind === 'Service' && m.metadata.name === 'frontend'),
    );
    expect(errorOf(() => checkRouting(TEST_CLUSTER, manifests))).toContain(
      'Ingress pms/pms: backend Service pms/frontend is not among the objects; allowed: objects the controller reconciles (at routing check)',
    );
  });
});
