/**
 * The routing simulator: which backend (or redirect, or 404) the ALB answers a URL with, and through which
 * rule, by the controller's rules: listener by scheme and port, ssl-redirect, rules in priority order, host
 * and path patterns, default action. Works on any rendered objects (plain JSON), so two renders can be compared.
 */
import type { Manifest } from '@pms/core';
import {
  resolveAlbGroups,
  type AlbAction,
  type AlbGroup,
  type AlbListener,
  type AlbRule,
} from './alb-model/index.js';
import { hostMatchesPattern, pathMatches } from './path-pattern.js';

/** How a request is answered. */
export type RoutingOutcome =
  /** Forwarded to a Service port. */
  | 'forward'
  /** Redirected (e.g. HTTP → HTTPS, 301). */
  | 'redirect'
  /** A fixed response, e.g. the listener's 404. */
  | 'fixed-response'
  /** No listener on that protocol and port: the connection is refused. */
  | 'no-listener';

/** The simulator's answer for one URL. */
export interface RoutingAnswer {
  /** The URL asked about. */
  readonly url: string;
  /** The load balancer (group) that answered. */
  readonly group: string;
  /** The outcome. */
  readonly outcome: RoutingOutcome;
  /** `HTTPS:443`, when a listener answered. */
  readonly listener?: string;
  /** The rule that matched, or undefined when the listener's default action answered. */
  readonly rule?: AlbRule;
  /** The action taken. */
  readonly action?: AlbAction;
  /** `service:port` for forwards, e.g. `apigateway:8080`. */
  readonly backend?: string;
  /** HTTP status of redirects and fixed responses. */
  readonly statusCode?: number;
  /** The `Location` of a redirect. */
  readonly location?: string;
  /** One line for humans: what happens and why. */
  readonly summary: string;
}

/** Options of `simulateRequest`. */
export interface SimulateOptions {
  /**
   * Which load balancer to ask when the objects describe several (group name, or `namespace/name` of an
   * Ingress in an implicit group).
   * @default the only group, or the only group with a rule for the URL's host
   */
  readonly group?: string;
}

/** Thrown when a URL cannot be simulated (bad URL, no or ambiguous load balancer). */
export class SimulationError extends Error {
  override readonly name = 'SimulationError';
}

/** `Prefix /api/auth in pms/pms (host pms.example.com)`: how a rule reads. */
export function describeRule(rule: AlbRule): string {
  const { source } = rule;
  const path = source.path ? `${source.pathType} ${source.path}` : 'any path';
  const host = source.host ? ` host ${source.host}` : '';
  return `priority ${rule.priority}: ${path}${host} (Ingress ${source.ingress}, patterns ${rule.paths.join(' ') || '-'})`;
}

/** The backend of a forward action, `service:port`. */
export function backendOf(action: AlbAction | undefined): string | undefined {
  return action?.type === 'forward' ? `${action.service}:${action.port}` : undefined;
}

/**
 * Answers which backend, redirect or fixed response serves `url`, and through which rule. `input` is either
 * the rendered objects of a cluster or groups already resolved with `resolveAlbGroups`.
 */
export function simulateRequest(
  input: readonly Manifest[] | readonly AlbGroup[],
  url: string,
  options: SimulateOptions = {},
): RoutingAnswer {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new SimulationError(
      `not an absolute URL: ${JSON.stringify(url)}; allowed: http:// or https:// URLs`,
    );
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new SimulationError(`unsupported scheme ${parsed.protocol} in ${url}; allowed: http or https`);
  }
  const groups = isGroups(input) ? input : resolveAlbGroups(input);
  const group = pickGroup(groups, parsed.hostname, options.group);
  const protocol = parsed.protocol === 'https:' ? 'HTTPS' : 'HTTP';
  const port = parsed.port ? Number(parsed.port) : protocol === 'HTTPS' ? 443 : 80;
  const listener = group.listeners.find((l) => l.port === port);
  if (!listener || listener.protocol !== protocol) {
    const listening = group.listeners.map((l) => `${l.protocol}:${l.port}`).join(', ') || 'none';
    return {
      url,
      group: group.name,
      outcome: 'no-listener',
      summary: `no ${protocol} listener on port ${port} (listeners: ${listening}); the connection is refused`,
    };
  }
  const rule = listener.rules.find((r) => ruleMatches(r, parsed.hostname, parsed.pathname));
  return answer(url, group, listener, rule, parsed);
}

function isGroups(input: readonly Manifest[] | readonly AlbGroup[]): input is readonly AlbGroup[] {
  return input.length > 0 && 'listeners' in input[0]! && !('kind' in input[0]!);
}

function pickGroup(groups: readonly AlbGroup[], host: string, name: string | undefined): AlbGroup {
  if (groups.length === 0) throw new SimulationError('no ALB Ingress among the objects');
  if (name !== undefined) {
    const named = groups.find((g) => g.name === name);
    if (!named)
      throw new SimulationError(
        `no load balancer ${JSON.stringify(name)}; known: ${groups.map((g) => g.name).join(', ')}`,
      );
    return named;
  }
  if (groups.length === 1) return groups[0]!;
  const serving = groups.filter((g) =>
    g.listeners.some((l) => l.rules.some((r) => r.hosts.some((h) => hostMatchesPattern(h, host)))),
  );
  if (serving.length === 1) return serving[0]!;
  throw new SimulationError(
    `several load balancers could serve ${host}: ${groups.map((g) => g.name).join(', ')}; name one`,
  );
}

function ruleMatches(rule: AlbRule, host: string, path: string): boolean {
  const hostOk = rule.hosts.length === 0 || rule.hosts.some((pattern) => hostMatchesPattern(pattern, host));
  const pathOk = rule.paths.length === 0 || rule.paths.some((pattern) => pathMatches(pattern, path));
  return hostOk && pathOk;
}

function answer(
  url: string,
  group: AlbGroup,
  listener: AlbListener,
  rule: AlbRule | undefined,
  parsed: URL,
): RoutingAnswer {
  const action = rule ? rule.action : listener.defaultAction;
  const name = `${listener.protocol}:${listener.port}`;
  const via = rule
    ? `rule ${describeRule(rule)}`
    : action.type === 'redirect' && listener.rules.length === 0
      ? 'the default action (ssl-redirect: the listener has no rules)'
      : 'the default action (no rule matched)';
  const base = { url, group: group.name, listener: name, ...(rule ? { rule } : {}), action };
  if (action.type === 'forward') {
    const backend = `${action.service}:${action.port}`;
    return { ...base, outcome: 'forward', backend, summary: `${backend} via ${name} ${via}` };
  }
  if (action.type === 'redirect') {
    const protocol =
      action.protocol === '#{protocol}' ? parsed.protocol.slice(0, -1) : action.protocol.toLowerCase();
    const port = action.port === '#{port}' ? parsed.port : action.port;
    const defaultPort = (protocol === 'https' && port === '443') || (protocol === 'http' && port === '80');
    const location = `${protocol}://${parsed.hostname}${port && !defaultPort ? `:${port}` : ''}${parsed.pathname}${parsed.search}`;
    return {
      ...base,
      outcome: 'redirect',
      statusCode: action.statusCode,
      location,
      summary: `${action.statusCode} redirect to ${location} via ${name} ${via}`,
    };
  }
  return {
    ...base,
    outcome: 'fixed-response',
    statusCode: action.statusCode,
    summary: `fixed response ${action.statusCode} via ${name} ${via}`,
  };
}
