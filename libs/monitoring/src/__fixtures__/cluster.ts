/** Test fixtures: a cluster in each of the three monitoring modes (used by the tests only). */
import { type ClusterSettings, type Environment } from '@pms/core';
import { exampleClusterSettings } from '@pms/core/testing';
import type { GraphEdge, ServiceDefinition } from '@pms/networking';
import { testBackingService, testWorkload } from '@pms/networking/testing';
import type { MonitoringSettings } from '../settings.js';

/** The environment of each test cluster. */
const ENVIRONMENTS: Readonly<Record<string, Environment>> = {
  'pms-boot': 'dev',
  'pms-lb': 'staging',
  'pms-full': 'prod',
};

/** The shared settings of a test cluster (environment: dev for `pms-boot`, staging or prod for the others). */
export function testCluster(
  name: string,
  accountId = '444444444444',
  region = 'eu-central-1',
): ClusterSettings {
  return exampleClusterSettings({
    name,
    environment: ENVIRONMENTS[name] ?? 'staging',
    accountId,
    region,
    eksClusterName: `${name}-eks`,
  });
}

/** Monitoring settings awaiting the ALB (bootstrap: dashboard search only, no alarms). */
export function testMonitoring(
  name: string,
  accountId = '444444444444',
  region = 'eu-central-1',
): MonitoringSettings {
  return {
    alarmTopicArn: `arn:aws:sns:${region}:${accountId}:pms-alarms`,
    thresholds: {
      target5xxRatePercent: 2.5,
      p99ResponseTimeSeconds: 1.25,
      elb5xxPerMinute: 7,
      rejectedConnectionsPerMinute: 3,
      evaluationPeriods: 4,
      datapointsToAlarm: 2,
    },
    alb: { state: 'awaiting' },
  };
}

/** The three modes: name → (monitoring settings). */
export const MODES = {
  'pms-boot': testMonitoring('pms-boot'),
  'pms-lb': {
    ...testMonitoring('pms-lb'),
    alb: { state: 'known', loadBalancer: 'app/pms-lb-pms/0123456789abcdef' },
  },
  'pms-full': {
    ...testMonitoring('pms-full'),
    alb: {
      state: 'known',
      loadBalancer: 'app/pms-full-pms/fedcba9876543210',
      targetGroups: {
        frontend: 'targetgroup/k8s-pms-frontend-1a2b3c4d5e/0123456789abcdef',
        apigateway: 'targetgroup/k8s-pms-apigatew-6f7a8b9c0d/fedcba9876543210',
      },
    },
  },
} as const satisfies Record<string, MonitoringSettings>;

/**
 * A small catalogue: two workloads behind the ALB (`frontend`, `apigateway`), two without a target group, and two
 * backing services with their charts' pod labels.
 */
export const TEST_SERVICES: readonly ServiceDefinition[] = [
  testWorkload('frontend', { port: 80 }),
  testWorkload('apigateway', { port: 8080 }),
  testWorkload('auth', { port: 8081 }, false),
  testWorkload('analytics', { port: 8086 }, false),
  testBackingService('redis', { port: 6379 }),
  testBackingService('kafka', { port: 9092 }),
];

const tcp = (from: string, to: string, port: number, purpose = ''): GraphEdge => ({
  from,
  to,
  port,
  protocol: 'TCP',
  purpose,
});

/** Declared connections as the networking graph declares them, including edges the runbook must ignore. */
export const TEST_CONNECTIONS: readonly GraphEdge[] = [
  tcp('alb', 'frontend', 80),
  tcp('alb', 'apigateway', 8080),
  tcp('frontend', 'apigateway', 8080, 'API calls'),
  tcp('apigateway', 'auth', 8081, 'authentication'),
  tcp('apigateway', 'analytics', 8086),
  tcp('apigateway', 'redis', 6379, 'sessions'),
  tcp('analytics', 'kafka', 9092),
  tcp('kafka', 'kafka', 9093, 'KRaft quorum'),
  { from: 'auth', to: 'kube-dns', port: 53, protocol: 'UDP', purpose: 'DNS' },
];
