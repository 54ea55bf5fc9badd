/**
 * @pms/networking/testing — builders of small catalogues for tests: entries shaped like the catalogue's, with
 * defaults a test overrides, so a test states only what it is about. Only test code may import this subpath
 * (`pnpm boundaries` refuses it in production code).
 */
import type { Environment } from '@pms/core';
import type {
  BackingSettings,
  KafkaClusterSettings,
  PostgresClusterSettings,
  ValkeySettings,
} from '../backing/settings.js';
import {
  albBackendShutdown,
  backingServicesOf,
  inClusterShutdown,
  isWorkload,
  PMS_SERVICES,
  seedProbe,
  seedTargetGroup,
  type BackingService,
  type ServiceDefinition,
  type WorkloadService,
} from '../catalogue.js';
import type { WorkloadHealth } from '../health.js';
import type { NetworkingSettings, ScalingSettings } from '../settings.js';

/** What a test may set on a test workload; everything else takes the defaults of `testWorkload`. */
export type TestWorkloadOverrides = Partial<Omit<WorkloadService, 'kind' | 'name'>>;

/**
 * A workload entry named `name`: port 8080 (`http`), pod label `app.kubernetes.io/name: <name>`, Spring Boot
 * probes, the seed's target-group check on `/actuator/health/readiness` when `behindAlb` (the default), and the
 * catalogue's Spring Boot shutdown for its place (behind the ALB or in the cluster).
 */
export function testWorkload(
  name: string,
  overrides: TestWorkloadOverrides = {},
  behindAlb = true,
): WorkloadService {
  const health: WorkloadHealth = {
    readiness: seedProbe('/actuator/health/readiness'),
    liveness: seedProbe('/actuator/health/liveness'),
    ...(behindAlb ? { targetGroup: seedTargetGroup('/actuator/health/readiness') } : {}),
  };
  const shutdown = behindAlb ? albBackendShutdown('spring-boot', 20) : inClusterShutdown('spring-boot', 20);
  return {
    name,
    port: 8080,
    portName: 'http',
    appProtocol: 'http',
    kind: 'workload',
    podLabels: { 'app.kubernetes.io/name': name },
    description: `test workload ${name}`,
    health,
    shutdown,
    ...overrides,
  };
}

/** What a test may set on a test backing service; everything else takes the defaults of `testBackingService`. */
export type TestBackingOverrides = Partial<Omit<BackingService, 'kind' | 'name'>>;

/**
 * A backing-service entry named `name`: port 6379 (`tcp`), pod labels `app.kubernetes.io/name: <name>` and
 * `app.kubernetes.io/instance: <name>` (also its Service selector), installed like the catalogue's Valkey entry
 * (release `<name>`, `fullnameOverride: <name>-valkey`). Its labels are not the upstream project's: a test of the
 * upstream facts builds on the catalogue's own entries.
 */
export function testBackingService(name: string, overrides: TestBackingOverrides = {}): BackingService {
  const podLabels = { 'app.kubernetes.io/name': name, 'app.kubernetes.io/instance': name };
  return {
    name,
    port: 6379,
    portName: 'tcp',
    appProtocol: 'tcp',
    kind: 'backing',
    podLabels,
    serviceSelector: podLabels,
    description: `test backing service ${name}`,
    installer: { project: 'valkey', instance: name, fullnameOverride: `${name}-valkey` },
    ...overrides,
  };
}

/**
 * Valid backing settings installing every backing service of `services` (default the catalogue), sized for
 * `environment` (prod: 3 PostgreSQL instances, 3 Kafka nodes), so a backing service added to the catalogue
 * renders in tests without touching them.
 */
export function testBackingSettings(
  environment: Environment = 'staging',
  services: readonly ServiceDefinition[] = PMS_SERVICES,
): BackingSettings {
  const prod = environment === 'prod';
  const byProject = {
    'cloudnative-pg': {
      instances: prod ? 3 : 1,
      storage: { size: '10Gi' },
    } satisfies PostgresClusterSettings,
    strimzi: { replicas: prod ? 3 : 1, storage: { size: '10Gi' } } satisfies KafkaClusterSettings,
    valkey: { storage: { size: '1Gi' } } satisfies ValkeySettings,
  };
  return Object.fromEntries(
    backingServicesOf(services).map((service) => [service.name, byProject[service.installer.project]]),
  ) as BackingSettings;
}

/**
 * Valid workload settings for every workload of `services` (default the catalogue): image `<registry>/<name>:<tag>`
 * and the same `scaling` for each, so a workload added to the catalogue renders in tests without touching them.
 */
export function testWorkloadSettings(
  registry: string,
  {
    tag = '1.0.0',
    scaling = { minReplicas: 2, maxReplicas: 4 },
  }: { tag?: string; scaling?: ScalingSettings } = {},
  services: readonly ServiceDefinition[] = PMS_SERVICES,
): NetworkingSettings['workloads'] {
  return Object.fromEntries(
    services.filter(isWorkload).map((service) => [
      service.name,
      // A scaling object of its own per workload: a test may change one workload's.
      { image: { repository: `${registry}/${service.name}`, tag }, scaling: { ...scaling } },
    ]),
  ) as NetworkingSettings['workloads'];
}

/** `service` with parts of its health values replaced (`targetGroup: null` removes the target-group check). */
export function withHealth(
  service: WorkloadService,
  change: {
    readonly readiness?: Partial<WorkloadHealth['readiness']>;
    readonly liveness?: Partial<WorkloadHealth['liveness']>;
    readonly targetGroup?: Partial<NonNullable<WorkloadHealth['targetGroup']>> | null;
  },
): WorkloadService {
  const { readiness, liveness, targetGroup } = service.health;
  const next =
    change.targetGroup === null
      ? undefined
      : change.targetGroup === undefined
        ? targetGroup
        : { ...targetGroup!, ...change.targetGroup };
  return {
    ...service,
    health: {
      readiness: { ...readiness, ...change.readiness },
      liveness: { ...liveness, ...change.liveness },
      ...(next ? { targetGroup: next } : {}),
    },
  };
}
