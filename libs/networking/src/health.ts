/**
 * Health values: the shapes of the pod probes and the ALB target-group health check every workload entry of the
 * catalogue (`PMS_SERVICES`) carries, and their one validator (`validateServiceHealth`): the kubelet's and the
 * ALB's ranges, and the rules between them (see `readinessDetectionSeconds`). Networking renders the probes;
 * ingress writes the target-group values onto the Services; monitoring reads both. Nothing else defines them.
 */
import type { Checks } from '@pms/core';
import { CATALOGUE_SOURCE, catalogueField, containerPortsOf, type ServiceDefinition } from './catalogue.js';

/** An ALB target-group health check (seed values: HTTP, traffic port, 200-299, 30 s, 2/2). */
export interface TargetGroupHealthCheck {
  /**
   * Path requested by the ALB, e.g. `/actuator/health/readiness`: an endpoint that says whether THIS pod can serve,
   * not the aggregate health of its dependencies (`AGGREGATE_HEALTH_PATHS` are refused).
   */
  readonly path: string;
  /** What a passing check means, in one line, for the README (e.g. "nginx itself answers"). */
  readonly meaning: string;
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
  /**
   * Target-group health check; exactly the workloads behind the ALB (the routes' backends) have one.
   * @default none (not behind the ALB)
   */
  readonly targetGroup?: TargetGroupHealthCheck;
}

/**
 * ALB limits on target-group health checks (Elastic Load Balancing API reference, `CreateTargetGroup` /
 * `ModifyTargetGroup`, for application load balancers).
 */
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
 * Health endpoints that aggregate the health of every dependency, refused as target-group checks: Spring Boot's
 * `/actuator/health` is DOWN when any contributor (a database, a downstream service) is down, so one failing
 * dependency marks every target of the backend unhealthy at once; and "if a target group contains only unhealthy
 * registered targets, the load balancer routes requests to all those targets, regardless of their health status"
 * (ALB user guide, "Health checks for Application Load Balancer target groups"): the check stops telling good pods
 * from bad. Use the readiness group (`/actuator/health/readiness`), which holds only this pod's readiness state.
 */
export const AGGREGATE_HEALTH_PATHS: readonly string[] = ['/actuator/health', '/actuator/health/'];

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
export function validateTargetGroupHealthCheck(check: TargetGroupHealthCheck, checks: Checks): boolean {
  const before = checks.issues.length;
  const { intervalSeconds: interval, timeoutSeconds: timeout, thresholdCount } = ALB_HEALTH_CHECK_LIMITS;
  const { pathLength } = ALB_HEALTH_CHECK_LIMITS;
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
  if (AGGREGATE_HEALTH_PATHS.includes(check.path)) {
    checks.fail({
      field: 'path',
      value: check.path,
      allowed:
        "an endpoint of this pod's own readiness, e.g. /actuator/health/readiness (Spring Boot's readiness group)",
      problem:
        'the aggregate health of every dependency: one failing dependency marks every target unhealthy and the ALB fails open to all of them',
    });
  }
  checks.require(typeof check.meaning === 'string' && check.meaning.trim().length > 0, {
    field: 'meaning',
    value: check.meaning,
    allowed: 'one line saying what a passing check means, for the README',
  });
  checks.oneOf('protocol', check.protocol, ['HTTP', 'HTTPS']);
  if (check.port !== 'traffic-port') checks.integer('port', check.port, 1, 65535);
  const codes = successCodesProblem(check.successCodes);
  if (codes) {
    checks.fail({
      field: 'successCodes',
      value: check.successCodes,
      allowed: 'HTTP codes from 200 to 499: "200", "200,204" or "200-299"',
      problem: codes,
    });
  }
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
  for (const field of ['healthyThresholdCount', 'unhealthyThresholdCount'] as const) {
    checks.integer(field, check[field], thresholdCount.min, thresholdCount.max);
  }
  return checks.issues.length === before;
}

/** Checks one pod probe for values the kubelet accepts and that make sense; issues go to `checks`. */
export function validateProbe(probe: HttpProbe, kind: 'readiness' | 'liveness', checks: Checks): boolean {
  const before = checks.issues.length;
  if (probe === null || typeof probe !== 'object') {
    return checks.fail({
      field: '',
      value: probe,
      allowed: `an HTTP ${kind} probe (path, initialDelaySeconds, periodSeconds, timeoutSeconds, successThreshold, failureThreshold)`,
    });
  }
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
    // Kubernetes API reference, Probe.successThreshold: "Must be 1 for liveness and startup."
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
 * Checks the health values of one workload (`checks` at its `health`):
 * - probes the kubelet accepts (timeout below the period, liveness `successThreshold` 1);
 * - liveness not quicker to give up than readiness (`failureThreshold × periodSeconds`), so a failing pod
 *   leaves the endpoints before it is restarted;
 * - a target-group health check within the ALB's ranges (interval 5-300 s, timeout 2-120 s and below the
 *   interval, thresholds 2-10, success codes 200-499);
 * - readiness not slower than the ALB tolerates:
 *   `readinessDetectionSeconds(readiness) ≤ albToleranceSeconds(targetGroup)`, i.e.
 *   `failureThreshold × periodSeconds + timeoutSeconds ≤ unhealthyThresholdCount × intervalSeconds`.
 */
export function validateWorkloadHealth(health: WorkloadHealth, checks: Checks): void {
  if (health === null || typeof health !== 'object') {
    checks.fail({
      field: '',
      value: health,
      allowed: 'readiness and liveness probes, and a targetGroup check if the ALB routes to the workload',
      problem: 'a workload of the catalogue needs health values',
    });
    return;
  }
  const readinessOk = validateProbe(health.readiness, 'readiness', checks.nested('readiness'));
  const livenessOk = validateProbe(health.liveness, 'liveness', checks.nested('liveness'));
  if (readinessOk && livenessOk) {
    const readinessWindow = health.readiness.failureThreshold * health.readiness.periodSeconds;
    const livenessWindow = health.liveness.failureThreshold * health.liveness.periodSeconds;
    checks.require(livenessWindow >= readinessWindow, {
      field: 'liveness.failureThreshold',
      value: health.liveness.failureThreshold,
      allowed: `liveness.failureThreshold × liveness.periodSeconds (${livenessWindow} s) at least readiness's (${readinessWindow} s)`,
      problem: 'liveness would restart the pod before readiness takes it out of the Service',
    });
  }
  if (!health.targetGroup) return;
  if (validateTargetGroupHealthCheck(health.targetGroup, checks.nested('targetGroup')) && readinessOk) {
    const detection = readinessDetectionSeconds(health.readiness);
    const tolerance = albToleranceSeconds(health.targetGroup);
    const { failureThreshold, periodSeconds, timeoutSeconds } = health.readiness;
    checks.require(detection <= tolerance, {
      field: 'readiness',
      value: { failureThreshold, periodSeconds, timeoutSeconds },
      allowed: `failureThreshold × periodSeconds + timeoutSeconds at most targetGroup.unhealthyThresholdCount × targetGroup.intervalSeconds (${tolerance} s)`,
      problem: `readiness needs up to ${detection} s to take a failing pod out, longer than the ALB tolerates (${tolerance} s)`,
    });
  }
}

/**
 * Checks the health values of every workload of a catalogue (`validateWorkloadHealth`), each reported as
 * `<source> <name>.health.…`, e.g. `PMS_SERVICES (libs/networking/src/catalogue.ts) frontend.health.readiness`, so
 * every message names the constant and file to edit.
 */
export function validateCatalogueHealth(
  services: readonly ServiceDefinition[],
  checks: Checks,
  source = CATALOGUE_SOURCE,
): void {
  for (const service of services) {
    if (service.kind !== 'workload') continue;
    const at = checks.withPrefix(catalogueField(service.name, 'health', source));
    validateWorkloadHealth(service.health, at);
    // A health-check port must be one the container listens on: the ALB connects to the pod's IP on it.
    const port = service.health?.targetGroup?.port;
    const ports = containerPortsOf(service);
    if (
      typeof port === 'number' &&
      Number.isInteger(port) &&
      port >= 1 &&
      port <= 65535 &&
      !ports.some((p) => p.port === port)
    ) {
      at.fail({
        field: 'targetGroup.port',
        value: port,
        problem: `the ${service.name} container does not expose port ${port}, so every ALB health check fails and the targets never turn healthy (no NetworkPolicy edge can fix that)`,
        allowed: `"traffic-port" (the Service's port, ${service.port}) or a port the container exposes: ${ports.map((p) => `${p.port} (${p.name})`).join(', ')}`,
      });
    }
  }
}
