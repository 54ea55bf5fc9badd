/**
 * A valid cluster, shaped like a real one (pms-prod), for the bad-input corpus: each case copies it, breaks ONE
 * field and feeds it to `buildPmsCluster`. Libraries cannot import the cluster apps, so the identity comes from
 * `exampleClusterSettings` (@pms/core) and the sections are written out here; `bad-inputs.test.ts` first proves
 * that this fixture builds.
 */
import { exampleClusterSettings } from '@pms/core/testing';
import { testWorkloadSettings } from '@pms/networking/testing';
import type { PmsClusterSettings } from '../settings.js';

/** The fixture's cluster name: every message of the corpus starts with `[pms-corpus]`. */
export const CLUSTER = 'pms-corpus';
/** The fixture's AWS account. */
export const ACCOUNT = '444444444444';
/** The fixture's AWS region. */
export const REGION = 'eu-central-1';

const registry = `${ACCOUNT}.dkr.ecr.${REGION}.amazonaws.com/pms`;

const VALID: PmsClusterSettings = {
  ...exampleClusterSettings({
    name: CLUSTER,
    environment: 'prod',
    accountId: ACCOUNT,
    region: REGION,
    zones: ['a', 'b', 'c'],
    host: 'corpus.pms.example.com',
    accessLogs: { bucket: 'pms-corpus-alb-access-logs', prefix: `alb/${CLUSTER}` },
  }),
  ingress: {
    websocket: { heartbeatSeconds: 25 },
    contentSecurityPolicy: "default-src 'self'; frame-ancestors 'none'",
    expectedTraffic: {
      typical: {
        requestsPerSecond: 20,
        newConnectionsPerSecond: 2,
        activeConnections: 900,
        processedGbPerHour: 1,
      },
      peak: {
        requestsPerSecond: 150,
        newConnectionsPerSecond: 15,
        activeConnections: 4500,
        processedGbPerHour: 5,
      },
      peakHoursPerDay: 9,
    },
  },
  dns: { hostedZoneId: 'Z0444444444444CORPUS1' },
  migration: {
    albWeightPercent: 25,
    legacyLoadBalancers: [
      {
        name: 'frontend',
        hostname: 'a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6-1044556677.eu-central-1.elb.amazonaws.com',
      },
    ],
  },
  networking: {
    // Every workload of the catalogue, so a workload added there builds here without touching the fixture.
    workloads: testWorkloadSettings(registry, { tag: '1.8.2', scaling: { minReplicas: 3, maxReplicas: 12 } }),
    backing: {
      postgres: { instances: 3, storage: { size: '50Gi' } },
      redis: { storage: { size: '2Gi' } },
      kafka: { replicas: 3, storage: { size: '50Gi' } },
    },
  },
  security: {
    controllerIdentity: { mode: 'irsa', oidcProviderId: '4E3D40A1B2C34A5B8C6D7E8F9A0B1C2D' },
  },
  monitoring: {
    alarmTopicArn: `arn:aws:sns:${REGION}:${ACCOUNT}:pms-alarms`,
    thresholds: {
      target5xxRatePercent: 1,
      p99ResponseTimeSeconds: 1.5,
      elb5xxPerMinute: 5,
      rejectedConnectionsPerMinute: 0,
      evaluationPeriods: 3,
      datapointsToAlarm: 2,
    },
    // A prod cluster must alarm, and alarms need the ALB's dimension.
    alb: { state: 'known', loadBalancer: `app/${CLUSTER}-pms/4f1c2a9b7d3e8065` },
  },
};

/** Mutable view of the settings, so a case can break any field (including to a value of the wrong type). */
export type Mutable<T> = { -readonly [K in keyof T]: Mutable<T[K]> };

/** A fresh copy of the valid fixture. */
export function validSettings(): PmsClusterSettings {
  return structuredClone(VALID);
}

/** A fresh copy of the valid fixture with ONE malformation applied by `change`. */
export function settingsWith(change: (settings: Mutable<PmsClusterSettings>) => void): PmsClusterSettings {
  const settings = structuredClone(VALID) as Mutable<PmsClusterSettings>;
  change(settings);
  return settings as PmsClusterSettings;
}
