import { Checks, formatIssue, issuesOf } from '@pms/core';
import { describe, expect, it } from 'vitest';
import { CATALOGUE_SOURCE, PMS_SERVICES } from './catalogue.js';
import { UPSTREAM_PROJECTS } from './backing/upstream.js';
import {
  describeEdge,
  GRAPH_SOURCE,
  KUBE_APISERVER,
  KUBE_DNS,
  PMS_GRAPH,
  validateGraph,
  type CommunicationGraph,
} from './graph.js';
import { externalNodes } from './graph-nodes.js';
import type { NetworkingSettings } from './settings.js';
import { renderNetworking, TEST_CLUSTERS } from './__fixtures__/clusters.js';
import { validateNetworkingSettings } from './validate.js';

const [dev, , prod] = TEST_CLUSTERS as [
  (typeof TEST_CLUSTERS)[number],
  unknown,
  (typeof TEST_CLUSTERS)[number],
];

function settingsProblems(settings: NetworkingSettings): string[] {
  const checks = new Checks('pms-dev', 'networking', 'pms-dev/networking');
  validateNetworkingSettings(settings, checks);
  return checks.issues.map(formatIssue);
}

/** The external nodes an edge may start from, as messages list them. */
const SOURCES = externalNodes()
  .filter((n) => n.name !== KUBE_DNS && n.name !== KUBE_APISERVER)
  .map((n) => `"${n.name}"`)
  .join(', ');

function graphProblems(graph: CommunicationGraph): string[] {
  const checks = new Checks('pms-dev', 'networking');
  validateGraph(graph, checks);
  return checks.issues.map(formatIssue);
}

const withFrontend = (frontend: object): NetworkingSettings => ({
  ...dev!.networking,
  workloads: {
    ...dev!.networking.workloads,
    frontend: { ...dev!.networking.workloads.frontend, ...frontend },
  },
});

describe('networking settings', () => {
  it('accepts the test clusters', () => {
    for (const test of TEST_CLUSTERS) expect(settingsProblems(test.networking)).toEqual([]);
  });

  it('refuses an unpinned tag', () => {
    const image = { repository: 'registry.example.com/pms/frontend', tag: 'latest' };
    expect(settingsProblems(withFrontend({ image }))).toEqual([
      '[pms-dev] networking.workloads.frontend.image.tag = "latest": "latest" is not pinned; allowed: a pinned tag such as 1.8.3 (not "latest", not empty) (at pms-dev/networking)',
    ]);
  });

  it('refuses maxReplicas below minReplicas', () => {
    expect(settingsProblems(withFrontend({ scaling: { minReplicas: 3, maxReplicas: 2 } }))).toEqual([
      '[pms-dev] networking.workloads.frontend.scaling.maxReplicas = 2; allowed: at least scaling.minReplicas (3) (at pms-dev/networking)',
    ]);
  });

  it('refuses a memory limit below the request and malformed quantities, all at once', () => {
    const resources = { cpuRequest: '2 cores', memoryRequest: '512Mi', memoryLimit: '256Mi' };
    expect(settingsProblems(withFrontend({ resources }))).toEqual([
      '[pms-dev] networking.workloads.frontend.resources.cpuRequest = "2 cores"; allowed: a CPU quantity such as 250m or 1.5 (at pms-dev/networking)',
      '[pms-dev] networking.workloads.frontend.resources.memoryLimit = "256Mi"; allowed: at least resources.memoryRequest (512Mi) (at pms-dev/networking)',
    ]);
  });

  it('refuses a single replica in prod, at construction', () => {
    const settings: NetworkingSettings = {
      ...prod.networking,
      workloads: {
        ...prod.networking.workloads,
        auth: { ...prod.networking.workloads.auth, scaling: { minReplicas: 1, maxReplicas: 4 } },
      },
    };
    let error: unknown;
    try {
      renderNetworking(prod, { settings });
    } catch (e) {
      error = e;
    }
    expect(issuesOf(error)?.map(formatIssue)).toEqual([
      '[pms-prod] networking.workloads.auth.scaling.minReplicas = 1: one replica cannot survive a node drain or a zone outage; allowed: at least 2 in prod (at pms-prod/networking)',
    ]);
  });
});

describe('communication graph', () => {
  it('accepts the PMS graph', () => {
    expect(graphProblems(PMS_GRAPH)).toEqual([]);
  });

  it('refuses an unknown endpoint and a port the destination does not listen on', () => {
    const graph = {
      edges: [
        ...PMS_GRAPH.edges,
        { from: 'billing', to: 'auth', port: 8081, protocol: 'TCP', purpose: 'x' },
        { from: 'apigateway', to: 'auth', port: 8082, protocol: 'TCP', purpose: 'x' },
      ],
    } as CommunicationGraph;
    expect(graphProblems(graph)).toEqual([
      `[pms-dev] ${GRAPH_SOURCE} edges[${PMS_GRAPH.edges.length}].from = "billing": no PMS service "billing" in ${CATALOGUE_SOURCE}; allowed: ${SOURCES} or a PMS service: ${PMS_SERVICES.map((s) => s.name).join(', ')}`,
      `[pms-dev] ${GRAPH_SOURCE} edges[${PMS_GRAPH.edges.length + 1}].port = 8082: apigateway → auth 8082/TCP targets no container port; allowed: a port auth listens on: 8081`,
    ]);
  });

  it('refuses an operator reaching a service its project does not run, the API server on UDP, and external to external', () => {
    const operator = externalNodes().find((n) => n.kind === 'pods' && n.name !== KUBE_DNS)!;
    const project = Object.values(UPSTREAM_PROJECTS).find((p) => p.operator?.node === operator.name)!;
    const own = PMS_SERVICES.filter((s) => s.kind === 'backing' && s.installer.project === project.id).map(
      (s) => s.name,
    );
    const graph = {
      edges: [
        ...PMS_GRAPH.edges,
        { from: operator.name, to: 'auth', port: 8081, protocol: 'TCP', purpose: 'x' },
        { from: 'auth', to: KUBE_APISERVER, port: 443, protocol: 'UDP', purpose: 'x' },
        { from: operator.name, to: KUBE_APISERVER, port: 443, protocol: 'TCP', purpose: 'x' },
        { from: 'alb', to: KUBE_DNS, port: 53, protocol: 'UDP', purpose: 'x' },
      ],
    } as CommunicationGraph;
    const n = PMS_GRAPH.edges.length;
    expect(graphProblems(graph)).toEqual([
      `[pms-dev] ${GRAPH_SOURCE} edges[${n}].to = "auth": the ${project.title} operator reaches only the pods of its own instances; allowed: a backing service ${project.title} runs: ${own.join(', ')}`,
      `[pms-dev] ${GRAPH_SOURCE} edges[${n + 1}].protocol = "UDP": the API server serves HTTPS over TCP; allowed: TCP`,
      `[pms-dev] ${GRAPH_SOURCE} edges[${n + 2}].to = "${KUBE_APISERVER}": neither ${operator.name} nor ${KUBE_APISERVER} is a pod of namespace pms, whose policies are the only ones rendered here; allowed: a PMS service`,
      `[pms-dev] ${GRAPH_SOURCE} edges[${n + 3}].to = "${KUBE_DNS}": the ALB does not resolve names in the cluster; allowed: a workload behind the ALB`,
    ]);
  });

  it('refuses the ALB reaching a backing service', () => {
    const graph: CommunicationGraph = {
      edges: [...PMS_GRAPH.edges, { from: 'alb', to: 'postgres', port: 5432, protocol: 'TCP', purpose: 'x' }],
    };
    expect(graphProblems(graph)).toEqual([
      `[pms-dev] PMS_GRAPH (libs/networking/src/graph.ts) edges[${PMS_GRAPH.edges.length}].to = "postgres": the ALB must not reach the backing service postgres; allowed: a workload behind the ALB`,
    ]);
  });

  it('refuses duplicates and a service without DNS', () => {
    const first = PMS_GRAPH.edges[0]!;
    const graph: CommunicationGraph = {
      edges: [...PMS_GRAPH.edges.filter((e) => !(e.from === 'redis' && e.protocol === 'UDP')), first],
    };
    expect(graphProblems(graph)).toEqual([
      `[pms-dev] PMS_GRAPH (libs/networking/src/graph.ts) edges[${PMS_GRAPH.edges.length - 1}] = "${describeEdge(first)}": duplicates edges[0]; allowed: each connection once`,
      '[pms-dev] PMS_GRAPH (libs/networking/src/graph.ts) edges = "redis → kube-dns 53/UDP": redis cannot resolve names; allowed: a DNS edge (UDP and TCP 53 to kube-dns) from every PMS service',
    ]);
  });

  it('renders policies from another graph, so a dropped edge closes that connection', () => {
    const graph: CommunicationGraph = {
      edges: PMS_GRAPH.edges.filter((e) => !(e.from === 'apigateway' && e.to === 'redis')),
    };
    const { manifests } = renderNetworking(dev!, { graph });
    const redis = manifests.find((m) => m.kind === 'NetworkPolicy' && m.metadata.name === 'redis') as any;
    expect(redis.spec.ingress).toBeUndefined();
  });
});
