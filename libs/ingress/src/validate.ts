import type { Checks } from '@pms/core';
import type { TargetGroupHealthCheck } from '@pms/monitoring';
import { IDLE_TIMEOUT_RANGE } from './attributes.js';
import { ACCEPTED_SSL_POLICIES, sslPolicyInfo } from './ssl-policy.js';
import { DEFAULT_IDLE_TIMEOUT_SECONDS, type IngressSettings } from './settings.js';

/** Checks the ingress settings; issues are recorded on `checks` (prefix `ingress`). */
export function validateIngressSettings(settings: IngressSettings, checks: Checks): void {
  // The ALB's own range (the same as the attribute catalogue's)…
  const idle = settings.idleTimeoutSeconds ?? DEFAULT_IDLE_TIMEOUT_SECONDS;
  const idleOk = checks.integer(
    'idleTimeoutSeconds',
    idle,
    IDLE_TIMEOUT_RANGE.min,
    IDLE_TIMEOUT_RANGE.max,
    'seconds',
  );

  // …and, separately, the WebSockets' requirement: the heartbeat keeps connections busier than the idle timeout.
  const heartbeat = settings.websocket?.heartbeatSeconds;
  const heartbeatOk = checks.require(
    typeof heartbeat === 'number' && Number.isInteger(heartbeat) && heartbeat >= 1,
    'websocket.heartbeatSeconds',
    heartbeat,
    'a whole number of seconds, at least 1',
  );
  if (idleOk && heartbeatOk && (heartbeat as number) >= idle) {
    checks.fail(
      'websocket.heartbeatSeconds',
      heartbeat,
      idle > 1
        ? `a whole number from 1 to ${idle - 1} seconds (below ingress.idleTimeoutSeconds = ${idle})`
        : `an ingress.idleTimeoutSeconds above the heartbeat (it is ${idle})`,
      `the ALB closes a WebSocket after ${idle} s without traffic, before the next heartbeat`,
    );
  }

  if (settings.stickinessSeconds !== undefined) {
    checks.integer('stickinessSeconds', settings.stickinessSeconds, 1, 604800, 'seconds');
  }

  if (settings.sslPolicy !== undefined) {
    const info = sslPolicyInfo(settings.sslPolicy);
    if (!info || !ACCEPTED_SSL_POLICIES.includes(settings.sslPolicy)) {
      checks.fail(
        'sslPolicy',
        settings.sslPolicy,
        `a TLS 1.3 ELB policy without TLS 1.0/1.1, e.g. ${ACCEPTED_SSL_POLICIES.slice(0, 3).join(', ')}`,
        !info
          ? 'not a predefined ELB security policy'
          : `allows TLS ${info.minimumTls}${info.tls13 ? '' : ' and does not offer TLS 1.3'}`,
      );
    }
  }

  if (settings.contentSecurityPolicy !== undefined) {
    const csp = settings.contentSecurityPolicy;
    checks.require(
      typeof csp === 'string' &&
        /^[\x20-\x7e]{1,1000}$/.test(csp) &&
        csp === csp.trim() &&
        /[a-z-]+-src|default-src|frame-ancestors/.test(csp),
      'contentSecurityPolicy',
      csp,
      'a Content-Security-Policy of printable ASCII on one line (1-1000 characters), e.g. "default-src \'self\'"',
    );
  }

  if (settings.desyncMitigationMode !== undefined) {
    checks.oneOf('desyncMitigationMode', settings.desyncMitigationMode, ['defensive', 'strictest'] as const);
  }
}

/** Checks a target-group health check against the ALB's limits; `checks` is scoped to the value. */
export function validateTargetGroupHealth(health: TargetGroupHealthCheck, checks: Checks): void {
  checks.matches('path', health.path, /^\/[\x21-\x7e]{0,1023}$/, 'an absolute path such as /actuator/health');
  checks.oneOf('protocol', health.protocol, ['HTTP', 'HTTPS'] as const);
  if (health.port !== 'traffic-port') checks.integer('port', health.port, 1, 65535);
  checks.matches(
    'successCodes',
    health.successCodes,
    /^[1-5]\d\d(-[1-5]\d\d)?(,[1-5]\d\d(-[1-5]\d\d)?)*$/,
    'HTTP codes such as 200 or 200-299',
  );
  const intervalOk = checks.integer('intervalSeconds', health.intervalSeconds, 5, 300, 'seconds');
  if (checks.integer('timeoutSeconds', health.timeoutSeconds, 2, 120, 'seconds') && intervalOk) {
    checks.require(
      health.timeoutSeconds < health.intervalSeconds,
      'timeoutSeconds',
      health.timeoutSeconds,
      `below intervalSeconds (${health.intervalSeconds})`,
    );
  }
  checks.integer('healthyThresholdCount', health.healthyThresholdCount, 2, 10);
  checks.integer('unhealthyThresholdCount', health.unhealthyThresholdCount, 2, 10);
}
