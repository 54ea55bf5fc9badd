/**
 * Health values in one place: the ALB target-group health checks and the pod probes of every PMS
 * workload. The ingress library reads the target-group values (Service annotations), the networking
 * library the probes; nothing else defines them.
 */

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
} as const satisfies Record<'frontend' | 'apigateway' | 'auth' | 'analytics', WorkloadHealth>;
