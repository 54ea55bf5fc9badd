import { Checks, formatIssue } from '@pms/core';
import { describe, expect, it } from 'vitest';
import {
  albToleranceSeconds,
  PMS_HEALTH,
  readinessDetectionSeconds,
  successCodesProblem,
  validateHealth,
  type HealthCatalogue,
  type TargetGroupHealthCheck,
  type WorkloadHealth,
} from './health.js';

/** Runs `validateHealth` and returns the formatted messages. */
function problems(health: HealthCatalogue): string[] {
  const checks = new Checks('pms-test', 'health');
  validateHealth(health, checks);
  return checks.issues.map(formatIssue);
}

const gateway = PMS_HEALTH.apigateway as WorkloadHealth;
const withTargetGroup = (change: Partial<TargetGroupHealthCheck>): HealthCatalogue => ({
  apigateway: { ...gateway, targetGroup: { ...gateway.targetGroup!, ...change } },
});
const withReadiness = (change: Partial<WorkloadHealth['readiness']>): HealthCatalogue => ({
  apigateway: { ...gateway, readiness: { ...gateway.readiness, ...change } },
});

describe('PMS_HEALTH', () => {
  it('holds the seed values: HTTP, traffic port, 200-299, 30 s, 2/2; readiness 30/10/5/1/3', () => {
    expect(PMS_HEALTH.apigateway.targetGroup).toEqual({
      path: '/actuator/health',
      protocol: 'HTTP',
      port: 'traffic-port',
      successCodes: '200-299',
      intervalSeconds: 30,
      timeoutSeconds: 5,
      healthyThresholdCount: 2,
      unhealthyThresholdCount: 2,
    });
    expect(PMS_HEALTH.apigateway.readiness).toEqual({
      path: '/actuator/health/readiness',
      initialDelaySeconds: 30,
      periodSeconds: 10,
      timeoutSeconds: 5,
      successThreshold: 1,
      failureThreshold: 3,
    });
    expect(PMS_HEALTH.apigateway.liveness.path).toBe('/actuator/health/liveness');
    expect(PMS_HEALTH.frontend.targetGroup.path).toBe('/healthz');
  });

  it('passes every check', () => {
    expect(problems(PMS_HEALTH)).toEqual([]);
  });

  it('puts readiness detection (35 s) within the ALB tolerance (60 s)', () => {
    expect(readinessDetectionSeconds(PMS_HEALTH.apigateway.readiness)).toBe(35);
    expect(albToleranceSeconds(PMS_HEALTH.apigateway.targetGroup!)).toBe(60);
  });
});

describe('ALB health-check ranges', () => {
  it.each([
    [
      { intervalSeconds: 4 },
      'health.apigateway.targetGroup.intervalSeconds = 4; allowed: a whole number from 5 to 300 seconds',
    ],
    [
      { intervalSeconds: 301 },
      'health.apigateway.targetGroup.intervalSeconds = 301; allowed: a whole number from 5 to 300 seconds',
    ],
    [
      { timeoutSeconds: 1 },
      'health.apigateway.targetGroup.timeoutSeconds = 1; allowed: a whole number from 2 to 120 seconds',
    ],
    [
      { timeoutSeconds: 121, intervalSeconds: 300 },
      'health.apigateway.targetGroup.timeoutSeconds = 121; allowed: a whole number from 2 to 120 seconds',
    ],
    [
      { healthyThresholdCount: 1 },
      'health.apigateway.targetGroup.healthyThresholdCount = 1; allowed: a whole number from 2 to 10',
    ],
    [
      { unhealthyThresholdCount: 11 },
      'health.apigateway.targetGroup.unhealthyThresholdCount = 11; allowed: a whole number from 2 to 10',
    ],
    [
      { path: 'actuator/health' },
      'health.apigateway.targetGroup.path = "actuator/health"; allowed: an absolute path',
    ],
    [{ port: 70000 }, 'health.apigateway.targetGroup.port = 70000; allowed: a whole number from 1 to 65535'],
    [
      { protocol: 'TCP' as never },
      'health.apigateway.targetGroup.protocol = "TCP"; allowed: one of "HTTP", "HTTPS"',
    ],
  ])('refuses %j', (change, message) => {
    expect(problems(withTargetGroup(change))).toEqual([expect.stringContaining(`[pms-test] ${message}`)]);
  });

  it('refuses a timeout that is not below the interval', () => {
    expect(problems(withTargetGroup({ intervalSeconds: 10, timeoutSeconds: 10 }))).toEqual([
      '[pms-test] health.apigateway.targetGroup.timeoutSeconds = 10: the ALB requires the timeout to be shorter than the interval; allowed: less than intervalSeconds (10)',
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
      `[pms-test] health.apigateway.targetGroup.successCodes = ${JSON.stringify(codes)}: ${problem}; allowed: HTTP codes from 200 to 499: "200", "200,204" or "200-299"`,
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
      '[pms-test] health.apigateway.readiness = {"failureThreshold":6,"periodSeconds":10,"timeoutSeconds":5}: readiness needs up to 65 s to take a failing pod out, longer than the ALB tolerates (60 s); allowed: failureThreshold × periodSeconds + timeoutSeconds at most targetGroup.unhealthyThresholdCount × targetGroup.intervalSeconds (60 s)',
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
      '[pms-test] health.apigateway.readiness.timeoutSeconds = 10: a probe that may take longer than its period overlaps the next one; allowed: less than periodSeconds (10)',
    ]);
  });

  it('refuses a liveness successThreshold other than 1', () => {
    const health = { apigateway: { ...gateway, liveness: { ...gateway.liveness, successThreshold: 2 } } };
    expect(problems(health)).toEqual([
      '[pms-test] health.apigateway.liveness.successThreshold = 2; allowed: 1 (Kubernetes requires it for liveness probes)',
    ]);
  });

  it('refuses liveness that gives up before readiness', () => {
    const health = { apigateway: { ...gateway, liveness: { ...gateway.liveness, failureThreshold: 2 } } };
    expect(problems(health)).toEqual([
      "[pms-test] health.apigateway.liveness.failureThreshold = 2: liveness would restart the pod before readiness takes it out of the Service; allowed: liveness.failureThreshold × liveness.periodSeconds (20 s) at least readiness's (30 s)",
    ]);
  });

  it('refuses a relative probe path and out-of-range counts', () => {
    expect(problems(withReadiness({ path: 'ready', failureThreshold: 0, initialDelaySeconds: -1 }))).toEqual([
      '[pms-test] health.apigateway.readiness.path = "ready"; allowed: an absolute path starting with "/", without spaces',
      '[pms-test] health.apigateway.readiness.initialDelaySeconds = -1; allowed: a whole number from 0 to 600 seconds',
      '[pms-test] health.apigateway.readiness.failureThreshold = 0; allowed: a whole number from 1 to 30',
    ]);
  });

  it('reports every problem of every workload at once', () => {
    const health = {
      ...withTargetGroup({ intervalSeconds: 1 }),
      frontend: { ...PMS_HEALTH.frontend, readiness: { ...PMS_HEALTH.frontend.readiness, periodSeconds: 0 } },
    };
    expect(problems(health)).toHaveLength(2);
  });
});
