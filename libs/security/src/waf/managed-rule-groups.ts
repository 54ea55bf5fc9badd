/**
 * The AWS managed rule groups for AWS WAF (vendor `AWS`), with the capacity (WCU) AWS fixes for each. Sources: the WAF
 * developer guide, "AWS Managed Rules rule groups list" (aws-managed-rule-groups-list.html) and its baseline, use-case,
 * IP-reputation and anti-DDoS pages, each stating "VendorName: AWS, Name: …, WCU: n". AWS rejects a web ACL naming
 * a group that does not exist (`WAFNonexistentItemException` at reconcile), so a misspelt name renders fine and only
 * fails in ACK: the render refuses it here instead. Check a group live with
 * `aws wafv2 describe-managed-rule-group --vendor-name AWS --name <name> --scope REGIONAL --query Capacity`.
 */

/** One AWS managed rule group. */
export interface ManagedRuleGroupInfo {
  /** Web ACL capacity units the group consumes. */
  readonly capacity: number;
  /** True when its use is billed on top of the web ACL (Bot Control, account takeover/creation fraud, anti-DDoS). */
  readonly extraFee?: boolean;
}

/** The vendors this project knows the rule groups of. Marketplace vendors need a subscription it does not model. */
export const MANAGED_RULE_GROUP_VENDORS = ['AWS'] as const;

/** Every AWS managed rule group by name. */
export const AWS_MANAGED_RULE_GROUPS: Readonly<Record<string, ManagedRuleGroupInfo>> = {
  // Baseline rule groups.
  AWSManagedRulesCommonRuleSet: { capacity: 700 },
  AWSManagedRulesAdminProtectionRuleSet: { capacity: 100 },
  AWSManagedRulesKnownBadInputsRuleSet: { capacity: 200 },
  // Use-case specific rule groups.
  AWSManagedRulesSQLiRuleSet: { capacity: 200 },
  AWSManagedRulesLinuxRuleSet: { capacity: 200 },
  AWSManagedRulesUnixRuleSet: { capacity: 100 },
  AWSManagedRulesWindowsRuleSet: { capacity: 200 },
  AWSManagedRulesPHPRuleSet: { capacity: 100 },
  AWSManagedRulesWordPressRuleSet: { capacity: 100 },
  // IP reputation rule groups.
  AWSManagedRulesAmazonIpReputationList: { capacity: 25 },
  AWSManagedRulesAnonymousIpList: { capacity: 50 },
  // Paid groups.
  AWSManagedRulesBotControlRuleSet: { capacity: 50, extraFee: true },
  AWSManagedRulesATPRuleSet: { capacity: 50, extraFee: true },
  AWSManagedRulesACFPRuleSet: { capacity: 50, extraFee: true },
  AWSManagedRulesAntiDDoSRuleSet: { capacity: 50, extraFee: true },
};

/** What is wrong with a managed rule group reference, or undefined when AWS knows it. */
export function managedRuleGroupProblem(vendorName: unknown, name: unknown): string | undefined {
  if (!(MANAGED_RULE_GROUP_VENDORS as readonly unknown[]).includes(vendorName))
    return `vendor ${JSON.stringify(vendorName)} is not one whose rule groups this project knows (${MANAGED_RULE_GROUP_VENDORS.join(', ')}); a Marketplace group needs a subscription`;
  if (typeof name !== 'string' || AWS_MANAGED_RULE_GROUPS[name] === undefined)
    return `AWS has no managed rule group ${JSON.stringify(name)}, so it rejects the web ACL when ACK creates it`;
  return undefined;
}
