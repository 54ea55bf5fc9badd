/** Shared fixtures of the ingress tests: a valid cluster and a way to build the construct in an App. */
import { CLUSTER_CONTEXT_KEY, PlainChart, synthesize, type ClusterSettings, type Manifest } from '@pms/core';
import { exampleClusterSettings } from '@pms/core/testing';
import { PmsNetworking } from '@pms/networking';
import { testBackingSettings, testWorkloadSettings } from '@pms/networking/testing';
import { ApiObject, App } from 'cdk8s';
import { PmsIngress, type PmsIngressProps } from '../ingress.js';
import type { IngressSettings } from '../settings.js';

/** A valid cluster, shaped like pms-prod. */
export const TEST_CLUSTER: ClusterSettings = exampleClusterSettings({
  environment: 'prod',
  accountId: '444444444444',
  host: 'pms.test.example.com',
});

/** ARNs a test may pin on purpose (the settings hold none). */
export const PINNED_ARNS = {
  certificateArn: 'arn:aws:acm:eu-central-1:444444444444:certificate/1d2e3f40-4444-4a5b-8c6d-7e8f9a0b1c2d',
  webAclArn:
    'arn:aws:wafv2:eu-central-1:444444444444:regional/webacl/pms-test-web-acl/5a6b7c8d-4444-4e2f-9a0b-1c2d3e4f5a6b',
} as const;

/** A valid expected traffic: busy enough that every LCU dimension is non-zero. */
export const TEST_TRAFFIC: IngressSettings['expectedTraffic'] = {
  typical: {
    requestsPerSecond: 10,
    newConnectionsPerSecond: 2,
    activeConnections: 600,
    processedGbPerHour: 0.5,
  },
  peak: {
    requestsPerSecond: 100,
    newConnectionsPerSecond: 10,
    activeConnections: 3000,
    processedGbPerHour: 4,
  },
  peakHoursPerDay: 8,
};

/** Valid ingress settings (the cluster is prod, so it sends a Content-Security-Policy). */
export const TEST_SETTINGS: IngressSettings = {
  websocket: { heartbeatSeconds: 25 },
  contentSecurityPolicy: "default-src 'self'",
  expectedTraffic: TEST_TRAFFIC,
};

/**
 * Builds `PmsIngress`, then stand-ins for networking's backend Services (every Service the ingress publishes
 * target-group annotations for: the routes' backends) carrying those annotations, as the platform wires them;
 * returns the construct and every synthesized object.
 */
export function buildTestIngress(overrides: Partial<PmsIngressProps> = {}) {
  const app = new App({ outdir: '.' });
  app.node.setContext(CLUSTER_CONTEXT_KEY, TEST_CLUSTER.name);
  const chart = new PlainChart(app, TEST_CLUSTER.name);
  const ingress = new PmsIngress(chart, 'ingress', {
    cluster: TEST_CLUSTER,
    settings: TEST_SETTINGS,
    ...overrides,
  });
  for (const [name, annotations] of ingress.serviceAnnotations) {
    new ApiObject(chart, `svc-${name}`, {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name, namespace: 'pms', annotations: { ...annotations } },
    });
  }
  const manifests: Manifest[] = synthesize(app);
  return { ingress, manifests };
}

/** The message of the error `fn` throws. */
export function errorOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected an error, none was thrown');
}

/**
 * Builds `PmsIngress` and networking's `PmsNetworking` together, wired as the platform wires them (published
 * target-group annotations, backend environment and drain), for the checks that read both: the rendered Ingress,
 * Services, Namespace and Deployments.
 */
export function buildTestIngressWithNetworking(settings: IngressSettings = TEST_SETTINGS): Manifest[] {
  const app = new App({ outdir: '.' });
  app.node.setContext(CLUSTER_CONTEXT_KEY, TEST_CLUSTER.name);
  const chart = new PlainChart(app, TEST_CLUSTER.name);
  const ingress = new PmsIngress(chart, 'ingress', { cluster: TEST_CLUSTER, settings });
  const workloads = testWorkloadSettings('444444444444.dkr.ecr.eu-central-1.amazonaws.com/pms');
  new PmsNetworking(chart, 'networking', {
    cluster: TEST_CLUSTER,
    settings: { workloads, backing: testBackingSettings(TEST_CLUSTER.environment) },
    serviceAnnotations: ingress.serviceAnnotations,
    workloadEnv: ingress.backendEnv,
    drainSeconds: ingress.backendDrain,
  });
  return synthesize(app);
}
