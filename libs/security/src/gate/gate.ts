/**
 * The policy gate: every rule over every rendered object of a cluster. A finding fails the render with the
 * object, the rule and the fix, unless the object carries an explicit, reasoned exception annotation.
 */
import {
  formatValue,
  markdownTable,
  objectRef,
  throwIfAny,
  type ClusterSettings,
  type ConfigIssue,
  type DocSection,
  type Manifest,
} from '@pms/core';
import {
  finding,
  type Finding,
  type GateInput,
  type PolicyGateContext,
  type PolicyRule,
  type RuleCheck,
} from './model.js';
import { ALB_RULES } from './rules-alb.js';
import { CLOUD_RULES } from './rules-cloud.js';
import { NETWORK_RULES } from './rules-network.js';
import { CONTAINER_RULES } from './rules-container.js';
import { DELETION_RULES } from './rules-deletion.js';
import { POD_SECURITY_RULES } from './rules-pod-security.js';

/** Prefix of exception annotations: `pms.example.com/policy-exception.<rule>: "<reason>"`. */
export const POLICY_EXCEPTION_PREFIX = 'pms.example.com/policy-exception.';

/** The annotation key that accepts findings of `rule` on one object. */
export function policyExceptionKey(rule: string): string {
  return `${POLICY_EXCEPTION_PREFIX}${rule}`;
}

const exceptionRule: PolicyRule = {
  id: 'policy-exception',
  group: 'gate',
  title: 'exception annotations name a known rule, give a reason and accept an actual finding',
  source: 'this gate',
};

/** Every rule of the gate with its check, in reporting order. */
export const POLICY_RULES: readonly RuleCheck[] = [
  ...CONTAINER_RULES,
  ...POD_SECURITY_RULES,
  ...NETWORK_RULES,
  ...ALB_RULES,
  ...CLOUD_RULES,
  ...DELETION_RULES,
];

/** Every rule of the gate (including the rule about exception annotations). */
export const POLICY_RULE_LIST: readonly PolicyRule[] = [
  ...POLICY_RULES.map((check) => check.rule),
  exceptionRule,
];

/** An accepted finding: the rule, the object and the reason its annotation gives. */
export interface AcceptedException {
  /** The rule whose finding is accepted. */
  readonly rule: string;
  /** `Kind namespace/name` of the object. */
  readonly object: string;
  /** The fields the accepted findings are about. */
  readonly fields: readonly string[];
  /** The reason given in the annotation. */
  readonly reason: string;
}

/** What a passing gate reports. */
export interface PolicyGateReport {
  /** Number of objects checked. */
  readonly objectsChecked: number;
  /** The rules that ran. */
  readonly rules: readonly PolicyRule[];
  /** Findings accepted by exception annotations. */
  readonly exceptions: readonly AcceptedException[];
}

/** Every finding of every rule, before exceptions. */
export function collectFindings(
  cluster: ClusterSettings,
  manifests: readonly Manifest[],
  context: PolicyGateContext = {},
): Finding[] {
  const input: GateInput = { cluster, manifests, context };
  return POLICY_RULES.flatMap((check) => check.check(input));
}

/**
 * Runs every rule over the rendered objects of one cluster. Throws (`throwIfAny`) every finding (object,
 * field, rule, problem and fix) that no exception annotation accepts; returns the report otherwise.
 */
export function runPolicyGate(
  cluster: ClusterSettings,
  manifests: readonly Manifest[],
  context: PolicyGateContext = {},
): PolicyGateReport {
  const findings = collectFindings(cluster, manifests, context);
  const known = new Set(POLICY_RULES.map((check) => check.rule.id));
  const failing: Finding[] = [];
  const accepted = new Map<string, { rule: string; object: string; fields: string[]; reason: string }>();

  for (const found of findings) {
    const reason = found.object.metadata.annotations?.[policyExceptionKey(found.rule)];
    const invariant = POLICY_RULES.find((check) => check.rule.id === found.rule)?.rule.invariant;
    if (reason !== undefined && reason.trim() !== '' && !invariant) {
      const key = `${objectRef(found.object)}\u0000${found.rule}`;
      const entry = accepted.get(key) ?? {
        rule: found.rule,
        object: objectRef(found.object),
        fields: [],
        reason: reason.trim(),
      };
      entry.fields.push(found.field);
      accepted.set(key, entry);
    } else {
      failing.push(found);
    }
  }

  // The exception annotations themselves: known rule, a reason, and a finding to accept.
  for (const object of manifests) {
    for (const [key, reason] of Object.entries(object.metadata.annotations ?? {})) {
      if (!key.startsWith(POLICY_EXCEPTION_PREFIX)) continue;
      const ruleId = key.slice(POLICY_EXCEPTION_PREFIX.length);
      const field = `metadata.annotations["${key}"]`;
      if (!known.has(ruleId)) {
        failing.push(
          finding(exceptionRule, object, {
            field,
            value: reason,
            problem: `"${ruleId}" is not a rule of the policy gate`,
            allowed: `one of ${[...known].join(', ')}`,
          }),
        );
      } else if (POLICY_RULES.find((check) => check.rule.id === ruleId)!.rule.invariant) {
        failing.push(
          finding(exceptionRule, object, {
            field,
            value: reason,
            problem: `"${ruleId}" is a platform invariant: no exception accepts its findings`,
            allowed: 'no exception annotation: fix the source the finding names',
          }),
        );
      } else if (reason.trim() === '') {
        failing.push(
          finding(exceptionRule, object, {
            field,
            value: reason,
            problem: 'the exception gives no reason',
            allowed:
              'a sentence saying why the object may break the rule (it is listed in the cluster README)',
          }),
        );
      } else if (!accepted.has(`${objectRef(object)}\u0000${ruleId}`)) {
        failing.push(
          finding(exceptionRule, object, {
            field,
            value: reason,
            problem: `the object does not break rule "${ruleId}", so the exception accepts nothing`,
            allowed: `no ${POLICY_EXCEPTION_PREFIX}${ruleId} annotation: exceptions only on objects that break the rule`,
          }),
        );
      }
    }
  }

  throwIfAny(mergeShared(failing).map((group) => toIssue(cluster.name, group)));
  return { objectsChecked: manifests.length, rules: POLICY_RULE_LIST, exceptions: [...accepted.values()] };
}

/**
 * Findings of one rule with the same value, problem and fix on several objects (one mistake in a shared source, e.g.
 * the kube-dns selector every service's policy copies): one group each, in order of first appearance.
 */
function mergeShared(findings: readonly Finding[]): Finding[][] {
  const groups = new Map<string, Finding[]>();
  for (const found of findings) {
    const key = JSON.stringify([found.rule, formatValue(found.value), found.problem, found.allowed]);
    groups.set(key, [...(groups.get(key) ?? []), found]);
  }
  return [...groups.values()];
}

function toIssue(cluster: string, group: readonly Finding[]): ConfigIssue {
  const found = group[0]!;
  const rule = POLICY_RULE_LIST.find((r) => r.id === found.rule)!;
  const ref = objectRef(found.object);
  const field =
    group.length === 1
      ? `${ref} ${found.field}`
      : group.map((f) => `${objectRef(f.object)} ${f.field}`).join(', ');
  const escape =
    rule.group === 'gate' || rule.invariant
      ? ''
      : `; or accept it with the annotation ${policyExceptionKey(rule.id)}: "<reason>" on ${ref}`;
  return {
    cluster,
    field,
    value: found.value,
    problem: `breaks policy rule "${rule.id}" (${rule.source}): ${found.problem}`,
    allowed: `${found.allowed}${escape}`,
    where: 'policy gate',
  };
}

/** The generated README section of the gate: its rules and the exceptions accepted in this cluster. */
export function policyGateDocs(report: PolicyGateReport): DocSection {
  const exceptions =
    report.exceptions.length === 0
      ? 'No exceptions: every object passes every rule.'
      : markdownTable(
          ['object', 'rule', 'fields', 'reason'],
          report.exceptions.map((e) => [e.object, `\`${e.rule}\``, e.fields.join(', '), e.reason]),
        );
  return {
    title: 'Policy gate',
    order: 590,
    body: [
      `\`pnpm render\` runs ${report.rules.length} rules over all ${report.objectsChecked} objects of this cluster; a finding fails the render ` +
        'with the object, the rule and the fix. An object may break a rule only with the annotation ' +
        `\`${POLICY_EXCEPTION_PREFIX}<rule>: "<reason>"\`; every such exception is listed here. Rules marked ` +
        '_invariant_ are promises of the platform (WebSocket stickiness, WAF fail-closed, keys the controller reads): ' +
        'they accept no exception.',
      '### Exceptions',
      exceptions,
      '### Rules',
      markdownTable(
        ['rule', 'group', 'requires', 'source'],
        report.rules.map((r) => [
          `\`${r.id}\``,
          r.invariant ? `${r.group} (invariant)` : r.group,
          r.title,
          r.source,
        ]),
      ),
    ].join('\n\n'),
  };
}
