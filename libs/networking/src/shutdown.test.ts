import { Checks, formatIssue, issuesOf, type Manifest } from '@pms/core';
import type { IDeployment } from 'kubernetes-models/apps/v1/Deployment';
import { describe, expect, it } from 'vitest';
import { isAlbBackend, WORKLOAD_SERVICES, type WorkloadName } from './catalogue.js';
import {
  ALB_DEREGISTRATION_PROPAGATION_SECONDS,
  checkWorkloadShutdown,
  ENDPOINT_PROPAGATION_SECONDS,
  renderedShutdown,
  SHUTDOWN_EXIT_SECONDS,
  validateCatalogueShutdown,
  type WorkloadShutdown,
} from './shutdown.js';
import { renderNetworking, TEST_CLUSTERS } from './__fixtures__/clusters.js';

const cluster = TEST_CLUSTERS[0]!;
const { manifests } = renderNetworking(cluster);

/** The messages `validateCatalogueShutdown` records for the catalogue with `name`'s shutdown changed. */
function problems(name: WorkloadName, change: Partial<WorkloadShutdown>): string[] {
  const checks = new Checks('pms-test');
  validateCatalogueShutdown(
    WORKLOAD_SERVICES.map((s) => (s.name === name ? { ...s, shutdown: { ...s.shutdown, ...change } } : s)),
    checks,
    '',
  );
  return checks.issues.map(formatIssue);
}

const deployment = (objects: readonly Manifest[], name: string) =>
  objects.find((m) => m.kind === 'Deployment' && m.metadata.name === name) as Manifest &
    IDeployment & { spec: any };

/** What `checkWorkloadShutdown` says about `objects`. */
function refusals(objects: readonly Manifest[]): string[] {
  try {
    checkWorkloadShutdown('pms-test', objects);
    return [];
  } catch (error) {
    return issuesOf(error)!.map(formatIssue);
  }
}

const albBackend = WORKLOAD_SERVICES.find(isAlbBackend)!;
const inCluster = WORKLOAD_SERVICES.find((s) => !isAlbBackend(s))!;

describe('shutdown values in PMS_SERVICES', () => {
  it('pass every check', () => {
    const checks = new Checks('pms-test');
    validateCatalogueShutdown(WORKLOAD_SERVICES, checks);
    expect(checks.issues).toEqual([]);
  });

  it("give every ALB backend a preStop covering the ALB's deregistration propagation, and the rest kube-proxy's", () => {
    for (const service of WORKLOAD_SERVICES) {
      const floor = isAlbBackend(service)
        ? ALB_DEREGISTRATION_PROPAGATION_SECONDS
        : ENDPOINT_PROPAGATION_SECONDS;
      expect(service.shutdown.preStopSeconds, service.name).toBeGreaterThanOrEqual(floor);
    }
  });

  it('refuses an ALB backend whose preStop is shorter than the deregistration propagation', () => {
    expect(problems(albBackend.name, { preStopSeconds: 5 })).toEqual([
      `[pms-test] ${albBackend.name}.shutdown.preStopSeconds = 5: the ALB may still send new requests to the pod after its server got the stop signal: they fail with 502; allowed: at least ${ALB_DEREGISTRATION_PROPAGATION_SECONDS} s (ALB_DEREGISTRATION_PROPAGATION_SECONDS, libs/networking/src/shutdown.ts), as albBackendShutdown (libs/networking/src/catalogue.ts) gives a workload behind the ALB`,
    ]);
  });

  it('accepts a short preStop for a workload reached only inside the cluster, down to the endpoint propagation', () => {
    expect(problems(inCluster.name, { preStopSeconds: ENDPOINT_PROPAGATION_SECONDS })).toEqual([]);
    expect(problems(inCluster.name, { preStopSeconds: ENDPOINT_PROPAGATION_SECONDS - 1 })).toHaveLength(1);
  });

  it('refuses a drain out of range and an unknown server', () => {
    expect(problems(inCluster.name, { drainSeconds: 0, runtime: 'tomcat' as never })).toEqual([
      `[pms-test] ${inCluster.name}.shutdown.runtime = "tomcat"; allowed: one of "spring-boot", "nginx"`,
      `[pms-test] ${inCluster.name}.shutdown.drainSeconds = 0; allowed: a whole number from 1 to 900 seconds`,
    ]);
  });
});

describe('the rendered shutdown', () => {
  it.each(WORKLOAD_SERVICES.map((s) => [s.name, s] as const))(
    '%s: preStop sleep, configured drain and a grace period of preStop + drain + exit',
    (name, service) => {
      const read = renderedShutdown(deployment(manifests, name), manifests);
      const { preStopSeconds, drainSeconds } = service.shutdown;
      expect(read).toMatchObject({ preStopSeconds, drainSeconds });
      expect(read.gracePeriodSeconds).toBe(preStopSeconds + drainSeconds + SHUTDOWN_EXIT_SECONDS);
    },
  );

  it('passes the check', () => {
    expect(refusals(manifests)).toEqual([]);
  });

  it('follows a drain published for a workload (a WebSocket backend)', () => {
    const name = albBackend.name;
    const published = renderNetworking(cluster, { drainSeconds: { [name]: 77 } }).manifests;
    const read = renderedShutdown(deployment(published, name), published);
    expect(read.drainSeconds).toBe(77);
    expect(read.gracePeriodSeconds).toBe(albBackend.shutdown.preStopSeconds + 77 + SHUTDOWN_EXIT_SECONDS);
  });

  it('refuses a grace period shorter than preStop + drain, naming the workload and the three values', () => {
    const objects = structuredClone(manifests) as Manifest[];
    const spring = WORKLOAD_SERVICES.find((s) => s.shutdown.runtime === 'spring-boot')!;
    const { preStopSeconds, drainSeconds } = spring.shutdown;
    deployment(objects, spring.name).spec.template.spec.terminationGracePeriodSeconds = preStopSeconds;
    expect(refusals(objects)).toEqual([
      `[pms-test] Deployment pms/${spring.name} spec.template.spec.terminationGracePeriodSeconds = ${preStopSeconds}: shorter than preStop ${preStopSeconds} s + drain ${drainSeconds} s (env SPRING_LIFECYCLE_TIMEOUTPERSHUTDOWNPHASE) = ${preStopSeconds + drainSeconds} s: the kubelet kills the server while it is still draining, cutting requests and WebSockets; allowed: at least ${preStopSeconds + drainSeconds} s (preStop + drain; the render adds ${SHUTDOWN_EXIT_SECONDS} s to exit); the render derives them from PMS_SERVICES (libs/networking/src/catalogue.ts) <workload>.shutdown, and a WebSocket backend's drain from the cluster setting ingress.websocket.drainSeconds (at shutdown check)`,
    ]);
  });

  it("reads nginx's drain from the mounted main configuration, and refuses a server without a configured drain", () => {
    const nginx = WORKLOAD_SERVICES.find((s) => s.shutdown.runtime === 'nginx')!;
    expect(renderedShutdown(deployment(manifests, nginx.name), manifests).drainSource).toMatch(
      /^ConfigMap pms\/\S+ nginx\.conf worker_shutdown_timeout$/,
    );
    const objects = (structuredClone(manifests) as Manifest[]).filter((m) => m.kind !== 'ConfigMap');
    expect(refusals(objects)).toEqual([
      expect.stringMatching(
        new RegExp(
          `^\\[pms-test\\] Deployment pms/${nginx.name} spec\\.template\\.spec\\.containers\\[0\\] = "${nginx.name}": no graceful shutdown configured`,
        ),
      ),
    ]);
  });

  it('refuses a container without a preStop delay', () => {
    const objects = structuredClone(manifests) as Manifest[];
    delete deployment(objects, albBackend.name).spec.template.spec.containers[0].lifecycle;
    expect(refusals(objects)).toEqual([
      expect.stringContaining(
        `Deployment pms/${albBackend.name} spec.template.spec.containers[0].lifecycle.preStop.sleep.seconds = (missing): no preStop delay`,
      ),
    ]);
  });
});
