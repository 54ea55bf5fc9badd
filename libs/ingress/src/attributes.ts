/**
 * The AWS Load Balancer Controller's attribute grammar (`load-balancer-attributes`,
 * `target-group-attributes`, `listener-attributes.<proto>-<port>`, `tags`): `key=value` pairs separated by
 * commas, read by the controller's `stringMap` parser (v2.14 and later):
 *
 * - a backslash makes the next character literal, so a comma inside a value is written `\,` and a backslash `\\`;
 * - an unescaped comma separates pairs only when some `=` follows it; a trailing comma stays in the last value;
 * - a newline is not a separator; key and value are trimmed; the value is everything after the first `=`;
 * - a pair without `=` or with an empty key makes the whole annotation invalid; a repeated key keeps the last value.
 *
 * Also the closed set of attribute keys this project may set, with a check of each value.
 */

/** Thrown by `parseAttributes` for a value the controller refuses (it then reconciles nothing). */
export class AttributeSyntaxError extends Error {
  override readonly name = 'AttributeSyntaxError';
  constructor(
    /** The raw annotation value (or, when writing, the pair that cannot be written). */
    readonly raw: string,
    /** What is wrong with it. */
    readonly problem: string,
    /** Whether the value was being read (the controller's wording) or written. */
    readonly operation: 'parse' | 'format' = 'parse',
  ) {
    super(
      `${operation === 'parse' ? 'failed to parse stringMap annotation' : 'cannot write attribute'} ${JSON.stringify(raw)}: ` +
        `${problem}; allowed: ${ATTRIBUTE_GRAMMAR}`,
    );
  }
}

/** The grammar of the controller's attribute annotations, as error messages state it. */
export const ATTRIBUTE_GRAMMAR =
  'key=value pairs separated by ",", with "\\," for a comma and "\\\\" for a backslash inside a value, no control characters';

/** Splits a raw annotation value into `key=value` items exactly as the controller does (escapes resolved). */
function splitPairs(raw: string): string[] {
  const items: string[] = [];
  let current = '';
  for (let i = 0; i < raw.length; i++) {
    const char = raw[i]!;
    if (char === '\\' && i + 1 < raw.length) {
      current += raw[i + 1];
      i++;
    } else if (char === ',') {
      const remaining = raw.slice(i + 1).trim();
      if (remaining.includes('=')) {
        items.push(current.trim());
        current = '';
      } else if (remaining.length > 0) {
        // Text after the comma without any `=`: the controller stops here and the item fails to parse.
        items.push(current.trim(), remaining);
        return items;
      } else {
        current += char;
      }
    } else {
      current += char;
    }
  }
  if (current.length > 0) items.push(current.trim());
  return items;
}

/**
 * Parses an attribute annotation value the way the controller does and returns the pairs in order of
 * first appearance (a repeated key keeps its last value). Throws `AttributeSyntaxError` where the
 * controller would refuse the annotation.
 */
export function parseAttributes(raw: string): Map<string, string> {
  const result = new Map<string, string>();
  for (const item of splitPairs(raw)) {
    const eq = item.indexOf('=');
    if (eq === -1) throw new AttributeSyntaxError(raw, `${JSON.stringify(item)} is not a key=value pair`);
    const key = item.slice(0, eq).trim();
    if (key.length === 0) throw new AttributeSyntaxError(raw, `${JSON.stringify(item)} has an empty key`);
    result.set(key, item.slice(eq + 1).trim());
  }
  return result;
}

/** Escapes a value for the controller's grammar: `\` becomes `\\` and `,` becomes `\,`. */
export function escapeAttributeValue(value: string): string {
  return value.replace(/[\\,]/g, (char) => `\\${char}`);
}

/** Why `key=value` cannot be written so the controller reads back exactly `key` and `value`, or undefined. */
export function unwritableAttribute(key: string, value: string): string | undefined {
  if (!/^[A-Za-z0-9_.:/-]+$/.test(key)) return 'keys are letters, digits and "_.:/-" only';
  if (value !== value.trim()) return 'the controller trims leading and trailing white space from values';
  if (/[\u0000-\u001f\u007f]/.test(value))
    return 'values must not contain control characters (newlines, tabs)';
  return undefined;
}

/**
 * Serializes pairs in the controller's grammar, in the given order, escaping `\` and `,` in values, so that
 * `parseAttributes(formatAttributes(pairs))` returns exactly `pairs`. Throws on a pair that cannot round-trip.
 */
export function formatAttributes(pairs: Iterable<readonly [string, string]>): string {
  const out: string[] = [];
  for (const [key, value] of pairs) {
    const problem = unwritableAttribute(key, value);
    if (problem) throw new AttributeSyntaxError(`${key}=${value}`, problem, 'format');
    out.push(`${key}=${escapeAttributeValue(value)}`);
  }
  return out.join(',');
}

/** Checks one attribute value; returns what is allowed when the value is wrong, else undefined. */
export type AttributeValueCheck = (value: string) => string | undefined;

const bool: AttributeValueCheck = (value) =>
  value === 'true' || value === 'false' ? undefined : '"true" or "false"';
const integer =
  (min: number, max: number): AttributeValueCheck =>
  (value) =>
    /^\d+$/.test(value) && Number(value) >= min && Number(value) <= max
      ? undefined
      : `a whole number from ${min} to ${max}`;
const oneOf =
  (...allowed: string[]): AttributeValueCheck =>
  (value) =>
    allowed.includes(value) ? undefined : `one of ${allowed.map((v) => JSON.stringify(v)).join(', ')}`;
const text =
  (what: string, pattern: RegExp): AttributeValueCheck =>
  (value) =>
    pattern.test(value) ? undefined : what;
const headerValue = text(
  'printable ASCII without control characters, 1 to 1000 characters',
  /^[\x20-\x7e]{1,1000}$/,
);

/**
 * AWS's range of the ALB idle timeout (`idle_timeout.timeout_seconds`), in seconds. The settings check and the
 * attribute catalogue both use it; the WebSocket requirement (above the heartbeat) is a separate check.
 */
export const IDLE_TIMEOUT_RANGE = { min: 1, max: 4000 } as const;

/** Application Load Balancer attributes this project may set (`load-balancer-attributes`, IngressClassParams). */
export const LOAD_BALANCER_ATTRIBUTES = {
  'deletion_protection.enabled': bool,
  'idle_timeout.timeout_seconds': integer(IDLE_TIMEOUT_RANGE.min, IDLE_TIMEOUT_RANGE.max),
  'client_keep_alive.seconds': integer(60, 604800),
  'routing.http.drop_invalid_header_fields.enabled': bool,
  'routing.http.desync_mitigation_mode': oneOf('monitor', 'defensive', 'strictest'),
  'routing.http.preserve_host_header.enabled': bool,
  'routing.http.x_amzn_tls_version_and_cipher_suite.enabled': bool,
  'routing.http.xff_client_port.enabled': bool,
  'routing.http.xff_header_processing.mode': oneOf('append', 'preserve', 'remove'),
  'routing.http2.enabled': bool,
  'waf.fail_open.enabled': bool,
  'access_logs.s3.enabled': bool,
  'access_logs.s3.bucket': text('an S3 bucket name', /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/),
  'access_logs.s3.prefix': text('a key prefix without leading or trailing "/"', /^[^/\s](.*[^/\s])?$/),
  'connection_logs.s3.enabled': bool,
  'connection_logs.s3.bucket': text('an S3 bucket name', /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/),
  'connection_logs.s3.prefix': text('a key prefix without leading or trailing "/"', /^[^/\s](.*[^/\s])?$/),
  'zonal_shift.config.enabled': bool,
} as const satisfies Record<string, AttributeValueCheck>;

/** Target-group attributes this project may set (`target-group-attributes`, on a Service or the Ingress). */
export const TARGET_GROUP_ATTRIBUTES = {
  'deregistration_delay.timeout_seconds': integer(0, 3600),
  'slow_start.duration_seconds': (value: string) =>
    value === '0' || integer(30, 900)(value) === undefined
      ? undefined
      : '0 (off) or a whole number from 30 to 900',
  'stickiness.enabled': bool,
  'stickiness.type': oneOf('lb_cookie', 'app_cookie'),
  'stickiness.lb_cookie.duration_seconds': integer(1, 604800),
  'stickiness.app_cookie.cookie_name': text('a cookie name', /^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,255}$/),
  'stickiness.app_cookie.duration_seconds': integer(1, 604800),
  'load_balancing.algorithm.type': oneOf('round_robin', 'least_outstanding_requests', 'weighted_random'),
  'load_balancing.algorithm.anomaly_mitigation': oneOf('on', 'off'),
  'load_balancing.cross_zone.enabled': oneOf('true', 'false', 'use_load_balancer_configuration'),
} as const satisfies Record<string, AttributeValueCheck>;

/** Listener attributes of an HTTPS listener this project may set (response headers the ALB adds). */
export const LISTENER_ATTRIBUTES = {
  'routing.http.response.server.enabled': bool,
  'routing.http.response.strict_transport_security.header_value': text(
    'an HSTS value such as "max-age=31536000; includeSubDomains; preload"',
    /^max-age=\d+(; ?includeSubDomains)?(; ?preload)?$/,
  ),
  'routing.http.response.content_security_policy.header_value': headerValue,
  'routing.http.response.x_content_type_options.header_value': oneOf('nosniff'),
  'routing.http.response.x_frame_options.header_value': (value: string) =>
    value === 'DENY' || value === 'SAMEORIGIN' || /^ALLOW-FROM https?:\/\/\S+$/.test(value)
      ? undefined
      : '"DENY", "SAMEORIGIN" or "ALLOW-FROM <origin>"',
  'routing.http.response.access_control_allow_origin.header_value': headerValue,
  'routing.http.response.access_control_allow_methods.header_value': headerValue,
  'routing.http.response.access_control_allow_headers.header_value': headerValue,
  'routing.http.response.access_control_allow_credentials.header_value': oneOf('true'),
  'routing.http.response.access_control_expose_headers.header_value': headerValue,
  'routing.http.response.access_control_max_age.header_value': integer(0, 86400),
} as const satisfies Record<string, AttributeValueCheck>;

/** A load-balancer attribute key this project may set. */
export type LoadBalancerAttributeKey = keyof typeof LOAD_BALANCER_ATTRIBUTES;
/** A target-group attribute key this project may set. */
export type TargetGroupAttributeKey = keyof typeof TARGET_GROUP_ATTRIBUTES;
/** A listener attribute key this project may set. */
export type ListenerAttributeKey = keyof typeof LISTENER_ATTRIBUTES;

/** One refused attribute. */
export interface AttributeProblem {
  /** The attribute key. */
  readonly key: string;
  /** The refused value. */
  readonly value: string;
  /** What is allowed. */
  readonly allowed: string;
}

/** Checks pairs against a closed catalogue; returns every unknown key and every bad value. */
export function checkAttributes(
  catalogue: Readonly<Record<string, AttributeValueCheck>>,
  pairs: Iterable<readonly [string, string]>,
): AttributeProblem[] {
  const problems: AttributeProblem[] = [];
  for (const [key, value] of pairs) {
    const check = Object.hasOwn(catalogue, key) ? catalogue[key] : undefined;
    if (!check) {
      problems.push({ key, value, allowed: `a known attribute key: ${Object.keys(catalogue).join(', ')}` });
      continue;
    }
    const allowed = check(value) ?? unwritableAttribute(key, value);
    if (allowed) problems.push({ key, value, allowed });
  }
  return problems;
}
