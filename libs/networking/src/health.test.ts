import { Checks, formatIssue } from '@pms/core';
import { describe, expect, it } from 'vitest';
import { PMS_SERVICES, WORKLOAD_SERVICES, workloadOf, type WorkloadName } from './catalogue.js';
import {
  albToleranceSeconds,
  readinessDetectionSeconds,
  successCodesProblem,
  validateCatalogueHealth,
  type TargetGroupHealthCheck,
  type WorkloadHealth,
} from './health.js';

/** Health values by workload name, for a catalogue made of those workloads with these values. */
type HealthByWorkload = Readonly<Record<string, WorkloadHealth>>;

/** Runs `validateCatalogueHealth` over the catalogue's workloads with `health` and returns the messages. */
function problems(health: HealthByWorkload): string[] {
  const checks = new Checks('pms-test');
  const services = Object.entries(health).map(([name, values]) => ({
    ...workloadOf(name as WorkloadName),
    health: values,
  }));
  validateCatalogueHealth(services, checks, '');
  return checks.issues.map(formatIssue);
}

const CATALOGUE_HEALTH: HealthByWorkload = Object.fromEntries(
  WORKLOAD_SERVICES.map((s) => [s.name, s.health]),
);
const gateway = workloadOf('apigateway').health;
const frontend = workloadOf('frontend').health;
const withTargetGroup = (change: Partial<TargetGroupHealthCheck>): HealthByWorkload => ({
  apigateway: { ...gateway, targetGroup: { ...gateway.targetGroup!, ...change } },
});
const withReadiness = (change: Partial<WorkloadHealth['readiness']>): HealthByWorkload => ({
  apigateway: { ...gateway, readiness: { ...gateway.readiness, ...change } },
});

describe('health values in PMS_SERVICES', () => {
  it('holds the seed values (HTTP, traffic port, 200-299, 30 s, 2/2; readiness 30/10/5/1/3) on the readiness group', () => {
    expect(gateway.targetGroup).toMatchObject({
      path: '/actuator/health/readiness',
      protocol: 'HTTP',
      port: 'traffic-port',
      successCodes: '200-299',
      intervalSeconds: 30,
      timeoutSeconds: 5,
      healthyThresholdCount: 2,
      unhealthyThresholdCount: 2,
    });
    expect(gateway.readiness).toEqual({
      path: '/actuator/health/readiness',
      initialDelaySeconds: 30,
      periodSeconds: 10,
      timeoutSeconds: 5,
      successThreshold: 1,
      failureThreshold: 3,
    });
    expect(gateway.liveness.path).toBe('/actuator/health/liveness');
    expect(frontend.targetGroup?.path).toBe('/healthz');
  });

  it('passes every check', () => {
    expect(problems(CATALOGUE_HEALTH)).toEqual([]);
  });

  it('puts readiness detection (35 s) within the ALB tolerance (60 s)', () => {
    expect(readinessDetectionSeconds(gateway.readiness)).toBe(35);
    expect(albToleranceSeconds(gateway.targetGroup!)).toBe(60);
  });
});

describe('ALB health-check ranges', () => {
  it.each([
    [
      { intervalSeconds: 4 },
      'apigateway.health.targetGroup.intervalSeconds = 4; allowed: a whole number from 5 to 300 seconds',
    ],
    [
      { intervalSeconds: 301 },
      'apigateway.health.targetGroup.intervalSeconds = 301; allowed: a whole number from 5 to 300 seconds',
    ],
    [
      { timeoutSeconds: 1 },
      'apigateway.health.targetGroup.timeoutSeconds = 1; allowed: a whole number from 2 to 120 seconds',
    ],
    [
      { timeoutSeconds: 121, intervalSeconds: 300 },
      'apigateway.health.targetGroup.timeoutSeconds = 121; allowed: a whole number from 2 to 120 seconds',
    ],
    [
      { healthyThresholdCount: 1 },
      'apigateway.health.targetGroup.healthyThresholdCount = 1; allowed: a whole number from 2 to 10',
    ],
    [
      { unhealthyThresholdCount: 11 },
      'apigateway.health.targetGroup.unhealthyThresholdCount = 11; allowed: a whole number from 2 to 10',
    ],
    [
      { path: 'actuator/health' },
      'apigateway.health.targetGroup.path = "actuator/health"; allowed: an absolute path',
    ],
    [{ port: 70000 }, 'apigateway.health.targetGroup.port = 70000; allowed: a whole number from 1 to 65535'],
    [
      { protocol: 'TCP' as never },
      'apigateway.health.targetGroup.protocol = "TCP"; allowed: one of "HTTP", "HTTPS"',
    ],
  ])('refuses %j', (change, message) => {
    expect(problems(withTargetGroup(change))).toEqual([expect.stringContaining(`[pms-test] ${message}`)]);
  });

  it.each(['/actuator/health', '/actuator/health/'])(
    'refuses the aggregate health endpoint %s (one failing dependency fails every target)',
    (path) => {
      expect(problems(withTargetGroup({ path }))).toEqual([
        `[pms-test] apigateway.health.targetGroup.path = ${JSON.stringify(path)}: the aggregate health of every dependency: one failing dependency marks every target unhealthy and the ALB fails open to all of them; allowed: an endpoint of this pod's own readiness, e.g. /actuator/health/readiness (Spring Boot's readiness group)`,
      ]);
    },
  );

  it('requires every target-group check to say what it means', () => {
    expect(problems(withTargetGroup({ meaning: ' ' }))).toEqual([
      '[pms-test] apigateway.health.targetGroup.meaning = " "; allowed: one line saying what a passing check means, for the README',
    ]);
  });

  it('checks no aggregate endpoint in the catalogue: each backend says what its check means', () => {
    for (const service of WORKLOAD_SERVICES) {
      const check = service.health.targetGroup;
      if (!check) continue;
      expect(check.path, service.name).not.toBe('/actuator/health');
      expect(check.meaning.length, service.name).toBeGreaterThan(10);
    }
  });

  it('refuses a timeout that is not below the interval', () => {
    expect(problems(withTargetGroup({ intervalSeconds: 10, timeoutSeconds: 10 }))).toEqual([
      '[pms-test] apigateway.health.targetGroup.timeoutSeconds = 10: the ALB requires the timeout to be shorter than the interval; allowed: less than intervalSeconds (10)',
    ]);
  });

  it.each([
    ['2xx', 'not a code, a comma-separated list of codes or a range such as 200-299'],
    ['200-', 'not a code, a comma-separated list of codes or a range such as 200-299'],
    ['200,,204', 'not a code, a comma-separated list of codes or a range such as 200-299'],
    ['200-599', '200-599 is outside 200-499'],
    ['100', '100 is outside 200-499'],
    ['299-200', 'range 299-200 is not ascending'],
  ])('refuses success codes %s', (codes, problem) => {
    expect(problems(withTargetGroup({ successCodes: codes }))).toEqual([
      `[pms-test] apigateway.health.targetGroup.successCodes = ${JSON.stringify(codes)}: ${problem}; allowed: HTTP codes from 200 to 499: "200", "200,204" or "200-299"`,
    ]);
  });

  it.each(['200', '200,204', '200-299', '200-204,302,401-404'])('accepts success codes %s', (codes) => {
    expect(successCodesProblem(codes)).toBeUndefined();
  });
});

describe('probes', () => {
  it('refuses readiness slower than the ALB tolerates', () => {
    // 6 × 10 + 5 = 65 s > 2 × 30 = 60 s
    expect(problems(withReadiness({ failureThreshold: 6 }))).toContainEqual(
      '[pms-test] apigateway.health.readiness = {"failureThreshold":6,"periodSeconds":10,"timeoutSeconds":5}: readiness needs up to 65 s to take a failing pod out, longer than the ALB tolerates (60 s); allowed: failureThreshold × periodSeconds + timeoutSeconds at most targetGroup.unhealthyThresholdCount × targetGroup.intervalSeconds (60 s)',
    );
  });

  it('refuses a faster ALB that the readiness probe cannot keep up with', () => {
    expect(problems(withTargetGroup({ intervalSeconds: 10 }))).toEqual([
      expect.stringContaining(
        'readiness needs up to 35 s to take a failing pod out, longer than the ALB tolerates (20 s)',
      ),
    ]);
  });

  it('refuses a probe timeout not below its period', () => {
    expect(problems(withReadiness({ timeoutSeconds: 10 }))).toEqual([
      '[pms-test] apigateway.health.readiness.timeoutSeconds = 10: a probe that may take longer than its period overlaps the next one; allowed: less than periodSeconds (10)',
    ]);
  });

  it('refuses a liveness successThreshold other than 1', () => {
    const health = { apigateway: { ...gateway, liveness: { ...gateway.liveness, successThreshold: 2 } } };
    expect(problems(health)).toEqual([
      '[pms-test] apigateway.health.liveness.successThreshold = 2; allowed: 1 (Kubernetes requires it for liveness probes)',
    ]);
  });

  it('refuses liveness that gives up before readiness', () => {
    const health = { apigateway: { ...gateway, liveness: { ...gateway.liveness, failureThreshold: 2 } } };
    expect(problems(health)).toEqual([
      "[pms-test] apigateway.health.liveness.failureThreshold = 2: liveness would restart the pod before readiness takes it out of the Service; allowed: liveness.failureThreshold × liveness.periodSeconds (20 s) at least readiness's (30 s)",
    ]);
  });

  it('refuses a relative probe path and out-of-range counts', () => {
    expect(problems(withReadiness({ path: 'ready', failureThreshold: 0, initialDelaySeconds: -1 }))).toEqual([
      '[pms-test] apigateway.health.readiness.path = "ready"; allowed: an absolute path starting with "/", without spaces',
      '[pms-test] apigateway.health.readiness.initialDelaySeconds = -1; allowed: a whole number from 0 to 600 seconds',
      '[pms-test] apigateway.health.readiness.failureThreshold = 0; allowed: a whole number from 1 to 30',
    ]);
  });

  it('reports every problem of every workload at once', () => {
    const health = {
      ...withTargetGroup({ intervalSeconds: 1 }),
      frontend: { ...frontend, readiness: { ...frontend.readiness, periodSeconds: 0 } },
    };
    expect(problems(health)).toHaveLength(2);
  });
});

describe('a catalogue entry without health values', () => {
  it('is refused with a message naming PMS_SERVICES and its file, never a TypeError', () => {
    const [first, second] = WORKLOAD_SERVICES;
    const services = PMS_SERVICES.map((s) =>
      s === first
        ? { ...s, health: undefined! }
        : s === second
          ? { ...s, health: { ...s.health, liveness: undefined! } }
          : s,
    );
    const checks = new Checks('pms-dev', '', 'pms-dev/networking');
    validateCatalogueHealth(services, checks);
    expect(checks.issues.map(formatIssue)).toEqual([
      `[pms-dev] PMS_SERVICES (libs/networking/src/catalogue.ts) ${first!.name}.health = (missing): a workload of the catalogue needs health values; allowed: readiness and liveness probes, and a targetGroup check if the ALB routes to the workload (at pms-dev/networking)`,
      `[pms-dev] PMS_SERVICES (libs/networking/src/catalogue.ts) ${second!.name}.health.liveness = (missing); allowed: an HTTP liveness probe (path, initialDelaySeconds, periodSeconds, timeoutSeconds, successThreshold, failureThreshold) (at pms-dev/networking)`,
    ]);
  });
});
