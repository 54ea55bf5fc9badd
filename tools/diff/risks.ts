/**
 * Risk flags: changes a reviewer must not miss, found in the rendered objects of base and head.
 * Each rule looks at the facts the AWS Load Balancer Controller, AWS WAF (through ACK) and Kubernetes act on
 * — Ingress annotations, IngressClassParams, WebACL rules, NetworkPolicies — not at the settings that
 * produced them, so a flag holds whichever code path caused the change.
 */
import { isKind, type Manifest } from '@pms/core';
import {
  AlbAnnotation,
  DEFAULT_SSL_POLICY,
  INGRESS_CLASS_PARAMS_API_VERSION,
  sslPolicyMinimumTls,
  sslPolicyStrength,
} from '@pms/ingress';
import { defaultDenyDirections } from '@pms/networking';
import type { IIngressClassParams, IWebACL } from '@pms/crd-models';
import type { INetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy';
import {
  EXPOSURE_RISK_TITLES,
  everyUrl404Risks,
  prodHostRisks,
  reachabilityRisks,
  wafLooseningRisks,
  type ExposureRiskKind,
} from './exposure-risks.js';
import { refOf, type RenderedTree } from './objects.js';
import { removedGuards } from './protection-risks.js';
import { connectionKey } from './reachability-model.js';
import type { ReachabilityDiff } from './reachability.js';
import { isBackend, type RoutingDiff } from './routing-diff.js';
import { probeLabel } from './routing-model.js';
import { trafficShiftRisks, type TrafficShift } from './traffic-diff.js';

/** The kinds of risk the diff flags (those of exposure-risks.ts included). */
export type RiskKind =
  | ExposureRiskKind
  | 'api-to-frontend'
  | 'waf-detached'
  | 'waf-rule-group-removed'
  | 'tls-weakened'
  | 'redirect-removed'
  | 'security-header-removed'
  | 'default-deny-removed'
  | 'open-ingress'
  | 'alb-connection-closed'
  | 'deletion-protection-off'
  | 'deletion-guard-removed'
  | 'prod-object-deleted'
  | 'traffic-jump-to-full'
  | 'traffic-shift-back';

/** One flagged change. */
export interface RiskFlag {
  readonly kind: RiskKind;
  /** One sentence naming the object and the old → new fact. */
  readonly message: string;
}

/** Headline of each kind, for the report. */
export const RISK_TITLES: Readonly<Record<RiskKind, string>> = {
  ...EXPOSURE_RISK_TITLES,
  'api-to-frontend': 'API/WebSocket URLs lose their backend',
  'waf-detached': 'WAF detached',
  'waf-rule-group-removed': 'WAF managed rule group removed or disarmed',
  'tls-weakened': 'TLS policy weakened',
  'redirect-removed': 'Redirect removed',
  'security-header-removed': 'Security header removed',
  'default-deny-removed': 'Default deny removed',
  'open-ingress': 'Ingress from 0.0.0.0/0',
  'alb-connection-closed': 'Load balancer cut off from a backend',
  'deletion-protection-off': 'Deletion protection off',
  'deletion-guard-removed': 'Deletion guard removed (Argo CD Prune/Delete=false, ACK retain)',
  'prod-object-deleted': 'Object deleted from prod',
  'traffic-jump-to-full': 'Traffic jumps straight to 100 % on the ALB',
  'traffic-shift-back': 'Traffic shifts back to the legacy load balancers',
};

const ALB_KINDS = new Set(['Ingress', 'IngressClassParams']);

const isParams = (m: Manifest): m is Manifest & IIngressClassParams =>
  isKind<IIngressClassParams>(m, INGRESS_CLASS_PARAMS_API_VERSION, 'IngressClassParams');
const isWebAcl = (m: Manifest): m is Manifest & IWebACL =>
  isKind<IWebACL>(m, 'wafv2.services.k8s.aws/v1alpha1', 'WebACL');
const isNetworkPolicy = (m: Manifest): m is Manifest & INetworkPolicy =>
  isKind<INetworkPolicy>(m, 'networking.k8s.io/v1', 'NetworkPolicy');

/** Input of `findRisks`. */
export interface RiskInput {
  readonly base: RenderedTree;
  readonly head: RenderedTree;
  /** Production target: deleted objects are flagged (lost deletion protection is flagged wherever the base had it). */
  readonly prod: boolean;
  /** The target's routing diff (a removed redirect rule is a removed redirect). */
  readonly routing?: RoutingDiff;
  /** The target's reachability diff (a closed `alb → <service>` connection cuts the load balancer off). */
  readonly reachability?: ReachabilityDiff;
  /** The migration's traffic shift (a jump to 100 % or a shift back is a risk). */
  readonly traffic?: TrafficShift;
}

/** Every risk flag of one target's change, in a stable order. */
export function findRisks(input: RiskInput): RiskFlag[] {
  const base = [...input.base.objects.values()];
  const head = [...input.head.objects.values()];
  const flags: RiskFlag[] = [
    ...apiFallthroughRisks(input.routing),
    ...wafRisks(base, head),
    ...tlsRisks(input.base, input.head),
    ...redirectRisks(input.base, input.head, input.routing),
    ...headerRisks(base, head),
    ...defaultDenyRisks(base, head),
    ...openIngressRisks(input.base, input.head),
    ...albConnectionRisks(input.reachability),
    // Wherever a guard existed (prod, or deletionProtection), losing it is a risk (protection-risks.ts).
    ...removedGuards(input.base, input.head).map((r) => ({
      kind: 'deletion-guard-removed' as const,
      message: `${r.object}: ${r.guard} removed: ${r.consequence}`,
    })),
    // The same predicate for the controller's own guard: wherever the base had it (prod, or a cluster whose settings
    // ask for deletionProtection, `deletionGuardRequired` in libs/core/src/k8s/protection.ts), losing it is a risk.
    ...deletionProtectionRisks(input.base, input.head),
    ...reachabilityRisks(input.reachability),
    ...prodHostRisks(input.base, input.head, input.prod),
    ...everyUrl404Risks(input.routing, input.head.objects.size > 0),
    ...wafLooseningRisks(input.base, input.head),
    ...trafficShiftRisks(input.traffic),
  ];
  if (input.prod) {
    for (const [path, manifest] of input.base.objects) {
      if (!input.head.objects.has(path))
        flags.push({ kind: 'prod-object-deleted', message: `${refOf(manifest)} is deleted (\`${path}\`)` });
    }
  }
  return flags;
}

// --- API and WebSocket paths falling through to the SPA ---

/**
 * API and WebSocket paths: `/api` and `/ws` and everything below them, by path element — so the boundary
 * probes `/apix` and `/wsx` are not API paths.
 */
export function isApiPath(path: string): boolean {
  return /^\/(api|ws)(\/|$)/.test(path);
}

/** API or WebSocket URLs that left one backend for the frontend, a 404, a redirect or nothing. */
export interface ApiFallthrough {
  /** The backend that answered in base, e.g. `apigateway:8080`. */
  readonly before: string;
  /** What answers now, e.g. `frontend:80` or `fixed-response 404`. */
  readonly after: string;
  /** True when `after` is the frontend (the catch-all). */
  readonly toFrontend: boolean;
  /** The probe URLs. */
  readonly urls: readonly string[];
  /**
   * True when the backend lost routes (fewer rules forward to it than before): an API route was removed, not
   * moved. A route whose path or match changed keeps the backend's rule count: its old URLs move with it.
   */
  readonly routeLost: boolean;
}

/**
 * Probe URLs on an API or WebSocket path that a backend other than the frontend answered in base and that
 * now reach the frontend (the catch-all), a fixed response (404), a redirect or nothing: API calls served the
 * SPA's `index.html`, WebSocket upgrades refused. One entry per old → new answer, naming the URLs.
 */
export function apiFallthroughs(routing: RoutingDiff | undefined): ApiFallthrough[] {
  if (!routing) return [];
  const frontends = new Set(routing.frontends);
  const rulesTo = (rules: RoutingDiff['added'], backend: string) =>
    rules.filter((r) => r.target === backend).length;
  const groups = new Map<string, { before: string; after: string; urls: string[] }>();
  for (const change of routing.rerouted) {
    if (!isApiPath(change.probe.path)) continue;
    if (!isBackend(change.before) || frontends.has(change.before)) continue;
    if (isBackend(change.after) && !frontends.has(change.after)) continue; // moved to another API backend
    const key = `${change.before}\0${change.after}`;
    const group = groups.get(key) ?? { before: change.before, after: change.after, urls: [] };
    group.urls.push(probeLabel(change.probe));
    groups.set(key, group);
  }
  return [...groups.values()].map(({ before, after, urls }) => ({
    before,
    after,
    toFrontend: frontends.has(after),
    urls,
    routeLost: rulesTo(routing.removed, before) > rulesTo(routing.added, before),
  }));
}

/** How one fall-through reads: the URLs, old → new answer. */
export function describeFallthrough(f: ApiFallthrough): string {
  return `${f.urls.map((url) => `\`${url}\``).join(', ')}: \`${f.before}\` → \`${f.after}\`${f.toFrontend ? ' (the frontend)' : ''}`;
}

/**
 * A risk when the backend lost a route: the API surface shrank and its calls now reach the SPA (or a 404). A
 * route that was moved or changed (same backend, same number of rules) is a change the Routing section shows
 * loudly, not a risk; the routing contract (`PMS_ROUTING_CONTRACT`, checked at render time) is what keeps the
 * PMS routing table's URLs from moving by accident.
 */
function apiFallthroughRisks(routing: RoutingDiff | undefined): RiskFlag[] {
  return apiFallthroughs(routing)
    .filter((f) => f.routeLost)
    .map((f) => ({ kind: 'api-to-frontend' as const, message: describeFallthrough(f) }));
}

// --- the load balancer losing a backend ---

/**
 * Connections from the ALB's subnets to a PMS service that the NetworkPolicies no longer allow: the
 * load balancer's health checks and requests to that service's pods are dropped, its targets turn
 * unhealthy and clients get 502/503 for everything routed there. One flag per service and ports.
 */
function albConnectionRisks(reachability: ReachabilityDiff | undefined): RiskFlag[] {
  if (!reachability) return [];
  return reachability.closed
    .filter((c) => c.from === 'alb')
    .map((c) => ({
      kind: 'alb-connection-closed' as const,
      message: `\`${connectionKey(c)}\` is closed: the load balancer can no longer reach \`${c.to}\` (its targets turn unhealthy; requests routed there get 502/503)`,
    }));
}

// --- WAF ---

function wafRisks(base: Manifest[], head: Manifest[]): RiskFlag[] {
  const flags: RiskFlag[] = [];
  const attached = (objects: Manifest[]) => {
    const acls = new Map<string, string>();
    for (const m of objects) {
      for (const acl of wafAclsOf(m)) acls.set(acl, refOf(m));
    }
    return acls;
  };
  const before = attached(base);
  const after = attached(head);
  for (const [acl, where] of before) {
    if (!after.has(acl))
      flags.push({
        kind: 'waf-detached',
        message: `web ACL \`${acl}\` is no longer attached (was on ${where})${after.size ? `; now attached: ${[...after.keys()].map((a) => `\`${a}\``).join(', ')}` : '; no web ACL is attached'}`,
      });
  }
  const acls = (objects: Manifest[]) => new Map(objects.filter(isWebAcl).map((m) => [refOf(m), m]));
  const headAcls = acls(head);
  for (const [ref, old] of acls(base)) {
    const now = headAcls.get(ref);
    if (!now) {
      flags.push({ kind: 'waf-detached', message: `${ref} is deleted` });
      continue;
    }
    const groupsBefore = managedGroups(old);
    const groupsAfter = managedGroups(now);
    for (const [group, mode] of groupsBefore) {
      const current = groupsAfter.get(group);
      if (current === undefined)
        flags.push({
          kind: 'waf-rule-group-removed',
          message: `${ref}: managed rule group \`${group}\` removed`,
        });
      else if (mode !== 'count' && current === 'count')
        flags.push({
          kind: 'waf-rule-group-removed',
          message: `${ref}: managed rule group \`${group}\` now only counts (override action \`count\`)`,
        });
    }
    if (old.spec?.defaultAction?.block && now.spec?.defaultAction?.allow) {
      flags.push({
        kind: 'waf-rule-group-removed',
        message: `${ref}: default action changed from block to allow`,
      });
    }
  }
  return flags;
}

/** The web ACLs an Ingress or IngressClassParams attaches (ARN, or `name:<name>`). */
function wafAclsOf(m: Manifest): string[] {
  if (!ALB_KINDS.has(m.kind)) return [];
  const found: string[] = [];
  const a = m.metadata.annotations ?? {};
  const add = (value: unknown, prefix = '') => {
    if (typeof value === 'string' && value !== '' && value !== 'none') found.push(`${prefix}${value}`);
  };
  add(a[AlbAnnotation.wafv2AclArn]);
  add(a[AlbAnnotation.wafv2AclName], 'name:');
  add(a[AlbAnnotation.wafAclId], 'classic:');
  if (isParams(m)) {
    add(m.spec?.wafv2AclArn);
    add(m.spec?.wafv2AclName, 'name:');
  }
  return found;
}

/** Managed rule groups of a WebACL: `vendor/name` → `active` or `count`. */
function managedGroups(acl: Manifest & IWebACL): Map<string, 'active' | 'count'> {
  const groups = new Map<string, 'active' | 'count'>();
  for (const rule of acl.spec?.rules ?? []) {
    // Top level only: ACK writes nested statements (and, or, not, scope-down) as JSON strings.
    const group = rule.statement?.managedRuleGroupStatement;
    if (group) {
      const count = rule.overrideAction?.count !== undefined;
      groups.set(`${group.vendorName ?? '?'}/${group.name ?? '?'}`, count ? 'count' : 'active');
    }
  }
  return groups;
}

// --- TLS ---

function tlsRisks(base: RenderedTree, head: RenderedTree): RiskFlag[] {
  const flags: RiskFlag[] = [];
  for (const [path, old] of base.objects) {
    const now = head.objects.get(path);
    if (!now || !ALB_KINDS.has(old.kind)) continue;
    const before = sslPolicyOf(old);
    const after = sslPolicyOf(now);
    if (before === undefined || before === after) continue;
    const effective = after ?? DEFAULT_SSL_POLICY;
    if (sslPolicyStrength(effective) < sslPolicyStrength(before)) {
      flags.push({
        kind: 'tls-weakened',
        message: `${refOf(now)}: SSL policy \`${before}\` → \`${effective}\`${after === undefined ? ' (the controller default)' : ''}${describeTls(before, effective)}`,
      });
    }
    if (hadHttps(old) && !hadHttps(now))
      flags.push({
        kind: 'tls-weakened',
        message: `${refOf(now)}: the HTTPS listener or its certificate is removed`,
      });
  }
  return flags;
}

function sslPolicyOf(m: Manifest): string | undefined {
  const value = isParams(m) ? m.spec?.sslPolicy : m.metadata.annotations?.[AlbAnnotation.sslPolicy];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function hadHttps(m: Manifest): boolean {
  const a = m.metadata.annotations ?? {};
  // IngressClassParams: an explicit certificate, or an HTTPS listener whose certificate the controller discovers from
  // the Ingress hosts (no ARN named; LBC v2.17.1 model_build_listener.go).
  if (isParams(m)) {
    return (
      m.spec?.certificateArn !== undefined ||
      (m.spec?.listeners ?? []).some((listener) => listener.protocol === 'HTTPS')
    );
  }
  return (
    (a[AlbAnnotation.listenPorts] ?? '').includes('HTTPS') || a[AlbAnnotation.certificateArn] !== undefined
  );
}

/** ` — minimum TLS 1.2 → 1.1` when the minimum version changes (ingress's `sslPolicyMinimumTls`). */
function describeTls(before: string, after: string): string {
  const [a, b] = [sslPolicyMinimumTls(before), sslPolicyMinimumTls(after)];
  return a !== b ? ` — minimum TLS ${a} → ${b}` : '';
}

// --- redirects ---

function redirectRisks(base: RenderedTree, head: RenderedTree, routing?: RoutingDiff): RiskFlag[] {
  const flags: RiskFlag[] = [];
  for (const [path, old] of base.objects) {
    if (!ALB_KINDS.has(old.kind)) continue;
    const now = head.objects.get(path);
    const redirectOf = (m: Manifest) =>
      isParams(m) ? m.spec?.sslRedirectPort : m.metadata.annotations?.[AlbAnnotation.sslRedirect];
    const was = redirectOf(old);
    if (was === undefined) continue;
    const is = now ? redirectOf(now) : undefined;
    if (is === undefined)
      flags.push({
        kind: 'redirect-removed',
        message: `${refOf(old)}: the HTTP → HTTPS redirect (to port ${String(was)}) is removed`,
      });
  }
  for (const rule of routing?.removed ?? []) {
    if (rule.target.startsWith('redirect'))
      flags.push({
        kind: 'redirect-removed',
        message: `${rule.ingress}: rule ${rule.pathType} \`${rule.path}\` → \`${rule.target}\` is removed`,
      });
  }
  for (const change of routing?.backendChanges ?? []) {
    if (change.before.startsWith('redirect') && !change.after.startsWith('redirect')) {
      flags.push({
        kind: 'redirect-removed',
        message: `${change.rule.ingress}: \`${change.rule.path}\` no longer redirects (\`${change.before}\` → \`${change.after}\`)`,
      });
    }
  }
  return flags;
}

// --- security headers ---

const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  strict_transport_security: 'Strict-Transport-Security',
  content_security_policy: 'Content-Security-Policy',
  x_content_type_options: 'X-Content-Type-Options',
  x_frame_options: 'X-Frame-Options',
  referrer_policy: 'Referrer-Policy',
  permissions_policy: 'Permissions-Policy',
};

function headerRisks(base: Manifest[], head: Manifest[]): RiskFlag[] {
  const before = securityHeaders(base);
  const after = securityHeaders(head);
  const flags: RiskFlag[] = [];
  for (const [header, setters] of before) {
    const still = after.get(header) ?? new Set<string>();
    for (const setter of setters) {
      if (still.has(setter)) continue;
      const elsewhere = still.size > 0 ? ` (still set by ${[...still].join(', ')})` : '';
      flags.push({
        kind: 'security-header-removed',
        message: `\`${header}\` is no longer set by ${setter}${elsewhere}`,
      });
    }
  }
  return flags;
}

/**
 * Security response headers and the objects that set them: ALB listener attributes
 * (`routing.http.response.<header>.header_value`) or the header's name in any string of an object (e.g. an
 * nginx `add_header` in a ConfigMap). Tracked per object, because each layer covers different responses.
 */
function securityHeaders(objects: Manifest[]): Map<string, Set<string>> {
  const found = new Map<string, Set<string>>();
  for (const m of objects) {
    walk(m, '', (_, value) => {
      if (typeof value !== 'string') return;
      for (const [attribute, header] of Object.entries(SECURITY_HEADERS)) {
        const inAttributes = value.includes(`routing.http.response.${attribute}.header_value`);
        const inText = value.toLowerCase().includes(header.toLowerCase());
        if (inAttributes || inText) found.set(header, (found.get(header) ?? new Set()).add(refOf(m)));
      }
    });
  }
  return found;
}

// --- NetworkPolicies ---

function defaultDenyRisks(base: Manifest[], head: Manifest[]): RiskFlag[] {
  const before = defaultDenies(base);
  const after = defaultDenies(head);
  return [...before]
    .filter(([key]) => !after.has(key))
    .map(([key, where]) => ({
      kind: 'default-deny-removed' as const,
      message: `${key} default deny is gone (was ${where})`,
    }));
}

/**
 * `namespace <ns> <Ingress|Egress>` → the policy that denies by default, read with networking's NetworkPolicy
 * semantics (`defaultDenyDirections`: empty pod selector, effective policy types, no rule).
 */
function defaultDenies(objects: Manifest[]): Map<string, string> {
  const denies = new Map<string, string>();
  for (const m of objects.filter(isNetworkPolicy)) {
    for (const type of defaultDenyDirections(m)) {
      denies.set(`namespace \`${m.metadata.namespace ?? 'default'}\` ${type}`, refOf(m));
    }
  }
  return denies;
}

function openIngressRisks(base: RenderedTree, head: RenderedTree): RiskFlag[] {
  const flags: RiskFlag[] = [];
  for (const [path, now] of head.objects) {
    if (ALB_KINDS.has(now.kind)) continue;
    const before = new Set(openIngress(base.objects.get(path)));
    for (const where of openIngress(now)) {
      if (!before.has(where)) flags.push({ kind: 'open-ingress', message: `${refOf(now)}: \`${where}\`` });
    }
  }
  return flags;
}

/** Paths of ingress rules open to every address: a 0.0.0.0/0 or ::/0 source, or a NetworkPolicy rule without `from`. */
function openIngress(m: Manifest | undefined): string[] {
  if (!m) return [];
  const found: string[] = [];
  walk(m, '', (path, value) => {
    if ((value === '0.0.0.0/0' || value === '::/0') && /ingress/i.test(path))
      found.push(`${path} = ${value}`);
  });
  if (isNetworkPolicy(m)) {
    (m.spec?.ingress ?? []).forEach((rule, i) => {
      if ((rule.from ?? []).length === 0) found.push(`spec.ingress[${i}] has no \`from\`: every source`);
    });
  }
  return found;
}

// --- deletion protection ---

function deletionProtectionRisks(base: RenderedTree, head: RenderedTree): RiskFlag[] {
  const flags: RiskFlag[] = [];
  for (const [path, old] of base.objects) {
    if (!isProtected(old)) continue;
    const now = head.objects.get(path);
    if (now && !isProtected(now))
      flags.push({
        kind: 'deletion-protection-off',
        message: `${refOf(old)}: deletion protection is no longer enabled`,
      });
  }
  return flags;
}

/** An ALB with `deletion_protection.enabled=true`, or any object with `deletionProtection: true`. */
function isProtected(m: Manifest): boolean {
  let found = false;
  walk(m, '', (_, value, key) => {
    if (typeof value === 'string' && /deletion_protection\.enabled\s*=\s*true/.test(value)) found = true;
    if (isRecord(value) && value['key'] === 'deletion_protection.enabled' && value['value'] === 'true')
      found = true;
    if (key !== undefined && /^deletionProtection(Enabled)?$/.test(key) && value === true) found = true;
  });
  return found;
}

// --- helpers ---

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Visits every value below `value` with its dotted path and the key it sits under. */
function walk(
  value: unknown,
  path: string,
  visit: (path: string, value: unknown, key?: string) => void,
  key?: string,
): void {
  visit(path, value, key);
  if (Array.isArray(value)) value.forEach((item, i) => walk(item, `${path}[${i}]`, visit));
  else if (isRecord(value))
    for (const [k, v] of Object.entries(value)) walk(v, path ? `${path}.${k}` : k, visit, k);
}
