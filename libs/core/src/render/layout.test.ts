import { describe, expect, it } from 'vitest';
import { manifestPath, manifestsToFiles } from './layout.js';

const obj = (kind: string, name: string, namespace?: string) => ({
  apiVersion: 'v1',
  kind,
  metadata: { name, ...(namespace ? { namespace } : {}) },
});

describe('file layout', () => {
  it('files objects by namespace, then kind, then name', () => {
    expect(manifestPath(obj('NetworkPolicy', 'apigateway', 'pms'))).toBe('pms/networkpolicy/apigateway.yaml');
    expect(manifestPath(obj('IngressClass', 'alb'))).toBe('_cluster/ingressclass/alb.yaml');
  });

  it('refuses two objects with the same kind, namespace and name', () => {
    expect(() =>
      manifestsToFiles('pms-dev', [obj('Service', 'a', 'pms'), obj('Service', 'a', 'pms')]),
    ).toThrow(
      '[pms-dev] Service pms/a = "pms/service/a.yaml": rendered twice; allowed: one object per kind, namespace and name',
    );
  });

  it('refuses names that are not safe file names', () => {
    expect(() => manifestsToFiles('pms-dev', [obj('Service', '../x', 'pms')])).toThrow(
      '[pms-dev] Service pms/../x metadata.name = "../x"; allowed: a lower-case RFC 1123 name',
    );
  });
});
