import { ConfigError, formatIssue, issuesOf, type Manifest } from '@pms/core';
import { describe, expect, it } from 'vitest';
import { ownedNamesOf } from './backing/owned-names.js';
import { PMS_SERVICES } from './catalogue.js';
import { checkReferences } from './references.js';
import { renderNetworking, TEST_CLUSTERS } from './__fixtures__/clusters.js';

const { manifests } = renderNetworking(TEST_CLUSTERS[0]!);

function problems(objects: readonly Manifest[]): string[] {
  try {
    checkReferences('pms-dev', objects);
    return [];
  } catch (error) {
    const issues = issuesOf(error);
    if (!issues) throw error;
    return issues.map(formatIssue);
  }
}

/** The rendered objects with one object replaced through `edit`. */
function edited(kind: string, name: string, edit: (m: any) => any): Manifest[] {
  return manifests.map((m) => (m.kind === kind && m.metadata.name === name ? edit(structuredClone(m)) : m));
}

const ingress = (service: string, port: number | string): Manifest => ({
  apiVersion: 'networking.k8s.io/v1',
  kind: 'Ingress',
  metadata: { name: 'pms', namespace: 'pms' },
  spec: {
    rules: [
      {
        http: {
          paths: [
            {
              path: '/',
              pathType: 'Prefix',
              backend: {
                service: {
                  name: service,
                  port: typeof port === 'number' ? { number: port } : { name: port },
                },
              },
            },
          ],
        },
      },
    ],
  },
});

describe('checkReferences', () => {
  it('accepts the rendered networking objects and an Ingress to a Service port', () => {
    expect(problems([...manifests, ingress('frontend', 80)])).toEqual([]);
    expect(problems([...manifests, ingress('apigateway', 'http')])).toEqual([]);
  });

  it('refuses a Service that selects no pods, naming the Service and the candidates', () => {
    const found = problems(
      edited('Service', 'auth', (m) => ({
        ...m,
        spec: { ...m.spec, selector: { 'app.kubernetes.io/name': 'authz' } },
      })),
    );
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(
      /^\[pms-dev\] Service pms\/auth spec\.selector = \{"app.kubernetes.io\/name":"authz"\}: selects no pods; allowed: the labels of a rendered workload's pods or a declared backing service in pms: Deployment pms\/frontend/,
    );
  });

  it('refuses a Service whose target port is not a container port, naming both ends', () => {
    expect(
      problems(
        edited('Service', 'auth', (m) => ({
          ...m,
          spec: { ...m.spec, ports: [{ ...m.spec.ports[0], targetPort: 8082 }] },
        })),
      ),
    ).toEqual([
      '[pms-dev] Service pms/auth spec.ports[0].targetPort = 8082: Deployment pms/auth has no container port 8082/TCP; allowed: a container port of Deployment pms/auth: http 8081/TCP',
    ]);
  });

  it('refuses a NetworkPolicy peer that selects nothing', () => {
    const found = problems(
      edited('NetworkPolicy', 'frontend', (m) => {
        m.spec.egress[0].to[0].podSelector.matchLabels['app.kubernetes.io/name'] = 'api-gateway';
        return m;
      }),
    );
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(
      /^\[pms-dev\] NetworkPolicy pms\/frontend spec\.egress\[0\]\.to\[0\] = "pods \{app.kubernetes.io\/name=api-gateway,app.kubernetes.io\/part-of=pms\}": selects no pods; allowed: a peer matching rendered or declared pods/,
    );
  });

  it('refuses a kube-dns peer in the wrong namespace', () => {
    const found = problems(
      edited('NetworkPolicy', 'auth', (m) => {
        m.spec.egress.at(-1).to[0].namespaceSelector.matchLabels['kubernetes.io/metadata.name'] = 'kube-dns';
        return m;
      }),
    );
    expect(found[0]).toContain(
      'NetworkPolicy pms/auth spec.egress[1].to[0] = "namespaces {kubernetes.io/metadata.name=kube-dns} pods {k8s-app=kube-dns}": selects no pods',
    );
  });

  it('refuses a NetworkPolicy whose podSelector selects nothing', () => {
    const found = problems(
      edited('NetworkPolicy', 'kafka', (m) => ({
        ...m,
        spec: { ...m.spec, podSelector: { matchLabels: { app: 'kafka' } } },
      })),
    );
    expect(found[0]).toMatch(
      /^\[pms-dev\] NetworkPolicy pms\/kafka spec\.podSelector = "app=kafka": selects no pods/,
    );
  });

  it('refuses an Ingress backend without Service or without that port', () => {
    expect(problems([...manifests, ingress('web', 80)])).toEqual([
      `[pms-dev] Ingress pms/pms spec.rules[0].http.paths[0].backend = "web:80": Service pms/web is not rendered; allowed: a rendered Service in pms: ${PMS_SERVICES.map((s) => s.name).join(', ')}`,
    ]);
    expect(problems([...manifests, ingress('frontend', 8080)])).toEqual([
      '[pms-dev] Ingress pms/pms spec.rules[0].http.paths[0].backend = "frontend:8080": Service pms/frontend has no port 8080; allowed: a port of Service pms/frontend: http 80',
    ]);
  });

  it("refuses an object named like a backing service's operator or chart names its own, naming the owner", () => {
    const clash = (name: string): Manifest => ({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name, namespace: 'pms' },
    });
    const backing = PMS_SERVICES.filter((s) => s.kind === 'backing');
    expect(backing.length).toBeGreaterThan(0);
    for (const service of backing) {
      const owned = ownedNamesOf(service)!;
      // The instance's name, an object it derives from it, and every exact name the project takes.
      const taken = [service.installer.instance, `${service.installer.instance}-x`];
      for (const name of taken) {
        expect(problems([...manifests, clash(name)]), name).toEqual(
          owned.takes(name)
            ? [
                `[pms-dev] ConfigMap pms/${name} metadata.name = "${name}": collides with the objects ${owned.owner} creates in pms; allowed: a name other than ${owned.describe()}`,
              ]
            : [],
        );
      }
      // Outside pms the names are free.
      expect(
        problems([...manifests, { ...clash(service.installer.instance), metadata: { name: 'x' } }]),
      ).toEqual([]);
    }
    expect(problems([...manifests, clash('cnpg-default-monitoring')])).toHaveLength(1);
  });

  it('lets the custom resources this repository renders for an operator keep their instance name', () => {
    const resources = manifests.filter((m) => ['Cluster', 'Kafka'].includes(m.kind));
    expect(resources.length).toBeGreaterThan(0);
    expect(problems(manifests)).toEqual([]);
    // The same name on another kind is a clash.
    const renamed = resources.map((m) => ({ ...m, apiVersion: 'v1', kind: 'ConfigMap' }));
    expect(problems([...manifests, ...renamed])).toHaveLength(renamed.length);
  });

  it('throws a single broken reference as a ConfigError', () => {
    expect(() => checkReferences('pms-dev', [...manifests, ingress('web', 80)])).toThrow(ConfigError);
  });

  it('refuses a probe on a port the container does not expose', () => {
    expect(
      problems(
        edited('Deployment', 'analytics', (m) => {
          m.spec.template.spec.containers[0].livenessProbe.httpGet.port = 'management';
          return m;
        }),
      ),
    ).toEqual([
      '[pms-dev] Deployment pms/analytics spec.template.spec.containers[0].livenessProbe.httpGet.port = "management": the livenessProbe of container "analytics" targets a port the container does not declare; allowed: a port of container analytics: http 8086',
    ]);
  });

  it('reads the pods of every kind that runs them: a CronJob and a ReplicationController count as pods, and their probes are checked', () => {
    const pod = (name: string) => ({
      metadata: { labels: { 'app.kubernetes.io/name': name } },
      spec: {
        containers: [
          {
            name,
            image: 'registry.example.com/pms/report:1.0.0',
            ports: [{ name: 'http', containerPort: 8090 }],
            readinessProbe: { httpGet: { path: '/ready', port: 8091 } },
          },
        ],
      },
    });
    const cronJob: Manifest = {
      apiVersion: 'batch/v1',
      kind: 'CronJob',
      metadata: { name: 'report', namespace: 'pms' },
      spec: { schedule: '0 3 * * *', jobTemplate: { spec: { template: pod('report') } } },
    };
    const controller: Manifest = {
      apiVersion: 'v1',
      kind: 'ReplicationController',
      metadata: { name: 'legacy', namespace: 'pms' },
      spec: { selector: { 'app.kubernetes.io/name': 'legacy' }, template: pod('legacy') },
    };
    const service = (name: string): Manifest => ({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: `${name}-svc`, namespace: 'pms' },
      spec: { selector: { 'app.kubernetes.io/name': name }, ports: [{ port: 8090, targetPort: 'http' }] },
    });
    expect(problems([...manifests, cronJob, controller, service('report'), service('legacy')])).toEqual([
      '[pms-dev] CronJob pms/report spec.jobTemplate.spec.template.spec.containers[0].readinessProbe.httpGet.port = 8091: the readinessProbe of container "report" targets a port the container does not declare; allowed: a port of container report: http 8090',
      '[pms-dev] ReplicationController pms/legacy spec.template.spec.containers[0].readinessProbe.httpGet.port = 8091: the readinessProbe of container "legacy" targets a port the container does not declare; allowed: a port of container legacy: http 8090',
    ]);
  });
});
