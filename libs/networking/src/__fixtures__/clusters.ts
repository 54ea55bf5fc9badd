/**
 * Test support (not exported from the library): cluster settings shaped like pms-dev, pms-staging and pms-prod
 * (libs may not import the cluster apps), and a helper that renders `PmsNetworking` alone in a PlainChart.
 */
import { App } from 'cdk8s';
import { CLUSTER_CONTEXT_KEY, PlainChart, synthesize, type ClusterSettings, type Manifest } from '@pms/core';
import { exampleClusterSettings } from '@pms/core/testing';
import { testBackingSettings, testWorkloadSettings } from '../testing/index.js';
import type { CommunicationGraph } from '../graph.js';
import { PmsNetworking, type PmsNetworkingProps } from '../networking.js';
import type { NetworkingSettings, WorkloadEnv } from '../settings.js';

/** One test cluster: shared settings and the networking section. */
export interface TestCluster {
  readonly cluster: ClusterSettings;
  readonly networking: NetworkingSettings;
}

function testCluster(
  name: string,
  environment: ClusterSettings['environment'],
  region: string,
  octet: number,
  zones: readonly string[],
  replicas: readonly [number, number],
): TestCluster {
  const account = String(octet).repeat(12).slice(0, 12);
  const registry = `${account}.dkr.ecr.${region}.amazonaws.com/pms`;
  return {
    cluster: exampleClusterSettings({
      name,
      environment,
      region,
      accountId: account,
      vpcOctet: octet,
      zones,
    }),
    // Every workload of the catalogue, so a workload added there renders here without touching the fixture.
    networking: {
      workloads: testWorkloadSettings(registry, {
        tag: '1.8.3',
        scaling: { minReplicas: replicas[0], maxReplicas: replicas[1] },
      }),
      backing: testBackingSettings(environment),
    },
  };
}

/** Shaped like the three real clusters: different regions, VPCs, zone counts and replica bounds. */
export const TEST_CLUSTERS: readonly TestCluster[] = [
  testCluster('pms-dev', 'dev', 'eu-west-1', 10, ['a', 'b'], [1, 3]),
  testCluster('pms-staging', 'staging', 'eu-central-1', 20, ['a', 'b', 'c'], [2, 4]),
  testCluster('pms-prod', 'prod', 'eu-central-1', 30, ['a', 'b', 'c'], [3, 12]),
];

/** Renders `PmsNetworking` alone, as the platform would, and returns the construct and its objects. */
export function renderNetworking(
  test: TestCluster,
  overrides: Partial<
    Pick<
      PmsNetworkingProps,
      'settings' | 'graph' | 'workloadEnv' | 'serviceAnnotations' | 'drainSeconds' | 'frontendHeaders'
    >
  > = {},
): { networking: PmsNetworking; manifests: Manifest[] } {
  const app = new App({ outdir: '.' });
  app.node.setContext(CLUSTER_CONTEXT_KEY, test.cluster.name);
  const chart = new PlainChart(app, test.cluster.name);
  const networking = new PmsNetworking(chart, 'networking', {
    cluster: test.cluster,
    settings: overrides.settings ?? test.networking,
    ...(overrides.graph ? { graph: overrides.graph } : {}),
    ...(overrides.workloadEnv ? { workloadEnv: overrides.workloadEnv } : {}),
    ...(overrides.serviceAnnotations ? { serviceAnnotations: overrides.serviceAnnotations } : {}),
    ...(overrides.drainSeconds ? { drainSeconds: overrides.drainSeconds } : {}),
    ...(overrides.frontendHeaders ? { frontendHeaders: overrides.frontendHeaders } : {}),
  });
  return { networking, manifests: synthesize(app) };
}
