import { describe, expect, it } from 'vitest';
import { EXTERNAL_DNS_NAMESPACE, EXTERNAL_DNS_SERVICE_ACCOUNT, externalDnsRoleArn } from '@pms/security';
import { buildArgoCd } from './build.js';
import {
  EXTERNAL_DNS_CHART,
  EXTERNAL_DNS_CHART_OBJECTS,
  EXTERNAL_DNS_SOURCES,
  externalDnsApplication,
  externalDnsValueProblems,
  externalDnsValues,
} from './external-dns.js';
import { fleet } from './fleet.js';
import { projectRefuses } from './project.js';

const built = buildArgoCd(fleet);

describe.each(fleet.map((cluster) => [cluster.name, cluster] as const))(
  'external-dns of %s',
  (_, cluster) => {
    const app = externalDnsApplication({ cluster });
    const values = externalDnsValues(cluster);

    it('installs the pinned chart, its CRD included, into its own namespace of the cluster, before the cluster objects', () => {
      expect(app.spec.source).toMatchObject({
        repoURL: EXTERNAL_DNS_CHART.repoURL,
        chart: EXTERNAL_DNS_CHART.name,
        targetRevision: EXTERNAL_DNS_CHART.version,
        helm: { skipCrds: false },
      });
      expect(EXTERNAL_DNS_CHART.version).toMatch(/^\d+\.\d+\.\d+$/);
      expect(app.spec.destination).toEqual({ name: cluster.name, namespace: EXTERNAL_DNS_NAMESPACE });
      expect(Number(app.metadata.annotations?.['argocd.argoproj.io/sync-wave'])).toBeLessThan(0);
      expect(app.spec.syncPolicy?.managedNamespaceMetadata?.labels).toMatchObject({
        'pod-security.kubernetes.io/enforce': 'restricted',
      });
    });

    it("writes only the cluster's host in the cluster's zone, as its own owner, with sync and no Service source", () => {
      expect(values).toMatchObject({
        domainFilters: [cluster.host],
        txtOwnerId: cluster.name,
        policy: 'sync',
        registry: 'txt',
        sources: [...EXTERNAL_DNS_SOURCES],
        extraArgs: { 'zone-id-filter': [cluster.dns.hostedZoneId] },
      });
      expect(values.sources).not.toContain('service');
      expect(externalDnsValueProblems(values, cluster)).toEqual([]);
    });

    it('runs as the ServiceAccount its IAM role trusts', () => {
      expect(values.serviceAccount.name).toBe(EXTERNAL_DNS_SERVICE_ACCOUNT);
      if (cluster.security.controllerIdentity.mode === 'irsa')
        expect(values.serviceAccount.annotations['eks.amazonaws.com/role-arn']).toBe(
          externalDnsRoleArn(cluster),
        );
    });

    it('is permitted by the project: the chart source, its namespace and its objects', () => {
      expect(built.project.spec?.sourceRepos).toContain(EXTERNAL_DNS_CHART.repoURL);
      expect(built.project.spec?.destinations).toContainEqual(app.spec.destination);
      for (const object of EXTERNAL_DNS_CHART_OBJECTS) {
        const manifest = {
          apiVersion: object.group ? `${object.group}/v1` : 'v1',
          kind: object.kind,
          metadata: {
            name: object.name,
            ...(object.namespaced ? { namespace: EXTERNAL_DNS_NAMESPACE } : {}),
          },
        };
        expect(projectRefuses(built.project, cluster.name, manifest), object.kind).toBeUndefined();
      }
    });
  },
);

describe('external-dns values the render refuses', () => {
  const cluster = fleet[0]!;
  const good = externalDnsValues(cluster);
  const cases: [string, (v: Record<string, any>) => void, string][] = [
    [
      'a policy outside the chart schema',
      (v) => (v.policy = 'upsert'),
      `externalDns.valuesObject.policy = "upsert": not a known value (chart ${EXTERNAL_DNS_CHART.version} values.schema.json and the values PMS sets); allowed: one of "create-only", "sync", "upsert-only"`,
    ],
    [
      'a registry outside the chart schema',
      (v) => (v.registry = 'route53'),
      'externalDns.valuesObject.registry = "route53": not a known value',
    ],
    [
      'a misspelt value the chart schema would let through (additionalProperties: true)',
      (v) => (v.domainFilter = [cluster.host]),
      'externalDns.valuesObject.domainFilter = ["',
    ],
    [
      'txtPrefix, which the template fails on next to txtSuffix',
      (v) => (v.txtPrefix = 'pms-'),
      'externalDns.valuesObject.txtPrefix = "pms-": unknown field',
    ],
    [
      'upsert-only, which never deletes the legacy records',
      (v) => (v.policy = 'upsert-only'),
      'externalDns.valuesObject.policy = "upsert-only": the migration removes the legacy records at 100 %, and only `sync` deletes',
    ],
    [
      'the Service source',
      (v) => (v.sources = ['service', 'ingress', 'crd']),
      'externalDns.valuesObject.sources = ["service","ingress","crd"]: external-dns publishes the Ingress and the DNSEndpoints only',
    ],
    [
      "another cluster's owner id",
      (v) => (v.txtOwnerId = 'pms-prod'),
      'externalDns.valuesObject.txtOwnerId = "pms-prod": another owner id would let this instance update or delete',
    ],
    [
      'a wider domain',
      (v) => (v.domainFilters = ['example.com']),
      `externalDns.valuesObject.domainFilters = ["example.com"]: not restricted to the cluster's host; allowed: ["${cluster.host}"]`,
    ],
    [
      'no zone filter',
      (v) => (v.extraArgs['zone-id-filter'] = []),
      "externalDns.valuesObject.extraArgs.zone-id-filter = []: not restricted to the cluster's hosted zone",
    ],
  ];
  it.each(cases)('refuses %s', (_, change, message) => {
    const values = structuredClone(good) as Record<string, any>;
    change(values);
    expect(() => externalDnsApplication({ cluster, values })).toThrow(`[${cluster.name}] ${message}`);
  });

  it('accepts the values it renders', () => {
    expect(() => externalDnsApplication({ cluster, values: structuredClone(good) })).not.toThrow();
  });
});
