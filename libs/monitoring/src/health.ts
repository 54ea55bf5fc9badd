/**
 * Health values in one place: the ALB target-group health checks and the pod probes of every PMS
 * workload. The ingress library reads the target-group values (Service annotations), the networking
 * library the probes; nothing else defines them. `validateHealth` checks them against the ALB's and
 * the kubelet's ranges and against each other (see `readinessDetectionSeconds`).
 */
import type { Checks } from '@pms/core';

/** An ALB target-group health check (seed values: HTTP, traffic port, 200-299, 30 s, 2/2). */
export interface TargetGroupHealthCheck {
  /** Path requested by the ALB, e.g. `/actuator/health`. */
  readonly path: string;
  /** Protocol of the check. */
  readonly protocol: 'HTTP' | 'HTTPS';
  /** `traffic-port` or a port number. */
  readonly port: 'traffic-port' | number;
  /** HTTP codes counted as healthy, e.g. `200-299`. */
  readonly successCodes: string;
  /** Seconds between checks (ALB: 5-300). */
  readonly intervalSeconds: number;
  /** Seconds before a check counts as failed (ALB: 2-120, below the interval). */
  readonly timeoutSeconds: number;
  /** Consecutive successes before a target is healthy (ALB: 2-10). */
  readonly healthyThresholdCount: number;
  /** Consecutive failures before a target is unhealthy (ALB: 2-10). */
  readonly unhealthyThresholdCount: number;
}

/** An HTTP pod probe on the service port. */
export interface HttpProbe {
  /** Path requested by the kubelet. */
  readonly path: string;
  /** Seconds after start before the first probe. */
  readonly initialDelaySeconds: number;
  /** Seconds between probes. */
  readonly periodSeconds: number;
  /** Seconds before a probe counts as failed. */
  readonly timeoutSeconds: number;
  /** Consecutive successes to pass. */
  readonly successThreshold: number;
  /** Consecutive failures to fail. */
  readonly failureThreshold: number;
}

/** Health values of one workload. */
export interface WorkloadHealth {
  /** Readiness probe: gates endpoints (and so ALB target registration with the pod readiness gate). */
  readonly readiness: HttpProbe;
  /** Liveness probe: restarts a stuck container. */
  readonly liveness: HttpProbe;
  /** Target-group health check, for workloads behind the ALB. */
  readonly targetGroup?: TargetGroupHealthCheck;
}

const seedTargetGroup = (path: string): TargetGroupHealthCheck => ({
  path,
  protocol: 'HTTP',
  port: 'traffic-port',
  successCodes: '200-299',
  intervalSeconds: 30,
  timeoutSeconds: 5,
  healthyThresholdCount: 2,
  unhealthyThresholdCount: 2,
});

const seedProbe = (path: string): HttpProbe => ({
  path,
  initialDelaySeconds: 30,
  periodSeconds: 10,
  timeoutSeconds: 5,
  successThreshold: 1,
  failureThreshold: 3,
});

const springBoot = (targetGroupPath?: string): WorkloadHealth => ({
  readiness: seedProbe('/actuator/health/readiness'),
  liveness: seedProbe('/actuator/health/liveness'),
  ...(targetGroupPath ? { targetGroup: seedTargetGroup(targetGroupPath) } : {}),
});

/** The workloads that carry health values (the names of the PMS workloads). */
export type HealthWorkloadName = 'frontend' | 'apigateway' | 'auth' | 'analytics';

/** Health values of every PMS workload (the seed's values; the frontend uses a path the SPA server serves). */
export const PMS_HEALTH = {
  frontend: {
    readiness: { ...seedProbe('/healthz'), initialDelaySeconds: 5 },
    liveness: { ...seedProbe('/healthz'), initialDelaySeconds: 5 },
    targetGroup: seedTargetGroup('/healthz'),
  },
  apigateway: springBoot('/actuator/health'),
  auth: springBoot(),
  analytics: springBoot(),
} as const satisfies Record<HealthWorkloadName, WorkloadHealth>;

/** Health values by workload name, as `PmsMonitoring` and `validateHealth` take them. */
export type HealthCatalogue = Readonly<Record<string, WorkloadHealth>>;

/** ALB limits on target-group health checks (Elastic Load Balancing API, application load balancers). */
export const ALB_HEALTH_CHECK_LIMITS = {
  intervalSeconds: { min: 5, max: 300 },
  timeoutSeconds: { min: 2, max: 120 },
  thresholdCount: { min: 2, max: 10 },
  /** HTTP codes an ALB accepts in a matcher for HTTP/HTTPS health checks. */
  successCode: { min: 200, max: 499 },
  /** Longest health-check path the ALB accepts. */
  pathLength: 1024,
} as const;

/**
 * Parses an ALB success-code matcher: one code (`200`), a list (`200,204`) or ranges (`200-299`),
 * each code from 200 to 499, each range ascending. Returns the problem, or undefined when valid.
 */
export function successCodesProblem(value: unknown): string | undefined {
  if (typeof value !== 'string' || !/^\d{3}(-\d{3})?(,\d{3}(-\d{3})?)*$/.test(value)) {
    return 'not a code, a comma-separated list of codes or a range such as 200-299';
  }
  const { min, max } = ALB_HEALTH_CHECK_LIMITS.successCode;
  for (const part of value.split(',')) {
    const [low, high = low] = part.split('-').map(Number) as [number, number?];
    if (low < min || high > max) return `${part} is outside ${min}-${max}`;
    if (high <= low && part.includes('-')) return `range ${part} is not ascending`;
  }
  return undefined;
}

/**
 * Worst-case seconds for the kubelet to mark a pod not ready after it stops answering: the failure
 * starts just after a successful probe, then `failureThreshold` probes fail, the last one only when
 * its timeout runs out: `failureThreshold × periodSeconds + timeoutSeconds`.
 */
export function readinessDetectionSeconds(probe: HttpProbe): number {
  return probe.failureThreshold * probe.periodSeconds + probe.timeoutSeconds;
}

/**
 * Seconds the ALB keeps routing to a failing target before it marks it unhealthy:
 * `unhealthyThresholdCount × intervalSeconds`. The readiness probe must have taken the pod out of the
 * Service endpoints (and so out of the target group, with IP targets) within this window.
 */
export function albToleranceSeconds(check: TargetGroupHealthCheck): number {
  return check.unhealthyThresholdCount * check.intervalSeconds;
}

/** Checks one target-group health check against the ALB's ranges; issues go to `checks`. */
export function validateTargetGroupHealthCheck(check: TargetGroupHealthCheck, checks: Checks): void {
  const {
    intervalSeconds: interval,
    timeoutSeconds: timeout,
    thresholdCount,
    pathLength,
  } = ALB_HEALTH_CHECK_LIMITS;
  checks.require(
    typeof check.path === 'string' &&
      check.path.startsWith('/') &&
      check.path.length <= pathLength &&
      !/\s/.test(check.path),
    {
      field: 'path',
      value: check.path,
      allowed: `an absolute path starting with "/", without spaces, at most ${pathLength} characters`,
    },
  );
  checks.oneOf('protocol', check.protocol, ['HTTP', 'HTTPS']);
  if (check.port !== 'traffic-port') {
    checks.integer('port', check.port, 1, 65535);
  }
  const codes = successCodesProblem(check.successCodes);
  if (codes)
    checks.fail({
      field: 'successCodes',
      value: check.successCodes,
      allowed: 'HTTP codes from 200 to 499: "200", "200,204" or "200-299"',
      problem: codes,
    });
  const intervalOk = checks.integer(
    'intervalSeconds',
    check.intervalSeconds,
    interval.min,
    interval.max,
    'seconds',
  );
  if (
    checks.integer('timeoutSeconds', check.timeoutSeconds, timeout.min, timeout.max, 'seconds') &&
    intervalOk
  ) {
    checks.require(check.timeoutSeconds < check.intervalSeconds, {
      field: 'timeoutSeconds',
      value: check.timeoutSeconds,
      allowed: `less than intervalSeconds (${check.intervalSeconds})`,
      problem: 'the ALB requires the timeout to be shorter than the interval',
    });
  }
  checks.integer(
    'healthyThresholdCount',
    check.healthyThresholdCount,
    thresholdCount.min,
    thresholdCount.max,
  );
  checks.integer(
    'unhealthyThresholdCount',
    check.unhealthyThresholdCount,
    thresholdCount.min,
    thresholdCount.max,
  );
}

/** Checks one pod probe for values the kubelet accepts and that make sense; issues go to `checks`. */
export function validateProbe(probe: HttpProbe, kind: 'readiness' | 'liveness', checks: Checks): boolean {
  const before = checks.issues.length;
  checks.require(typeof probe.path === 'string' && probe.path.startsWith('/') && !/\s/.test(probe.path), {
    field: 'path',
    value: probe.path,
    allowed: 'an absolute path starting with "/", without spaces',
  });
  checks.integer('initialDelaySeconds', probe.initialDelaySeconds, 0, 600, 'seconds');
  const periodOk = checks.integer('periodSeconds', probe.periodSeconds, 1, 300, 'seconds');
  if (checks.integer('timeoutSeconds', probe.timeoutSeconds, 1, 120, 'seconds') && periodOk) {
    checks.require(probe.timeoutSeconds < probe.periodSeconds, {
      field: 'timeoutSeconds',
      value: probe.timeoutSeconds,
      allowed: `less than periodSeconds (${probe.periodSeconds})`,
      problem: 'a probe that may take longer than its period overlaps the next one',
    });
  }
  if (kind === 'liveness') {
    checks.require(probe.successThreshold === 1, {
      field: 'successThreshold',
      value: probe.successThreshold,
      allowed: '1 (Kubernetes requires it for liveness probes)',
    });
  } else {
    checks.integer('successThreshold', probe.successThreshold, 1, 10);
  }
  checks.integer('failureThreshold', probe.failureThreshold, 1, 30);
  return checks.issues.length === before;
}

/**
 * Checks the health values of every workload (prefix `health.<workload>`):
 * - target-group health checks within the ALB's ranges (interval 5-300 s, timeout 2-120 s and below the
 *   interval, thresholds 2-10, success codes 200-499);
 * - probes the kubelet accepts (timeout below the period, liveness `successThreshold` 1);
 * - liveness not quicker to give up than readiness (`failureThreshold × periodSeconds`), so a failing pod
 *   leaves the endpoints before it is restarted;
 * - readiness not slower than the ALB tolerates:
 *   `readinessDetectionSeconds(readiness) ≤ albToleranceSeconds(targetGroup)`, i.e.
 *   `failureThreshold × periodSeconds + timeoutSeconds ≤ unhealthyThresholdCount × intervalSeconds`.
 */
export function validateHealth(health: HealthCatalogue, checks: Checks): void {
  for (const [name, workload] of Object.entries(health)) {
    const at = checks.nested(name);
    const readinessOk = validateProbe(workload.readiness, 'readiness', at.nested('readiness'));
    const livenessOk = validateProbe(workload.liveness, 'liveness', at.nested('liveness'));
    if (readinessOk && livenessOk) {
      const readinessWindow = workload.readiness.failureThreshold * workload.readiness.periodSeconds;
      const livenessWindow = workload.liveness.failureThreshold * workload.liveness.periodSeconds;
      at.require(livenessWindow >= readinessWindow, {
        field: 'liveness.failureThreshold',
        value: workload.liveness.failureThreshold,
        allowed: `liveness.failureThreshold × liveness.periodSeconds (${livenessWindow} s) at least readiness's (${readinessWindow} s)`,
        problem: 'liveness would restart the pod before readiness takes it out of the Service',
      });
    }
    if (!workload.targetGroup) continue;
    const before = at.issues.length;
    validateTargetGroupHealthCheck(workload.targetGroup, at.nested('targetGroup'));
    if (readinessOk && at.issues.length === before) {
      const detection = readinessDetectionSeconds(workload.readiness);
      const tolerance = albToleranceSeconds(workload.targetGroup);
      const { failureThreshold, periodSeconds, timeoutSeconds } = workload.readiness;
      at.require(detection <= tolerance, {
        field: 'readiness',
        value: { failureThreshold, periodSeconds, timeoutSeconds },
        allowed: `failureThreshold × periodSeconds + timeoutSeconds at most targetGroup.unhealthyThresholdCount × targetGroup.intervalSeconds (${tolerance} s)`,
        problem: `readiness needs up to ${detection} s to take a failing pod out, longer than the ALB tolerates (${tolerance} s)`,
      });
    }
  }
}
