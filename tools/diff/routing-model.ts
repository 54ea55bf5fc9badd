/**
 * The routing vocabulary the diff compares: an ordered list of listener rules and where a request ends up.
 * Whatever simulator produces it (see `routing.ts`), the comparison in `routing-diff.ts` only needs this.
 */

/** A request: host and path (HTTPS, the only listener that forwards). */
export interface Probe {
  /** Host header; `''` stands for a host no rule names. */
  readonly host: string;
  readonly path: string;
}

/** One listener rule, in evaluation order. */
export interface RouteRule {
  /** Stable identity across versions: Ingress, host, path type and path — not the position. */
  readonly id: string;
  /** The Ingress that declares it, `Ingress pms/pms`. */
  readonly ingress: string;
  /** Host condition; `''` when the rule matches every host. */
  readonly host: string;
  /** Path as written in the Ingress. */
  readonly path: string;
  /** `Prefix`, `Exact` or `ImplementationSpecific`. */
  readonly pathType: string;
  /** Where it sends the request: `apigateway:8080`, `redirect 301 https://…`, `fixed-response 404`. */
  readonly target: string;
}

/** Where one probe ends up. */
export interface RouteOutcome {
  /** The first rule that matched; undefined when the listener's default action answered. */
  readonly rule?: RouteRule;
  /** The rule's target, or the default action's. */
  readonly target: string;
}

/** The routing of one rendered cluster. */
export interface RoutingModel {
  /** Every rule, in the order the load balancer evaluates them. */
  readonly rules: readonly RouteRule[];
  /** Routes one request. */
  route(probe: Probe): RouteOutcome;
}

/** `host/path`, or `(any host)/path`. */
export function probeLabel(probe: Probe): string {
  return `${probe.host || '(any host)'}${probe.path}`;
}

/** `Prefix /api → apigateway:8080 (host x)`. */
export function ruleLabel(rule: RouteRule): string {
  return `${rule.pathType} \`${rule.path}\`${rule.host ? ` on \`${rule.host}\`` : ''} → \`${rule.target}\``;
}
