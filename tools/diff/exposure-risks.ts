/**
 * Risk flags about exposure, in their own rules (the diff's other flags are in risks.ts): connections the change
 * opens into the data stores or out of the namespace, a production host that changes, a cluster whose every URL stops
 * reaching a backend, and a web ACL that lets more through. Each reads the facts of the rendered objects (the
 * reachability and routing the evaluators compute, WebACL rules), not the settings that produced them.
 */
import { isKind, type Manifest } from '@pms/core';
import { ALB_BACKENDS, KUBE_DNS, PMS_SERVICES } from '@pms/networking';
import type { IWebACL } from '@pms/crd-models';
import type { IIngress } from 'kubernetes-models/networking.k8s.io/v1/Ingress';
import { refOf, type RenderedTree } from './objects.js';
import { connectionKey } from './reachability-model.js';
import type { ReachabilityDiff } from './reachability.js';
import type { RoutingDiff } from './routing-diff.js';

/** The kinds of exposure risk. */
export type ExposureRiskKind =
  'data-store-opened' | 'egress-opened' | 'prod-host-changed' | 'every-url-404' | 'waf-loosened';

/** One flagged change of this family. */
export interface ExposureRisk {
  readonly kind: ExposureRiskKind;
  /** One sentence naming the object or connection and the old → new fact. */
  readonly message: string;
}

/** Headline of each kind, for the report. */
export const EXPOSURE_RISK_TITLES: Readonly<Record<ExposureRiskKind, string>> = {
  'data-store-opened': 'New connection into a data store',
  'egress-opened': 'New egress leaving the namespace',
  'prod-host-changed': 'Production host changed',
  'every-url-404': 'Every URL of the cluster stops reaching a backend',
  'waf-loosened': 'WAF loosened',
};

/** The data stores: the catalogue's backing services (PostgreSQL, Redis, Kafka). */
const DATA_STORES: readonly string[] = PMS_SERVICES.filter((s) => s.kind === 'backing').map((s) => s.name);
/** The endpoints inside the PMS namespace: its services. */
const PMS_ENDPOINTS: readonly string[] = PMS_SERVICES.map((s) => s.name);
/** The workloads behind the ALB. */
const BEHIND_ALB: readonly string[] = ALB_BACKENDS;

/** True for an opened connection that is only DNS to kube-dns (every service's declared DNS edges). */
function isDnsOnly(to: string, ports: string): boolean {
  return to === KUBE_DNS && ports.split(', ').every((p) => /^53\/(TCP|UDP)$/.test(p));
}

/**
 * Connections the change opens: into a data store (from anywhere; said so when the source is a workload behind the
 * ALB), or from a PMS service to anything outside the namespace (DNS to kube-dns excepted: every service has it).
 */
export function reachabilityRisks(reachability: ReachabilityDiff | undefined): ExposureRisk[] {
  if (!reachability?.evaluated) return [];
  const risks: ExposureRisk[] = [];
  for (const c of reachability.opened) {
    if (DATA_STORES.includes(c.to)) {
      const from = BEHIND_ALB.includes(c.from)
        ? `\`${c.from}\`, a workload behind the ALB,`
        : PMS_ENDPOINTS.includes(c.from)
          ? `\`${c.from}\``
          : `\`${c.from}\` (outside the namespace)`;
      risks.push({
        kind: 'data-store-opened',
        message: `\`${connectionKey(c)}\` is opened: ${from} may now connect to the data store \`${c.to}\``,
      });
    } else if (PMS_ENDPOINTS.includes(c.from) && !PMS_ENDPOINTS.includes(c.to) && !isDnsOnly(c.to, c.port)) {
      risks.push({
        kind: 'egress-opened',
        message: `\`${connectionKey(c)}\` is opened: \`${c.from}\` may now connect out of the namespace, to \`${c.to}\``,
      });
    }
  }
  return risks;
}

/** The hosts the Ingresses of a tree serve (rules and TLS), by Ingress. */
function ingressHosts(tree: RenderedTree): Map<string, Set<string>> {
  const hosts = new Map<string, Set<string>>();
  for (const m of tree.objects.values()) {
    if (!isKind<IIngress>(m, 'networking.k8s.io/v1', 'Ingress')) continue;
    const set = new Set<string>();
    for (const rule of m.spec?.rules ?? []) if (rule.host) set.add(rule.host);
    for (const tls of m.spec?.tls ?? []) for (const host of tls.hosts ?? []) set.add(host);
    hosts.set(refOf(m), set);
  }
  return hosts;
}

/** In prod, every host an Ingress served in base and no longer serves: its users' URLs stop working. */
export function prodHostRisks(base: RenderedTree, head: RenderedTree, prod: boolean): ExposureRisk[] {
  if (!prod || head.objects.size === 0) return [];
  const before = ingressHosts(base);
  const after = ingressHosts(head);
  const risks: ExposureRisk[] = [];
  for (const [ingress, hosts] of before) {
    const now = after.get(ingress) ?? new Set<string>();
    const gone = [...hosts].filter((h) => !now.has(h));
    if (gone.length === 0) continue;
    risks.push({
      kind: 'prod-host-changed',
      message: `${ingress} no longer serves ${gone.map((h) => `\`${h}\``).join(', ')}${now.size > 0 ? ` (now: ${[...now].map((h) => `\`${h}\``).join(', ')})` : ''}`,
    });
  }
  return risks;
}

/** Every probe URL that reached a backend in base reaches none now (a fixed 404, a redirect, no listener). */
export function everyUrl404Risks(routing: RoutingDiff | undefined, headExists: boolean): ExposureRisk[] {
  if (!routing || !headExists || routing.servedBefore === 0 || routing.servedAfter > 0) return [];
  const answers = [...new Set(routing.rerouted.map((r) => r.after))].map((a) => `\`${a}\``).join(', ');
  return [
    {
      kind: 'every-url-404',
      message: `none of the ${routing.servedBefore} probe URLs that reached a backend does now (they get ${answers || 'no answer'})`,
    },
  ];
}

const isWebAcl = (m: Manifest): m is Manifest & IWebACL =>
  isKind<IWebACL>(m, 'wafv2.services.k8s.aws/v1alpha1', 'WebACL');

type AclRule = NonNullable<NonNullable<IWebACL['spec']>['rules']>[number];
type RateStatement = NonNullable<NonNullable<AclRule['statement']>['rateBasedStatement']>;

function rateOf(rule: AclRule): RateStatement | undefined {
  return rule.statement?.rateBasedStatement;
}

/** Requests per second a rate-based statement allows one client before blocking. */
function perSecond(rate: RateStatement): number {
  return (rate.limit ?? 0) / (rate.evaluationWindowSec ?? 300);
}

/**
 * A web ACL that lets more through: a rate-based rule removed, its limit per time raised, or a rule that blocked now
 * only counting or allowing. (Managed rule groups removed or switched to count are flagged by risks.ts.)
 */
export function wafLooseningRisks(base: RenderedTree, head: RenderedTree): ExposureRisk[] {
  const risks: ExposureRisk[] = [];
  const headAcls = new Map([...head.objects.values()].filter(isWebAcl).map((m) => [refOf(m), m]));
  for (const old of [...base.objects.values()].filter(isWebAcl)) {
    const now = headAcls.get(refOf(old));
    if (!now) continue; // a deleted WebACL is flagged as a detached WAF
    const rules = new Map((now.spec?.rules ?? []).map((r) => [r.name, r]));
    for (const rule of old.spec?.rules ?? []) {
      const current = rules.get(rule.name);
      const rate = rateOf(rule);
      if (rate && !current) {
        risks.push({
          kind: 'waf-loosened',
          message: `${refOf(old)}: rate-based rule \`${rule.name}\` removed`,
        });
        continue;
      }
      if (!current) continue;
      const newRate = rateOf(current);
      if (rate && newRate && perSecond(newRate) > perSecond(rate)) {
        risks.push({
          kind: 'waf-loosened',
          message: `${refOf(old)}: rule \`${rule.name}\` lets a client send more before blocking: ${rate.limit} → ${newRate.limit} requests per ${newRate.evaluationWindowSec ?? 300} s${newRate.evaluationWindowSec !== rate.evaluationWindowSec ? ` (was per ${rate.evaluationWindowSec ?? 300} s)` : ''}`,
        });
      }
      if (rule.action && 'block' in rule.action && current.action && !('block' in current.action)) {
        risks.push({
          kind: 'waf-loosened',
          message: `${refOf(old)}: rule \`${rule.name}\` no longer blocks (action \`${Object.keys(current.action).join(', ')}\`)`,
        });
      }
    }
  }
  return risks;
}
