/**
 * The rules of every cluster's WAF web ACL, as typed data: the construct renders them, the capacity check
 * sums them and the generated docs list them, so the three never disagree.
 */
import type { WafRateAggregateKeyType, WafRateEvaluationWindow } from '@pms/crd-models';

/** How messages name the rule set: the function and its file, e.g. for a misspelt managed rule group. */
export const WEB_ACL_RULES_SOURCE = 'webAclRules (libs/security/src/waf/web-acl-rules.ts)';

/** WAF's capacity (WCU) included in a web ACL's base price; above it, each further 500 WCU costs extra. */
export const WEB_ACL_INCLUDED_CAPACITY = 1500;

/** An AWS managed rule group, enforcing (override action `none`). */
export interface ManagedRuleGroupRule {
  readonly kind: 'managed-rule-group';
  /** Rule name inside the web ACL (also the CloudWatch metric suffix). */
  readonly name: string;
  /** Evaluation order: lower first; unique in the ACL. */
  readonly priority: number;
  /** Vendor of the group. */
  readonly vendorName: 'AWS';
  /** Name of the managed rule group. */
  readonly groupName: string;
  /** Web ACL capacity units the group consumes (fixed by AWS per group). */
  readonly capacity: number;
  /** What the group protects against, for the docs. */
  readonly purpose: string;
}

/** A rate-based rule that blocks one client IP above a request rate. */
export interface RateLimitRule {
  readonly kind: 'rate-limit';
  /** Rule name inside the web ACL (also the CloudWatch metric suffix). */
  readonly name: string;
  /** Evaluation order: lower first; unique in the ACL. */
  readonly priority: number;
  /** Requests per evaluation window and client IP above which requests are blocked. */
  readonly limit: number;
  /** Sliding window WAF counts requests in, in seconds (WAF allows 60, 120, 300 or 600: `WAF_RATE_EVALUATION_WINDOWS`). */
  readonly evaluationWindowSeconds: WafRateEvaluationWindow;
  /** What the requests are counted by: the client IP. */
  readonly aggregateKeyType: Extract<WafRateAggregateKeyType, 'IP'>;
  /** Web ACL capacity units (2 for a rate-based rule without scope-down statement or custom keys). */
  readonly capacity: number;
  /** What the rule protects against, for the docs. */
  readonly purpose: string;
}

/** One rule of the web ACL. */
export type WebAclRule = ManagedRuleGroupRule | RateLimitRule;

const managed = (
  name: string,
  priority: number,
  capacity: number,
  purpose: string,
): ManagedRuleGroupRule => ({
  kind: 'managed-rule-group',
  name,
  priority,
  vendorName: 'AWS',
  groupName: name,
  capacity,
  purpose,
});

/** Default requests per 5 minutes and client IP before the rate-based rule blocks. */
export const DEFAULT_RATE_LIMIT = 1000;

/**
 * The web ACL's rules in evaluation order. The rate-based rule runs first, so a flood is dropped before the
 * managed groups inspect it; the managed groups enforce (their own actions, mostly block).
 */
export function webAclRules(rateLimit: number = DEFAULT_RATE_LIMIT): readonly WebAclRule[] {
  return [
    {
      kind: 'rate-limit',
      name: 'rate-limit-per-ip',
      priority: 0,
      limit: rateLimit,
      evaluationWindowSeconds: 300,
      aggregateKeyType: 'IP',
      capacity: 2,
      purpose: `blocks a client IP sending more than ${rateLimit} requests in 5 minutes`,
    },
    managed(
      'AWSManagedRulesCommonRuleSet',
      10,
      700,
      'OWASP Top 10 style protections: oversized bodies, bad user agents, LFI/RFI, XSS',
    ),
    managed(
      'AWSManagedRulesKnownBadInputsRuleSet',
      20,
      200,
      'known exploit patterns, e.g. Log4Shell (Log4j JNDI)',
    ),
    managed(
      'AWSManagedRulesSQLiRuleSet',
      30,
      200,
      'SQL injection in query strings, bodies, cookies and URIs',
    ),
  ];
}

/** Total WCU of a set of rules. */
export function webAclCapacity(rules: readonly WebAclRule[]): number {
  return rules.reduce((sum, rule) => sum + rule.capacity, 0);
}
