/** The policy gate's vocabulary: rules, findings and the input every rule reads. */
import type { ClusterSettings, IssueFields, Manifest } from '@pms/core';

/** The families of rules. */
export type RuleGroup = 'workload' | 'network' | 'load-balancer' | 'cloud' | 'gate';

/** One rule of the gate. */
export interface PolicyRule {
  /** Stable id, used in messages and in exception annotations, e.g. `read-only-root-fs`. */
  readonly id: string;
  /** Family of the rule. */
  readonly group: RuleGroup;
  /** What the rule requires, in one line. */
  readonly title: string;
  /** Where the rule comes from (kube-linter check, Pod Security Standard control, Security Hub control). */
  readonly source: string;
  /**
   * A platform invariant: something the platform promises (WebSocket stickiness, WAF fail-closed, a key the
   * controller reads), never a trade-off, so no exception annotation accepts its findings: the fix is in the source.
   * @default false
   */
  readonly invariant?: boolean;
}

/** The rule factory of one family: `const rule = ruleOf('network'); rule(id, title, source)`. */
export function ruleOf(group: RuleGroup): (id: string, title: string, source: string) => PolicyRule {
  return (id, title, source) => ({ id, group, title, source });
}

/** The invariant factory of one family: like `ruleOf`, for rules no exception annotation can accept. */
export function invariantOf(group: RuleGroup): (id: string, title: string, source: string) => PolicyRule {
  return (id, title, source) => ({ id, group, title, source, invariant: true });
}

/** What is wrong with one field of one object, in the vocabulary of every refusal (`IssueFields`). */
export interface FindingFields extends IssueFields {
  /** Path of the offending field inside the object, e.g. `spec.template.spec.containers[0].image`. */
  readonly field: string;
  /** What is wrong. */
  readonly problem: string;
  /** How to fix it: what the field may hold instead. */
  readonly allowed: string;
}

/** One violation of one rule by one object. */
export interface Finding extends FindingFields {
  /** Id of the violated rule. */
  readonly rule: string;
  /** The object the finding is about; an exception annotation on it can accept the finding. */
  readonly object: Manifest;
}

/** Pods that exist in the cluster but are not rendered here (backing services installed from their own charts). */
export interface ExternalPods {
  /** Name for messages, e.g. `postgres`. */
  readonly name: string;
  /** Namespace of the pods. */
  readonly namespace: string;
  /** Labels the chart puts on the pods. */
  readonly labels: Readonly<Record<string, string>>;
  /**
   * Container ports of the pods, for the Services that target them.
   * @default unknown: the target ports of Services selecting these pods are not checked
   */
  readonly ports?: readonly { readonly name?: string; readonly port: number; readonly protocol: string }[];
}

/** What the gate knows besides the rendered objects. */
export interface PolicyGateContext {
  /**
   * Pods installed outside this render whose labels Services and NetworkPolicies may select.
   * They are held to the network rules (isolation) like rendered pods.
   * @default []
   */
  readonly externalPods?: readonly ExternalPods[];
}

/** Everything a rule reads. */
export interface GateInput {
  /** The cluster's shared settings (environment, account, region, VPC, access logs). */
  readonly cluster: ClusterSettings;
  /** Every rendered object of the cluster. */
  readonly manifests: readonly Manifest[];
  /** Extra knowledge about the cluster. */
  readonly context: PolicyGateContext;
}

/** A rule and its check. */
export interface RuleCheck {
  /** The rule. */
  readonly rule: PolicyRule;
  /** Returns every finding of the rule over the input. */
  readonly check: (input: GateInput) => Finding[];
}

/** Shorthand for building a finding: `finding(rule, object, { field, value, problem, allowed })`. */
export function finding(rule: PolicyRule, object: Manifest, fields: FindingFields): Finding {
  return { rule: rule.id, object, ...fields };
}
