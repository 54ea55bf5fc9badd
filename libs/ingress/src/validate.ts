import type { Checks, ClusterSettings } from '@pms/core';
import { IDLE_TIMEOUT_RANGE } from './attributes.js';
import { validateExpectedTraffic } from './cost/traffic.js';
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
    validateCsp('contentSecurityPolicy', settings.contentSecurityPolicy, checks);
  }
  if (settings.contentSecurityPolicyReportOnly !== undefined) {
    validateCsp('contentSecurityPolicyReportOnly', settings.contentSecurityPolicyReportOnly, checks, {
      // nginx writes the value inside double quotes and expands `$name` in `add_header` values (ngx_http_headers_module).
      forbidden: /["\\$]/,
      why: 'nginx carries it in double quotes and expands $ variables, so no ", \\ or $',
    });
  }

  if (settings.desyncMitigationMode !== undefined) {
    checks.oneOf('desyncMitigationMode', settings.desyncMitigationMode, ['defensive', 'strictest'] as const);
  }

  validateExpectedTraffic(settings.expectedTraffic, checks.nested('expectedTraffic'));
}

/** What else a policy's text may not contain, where it is carried. */
interface CspCarrier {
  /** Characters the carrier cannot hold. */
  readonly forbidden: RegExp;
  /** Why, for the message. */
  readonly why: string;
}

/** One policy: printable ASCII on one line, then the CSP3 grammar, each problem with the token at fault. */
function validateCsp(field: string, csp: unknown, checks: Checks, carrier?: CspCarrier): void {
  const printable = checks.require(
    typeof csp === 'string' &&
      /^[\x20-\x7e]{1,1000}$/.test(csp) &&
      csp === csp.trim() &&
      !(carrier?.forbidden.test(csp) ?? false),
    {
      field,
      value: csp,
      allowed: `a Content-Security-Policy of printable ASCII on one line (1-1000 characters${carrier ? `; ${carrier.why}` : ''}), e.g. "default-src 'self'"`,
    },
  );
  // What a browser would drop or misread (CSP3 grammar): each reported with the token at fault.
  if (printable) {
    for (const problem of parseCsp(csp as string).problems) {
      checks.fail({ field, value: problem.token, allowed: CSP_GRAMMAR, problem: problem.problem });
    }
  }
}

/**
 * What the ingress settings must hold given the cluster: a prod cluster sends a Content-Security-Policy (enforced,
 * Report-Only, or both). Without one the frontend's `X-XSS-Protection: 0` protects nothing and nothing blocks mixed
 * content where it matters most.
 */
export function validateIngressForCluster(
  cluster: Pick<ClusterSettings, 'environment'>,
  settings: IngressSettings,
  checks: Checks,
): void {
  if (
    cluster.environment === 'prod' &&
    settings.contentSecurityPolicy === undefined &&
    settings.contentSecurityPolicyReportOnly === undefined
  ) {
    checks.fail({
      field: 'contentSecurityPolicy',
      value: undefined,
      problem:
        "a prod cluster must send a Content-Security-Policy: the frontend disables the browsers' XSS auditor (X-XSS-Protection: 0) and relies on it",
      allowed:
        'an enforced policy (contentSecurityPolicy, sent by the ALB), or first a Report-Only one (contentSecurityPolicyReportOnly, sent by the frontend) on the way to enforcing it (docs/ingress.md, "Content-Security-Policy")',
    });
  }
}
