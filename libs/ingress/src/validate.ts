import type { Checks } from '@pms/core';
import { IDLE_TIMEOUT_RANGE } from './attributes.js';
import { CSP_GRAMMAR, parseCsp } from './csp.js';
import { ACCEPTED_SSL_POLICIES, sslPolicyInfo } from './ssl-policy.js';
import { DEFAULT_IDLE_TIMEOUT_SECONDS, WEBSOCKET_DRAIN_RANGE, type IngressSettings } from './settings.js';

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
    {
      field: 'websocket.heartbeatSeconds',
      value: heartbeat,
      allowed: 'a whole number of seconds, at least 1',
    },
  );
  if (idleOk && heartbeatOk && (heartbeat as number) >= idle) {
    // Either field may be the one that changed, so an explicit idle timeout is reported too, each issue saying
    // what its own field may be given the other. A default idle timeout leaves only the heartbeat to blame.
    const hb = heartbeat as number;
    const explicitIdle = settings.idleTimeoutSeconds !== undefined;
    const closes = `the ALB closes a WebSocket after ${idle} s without traffic, before the next heartbeat`;
    if (explicitIdle) {
      checks.fail({
        field: 'idleTimeoutSeconds',
        value: idle,
        allowed:
          hb < IDLE_TIMEOUT_RANGE.max
            ? `a whole number from ${hb + 1} to ${IDLE_TIMEOUT_RANGE.max} seconds (above ingress.websocket.heartbeatSeconds = ${hb}), or a lower heartbeat`
            : `none above ingress.websocket.heartbeatSeconds = ${hb} (the ALB allows at most ${IDLE_TIMEOUT_RANGE.max} s): lower the heartbeat`,
        problem: `not above ingress.websocket.heartbeatSeconds = ${hb}: ${closes}`,
      });
    }
    const idleText = `ingress.idleTimeoutSeconds = ${idle}${explicitIdle ? '' : ', the default'}`;
    checks.fail({
      field: 'websocket.heartbeatSeconds',
      value: heartbeat,
      allowed:
        idle > 1
          ? `a whole number from 1 to ${idle - 1} seconds (below ${idleText})${explicitIdle ? ', or a higher idle timeout' : ''}`
          : `an ingress.idleTimeoutSeconds above the heartbeat (it is ${idle})`,
      problem: closes,
    });
  }

  if (settings.websocket?.drainSeconds !== undefined) {
    const { min, max } = WEBSOCKET_DRAIN_RANGE;
    checks.integer('websocket.drainSeconds', settings.websocket.drainSeconds, min, max, 'seconds');
  }

  if (settings.stickinessSeconds !== undefined) {
    checks.integer('stickinessSeconds', settings.stickinessSeconds, 1, 604800, 'seconds');
  }

  if (settings.sslPolicy !== undefined) {
    const info = sslPolicyInfo(settings.sslPolicy);
    if (!info || !ACCEPTED_SSL_POLICIES.includes(settings.sslPolicy)) {
      checks.fail({
        field: 'sslPolicy',
        value: settings.sslPolicy,
        allowed: `a TLS 1.3 ELB policy without TLS 1.0/1.1, e.g. ${ACCEPTED_SSL_POLICIES.slice(0, 3).join(', ')}`,
        problem: !info
          ? 'not a predefined ELB security policy'
          : `allows TLS ${info.minimumTls}${info.tls13 ? '' : ' and does not offer TLS 1.3'}`,
      });
    }
  }

  if (settings.contentSecurityPolicy !== undefined) {
    const csp = settings.contentSecurityPolicy;
    const printable = checks.require(
      typeof csp === 'string' && /^[\x20-\x7e]{1,1000}$/.test(csp) && csp === csp.trim(),
      {
        field: 'contentSecurityPolicy',
        value: csp,
        allowed:
          'a Content-Security-Policy of printable ASCII on one line (1-1000 characters), e.g. "default-src \'self\'"',
      },
    );
    // What a browser would drop or misread (CSP3 grammar): each reported with the token at fault.
    if (printable) {
      for (const problem of parseCsp(csp).problems) {
        checks.fail({
          field: 'contentSecurityPolicy',
          value: problem.token,
          allowed: CSP_GRAMMAR,
          problem: problem.problem,
        });
      }
    }
  }

  if (settings.desyncMitigationMode !== undefined) {
    checks.oneOf('desyncMitigationMode', settings.desyncMitigationMode, ['defensive', 'strictest'] as const);
  }
}
