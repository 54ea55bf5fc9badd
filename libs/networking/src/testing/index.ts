/**
 * @pms/networking/testing — builders of small catalogues for tests: entries shaped like the catalogue's, with
 * defaults a test overrides, so a test states only what it is about. Only test code may import this subpath
 * (`pnpm boundaries` refuses it in production code).
 */
import {
  albBackendShutdown,
  inClusterShutdown,
  seedProbe,
  seedTargetGroup,
  type BackingService,
  type WorkloadService,
} from '../catalogue.js';
import type { WorkloadHealth } from '../health.js';

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
 * A backing-service entry named `name`: a TCP port (default 5432, `tcp`), the Bitnami-style pod labels
 * `app.kubernetes.io/name: <chart>` and `app.kubernetes.io/instance: <name>`, and chart `name` with no required values.
 */
export function testBackingService(name: string, overrides: TestBackingOverrides = {}): BackingService {
  const chart = overrides.chart ?? {
    name,
    repository: 'oci://registry.example.com/charts',
    release: name,
    fullnameOverride: `${name}-chart`,
    requiredValues: [],
  };
  return {
    name,
    port: 5432,
    portName: 'tcp',
    appProtocol: 'tcp',
    kind: 'backing',
    podLabels: { 'app.kubernetes.io/name': chart.name, 'app.kubernetes.io/instance': name },
    description: `test backing service ${name}`,
    chart,
    ...overrides,
  };
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
