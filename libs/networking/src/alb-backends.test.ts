import { formatIssue, issuesOf, type Manifest } from '@pms/core';
import { describe, expect, it } from 'vitest';
import { checkAlbReachesBackends } from './alb-backends.js';
import { findService } from './catalogue.js';
import { ALB, PMS_GRAPH, type CommunicationGraph } from './graph.js';
import { renderNetworking, TEST_CLUSTERS } from './__fixtures__/clusters.js';

const dev = TEST_CLUSTERS[0]!;

/** The graph's ALB edges: the services the ALB routes to and their ports. */
const ALB_EDGES = PMS_GRAPH.edges.filter((e) => e.from === ALB);
/** One ALB-backed service to cut off in the tests. */
const CUT = ALB_EDGES.find((e) => e.to === 'apigateway') ?? ALB_EDGES[0]!;

/** An Ingress with one path per ALB edge of the graph (and `extra` paths), as the ingress library renders it. */
function ingress(extra: { path: string; service: string; port: number | string }[] = []): Manifest {
  const paths = [
    ...ALB_EDGES.map((e) => ({ path: `/${e.to}`, service: e.to, port: e.port as number | string })),
    ...extra,
  ];
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: { name: 'pms', namespace: 'pms' },
    spec: {
      ingressClassName: 'alb',
      rules: [
        {
          http: {
            paths: paths.map((p) => ({
              path: p.path,
              pathType: 'Prefix',
              backend: {
                service: {
                  name: p.service,
                  port: typeof p.port === 'number' ? { number: p.port } : { name: p.port },
                },
              },
            })),
          },
        },
      ],
    },
  };
}

function problems(manifests: readonly Manifest[], graph: CommunicationGraph = PMS_GRAPH): string[] {
  try {
    checkAlbReachesBackends(dev.cluster, manifests, graph);
    return [];
  } catch (error) {
    const issues = issuesOf(error);
    if (!issues) throw error;
    return issues.map(formatIssue);
  }
}

const subnets = dev.cluster.vpc.albSubnets.map((s) => `${s.cidr} (${s.availabilityZone})`).join(', ');

describe('checkAlbReachesBackends', () => {
  it('accepts every backend of the graph, by port number and by port name', () => {
    const { manifests } = renderNetworking(dev);
    const byName = ALB_EDGES.map((e) => ({
      path: `/named-${e.to}`,
      service: e.to,
      port: findService(e.to)!.portName,
    }));
    expect(problems([...manifests, ingress(byName)])).toEqual([]);
  });

  it('refuses a backend whose ALB edge was deleted from the graph, naming the paths, the pods and the edge', () => {
    const graph: CommunicationGraph = { edges: PMS_GRAPH.edges.filter((e) => e !== CUT) };
    const { manifests } = renderNetworking(dev, { graph });
    const port = findService(CUT.to)!.port;
    expect(problems([...manifests, ingress([{ path: '/ws', service: CUT.to, port }])], graph)).toEqual([
      `[pms-dev] Ingress pms/pms backend ${CUT.to}:${port} (Prefix /${CUT.to}, Prefix /ws) = "alb → ${CUT.to} ${port}/TCP": ` +
        `the rendered NetworkPolicies deny the ALB subnets ${subnets} the pods of Deployment pms/${CUT.to} on container port ${port}/TCP, ` +
        `so the targets of these paths fail their health checks and every request gets 502/503; the graph edge alb → ${CUT.to} ${port}/TCP is missing; ` +
        `allowed: a backend the ALB reaches from every address of its subnets: declare alb → ${CUT.to} ${port}/TCP in PMS_GRAPH (libs/networking/src/graph.ts) (at ALB reachability check)`,
    ]);
  });

  it('refuses a backend the policies open to only some ALB subnets though the graph declares it', () => {
    const { manifests } = renderNetworking(dev);
    const [first, ...rest] = dev.cluster.vpc.albSubnets;
    const tampered = manifests.map((m: any) =>
      m.kind === 'NetworkPolicy' && m.metadata.name === CUT.to
        ? {
            ...m,
            spec: {
              ...m.spec,
              ingress: m.spec.ingress.map((r: any) => ({
                ...r,
                from: r.from.filter((peer: any) => peer.ipBlock?.cidr !== first!.cidr),
              })),
            },
          }
        : m,
    );
    const found = problems([...tampered, ingress()]);
    expect(found).toHaveLength(1);
    expect(found[0]).toContain(`deny the ALB subnets ${first!.cidr} (${first!.availabilityZone}) the pods`);
    for (const other of rest) expect(found[0]).not.toContain(other.cidr);
    expect(found[0]).toContain(
      `the graph declares alb → ${CUT.to} ${CUT.port}/TCP, but the rendered policies do not open it`,
    );
  });

  it('refuses a health-check port the pods do not expose, suggesting their container port rather than a graph edge', () => {
    const { manifests } = renderNetworking(dev);
    const annotated = manifests.map((m) =>
      m.kind === 'Service' && m.metadata.name === CUT.to
        ? {
            ...m,
            metadata: {
              ...m.metadata,
              annotations: {
                ...m.metadata.annotations,
                'alb.ingress.kubernetes.io/healthcheck-port': '9000',
              },
            },
          }
        : m,
    );
    const found = problems([...annotated, ingress()]);
    expect(found).toHaveLength(1);
    expect(found[0]).toContain(
      `Service pms/${CUT.to} metadata.annotations["alb.ingress.kubernetes.io/healthcheck-port"] = 9000: the ALB health-checks the pods of Deployment pms/${CUT.to} on port 9000, which they do not expose, so their targets never turn healthy (a NetworkPolicy edge would not help); allowed: "traffic-port" or a container port of those pods: ${CUT.port} (http)`,
    );
    expect(found[0]).not.toContain('PMS_GRAPH');
  });

  it('leaves unresolvable backends and ALB actions to the reference check', () => {
    const { manifests } = renderNetworking(dev);
    const extra = [
      { path: '/gone', service: 'billing', port: 80 },
      { path: '/redirect', service: 'ssl-redirect', port: 'use-annotation' },
    ];
    expect(problems([...manifests, ingress(extra)])).toEqual([]);
  });
});
