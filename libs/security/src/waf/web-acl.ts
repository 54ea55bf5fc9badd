import {
  Checks,
  describeKnownNames,
  didYouMean,
  markdownTable,
  recommendedLabels,
  type ClusterSettings,
  type DocSection,
} from '@pms/core';
import type { AwsWebACLRule, AwsWebACLSpec, IWebACL } from '@pms/crd-models';
import { describeOrigin, type AlbGroup } from '@pms/ingress';
import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { ackAnnotations, awsTags, AWS_RESOURCES_NAMESPACE } from '../aws-namespace.js';
import type { WafSettings } from '../settings.js';
import {
  AWS_MANAGED_RULE_GROUPS,
  MANAGED_RULE_GROUP_VENDORS,
  managedRuleGroupProblem,
} from './managed-rule-groups.js';
import { metricName, webAclName } from './names.js';
import {
  DEFAULT_RATE_LIMIT,
  WEB_ACL_INCLUDED_CAPACITY,
  webAclCapacity,
  webAclRules,
  WEB_ACL_RULES_SOURCE,
  type WebAclRule,
} from './web-acl-rules.js';

/** Props of `PmsWebAcl`. */
export interface PmsWebAclProps {
  /** The cluster's shared settings (name, region, environment). */
  readonly cluster: ClusterSettings;
  /**
   * WAF tuning from the cluster's security settings, already checked by `validateSecuritySettings`.
   * @default {}
   */
  readonly settings?: WafSettings;
  /**
   * The ALB the web ACL protects (`PmsIngress.alb`): the docs say how it finds the web ACL.
   * @default undefined: the docs do not say how the ALB finds it
   */
  readonly alb?: AlbGroup;
}

/** How the ALB finds its web ACL, read from the ALB model (the field that really carries it). */
export function webAclUsage(alb: AlbGroup | undefined): string {
  if (!alb) return 'The ALB is not part of this render';
  if (alb.wafv2AclName && alb.wafv2AclNameOrigin)
    return (
      `The ALB names it in ${describeOrigin(alb.wafv2AclNameOrigin)}: \`${alb.wafv2AclName}\`; the load balancer controller ` +
      'resolves the name to the ARN (`wafv2:ListWebACLs`, regional scope, in its own account and region) when it builds the ALB'
    );
  if (alb.wafv2AclArn && alb.wafv2AclArnOrigin)
    return `The ALB reads its ARN from ${describeOrigin(alb.wafv2AclArnOrigin)} (pinned in the settings, \`webAclArn\`): \`${alb.wafv2AclArn}\``;
  return 'The ALB names no web ACL';
}

/**
 * The cluster's regional WAFv2 web ACL as an ACK `WebACL`: default allow; a rate-based rule and three AWS
 * managed rule groups that enforce; CloudWatch metrics and sampled requests on the ACL and every rule.
 * Refuses duplicate priorities and a capacity above the 1,500 WCU included (the rate limit and a pinned `webAclArn`
 * naming another ACL are refused with the rest of the security section, by `validateSecuritySettings`).
 */
export class PmsWebAcl extends Construct {
  /** Name of the web ACL in AWS. */
  readonly aclName: string;
  /** The ACL's CloudWatch metric name (`visibilityConfig.metricName`): the `WebACL` dimension of its WAFv2 metrics. */
  readonly metricName: string;
  /** The rules, in evaluation order. */
  readonly rules: readonly WebAclRule[];
  /** Total capacity units of the rules. */
  readonly capacity: number;
  /** Generated README section describing the ACL. */
  readonly docs: DocSection;

  constructor(scope: Construct, id: string, props: PmsWebAclProps) {
    super(scope, id);
    const { cluster } = props;
    const rateLimit = props.settings?.rateLimitPer5Minutes ?? DEFAULT_RATE_LIMIT;
    this.aclName = webAclName(cluster);
    this.metricName = this.aclName;
    this.rules = webAclRules(rateLimit);
    this.capacity = webAclCapacity(this.rules);

    // The settings (rate limit, `webAclArn`) are validated with the whole security section, before this is built
    // (`validateSecuritySettings`, run by `PmsSecurity`); here only the rule set this construct derives from them.
    const checks = Checks.for(this).withPrefix(WEB_ACL_RULES_SOURCE);
    validateRules(this.rules, checks);
    checks.throwIfAny();

    new ApiObject(this, 'web-acl', {
      apiVersion: 'wafv2.services.k8s.aws/v1alpha1',
      kind: 'WebACL',
      metadata: {
        name: this.aclName,
        namespace: AWS_RESOURCES_NAMESPACE,
        labels: recommendedLabels(this.aclName, 'web-acl'),
        annotations: ackAnnotations(cluster),
      },
      spec: webAclSpec(cluster, this.aclName, this.rules),
    } satisfies IWebACL);

    this.docs = {
      title: 'WAF web ACL',
      order: 510,
      body: [
        `ACK \`WebACL\` \`${AWS_RESOURCES_NAMESPACE}/${this.aclName}\`, scope REGIONAL, default action **allow**, in \`${cluster.aws.region}\`. ` +
          'CloudWatch metrics and sampled requests are on for the ACL and every rule (metric names below).',
        markdownTable(
          ['priority', 'rule', 'statement', 'action', 'WCU', 'metric', 'purpose'],
          this.rules.map((rule) => [
            String(rule.priority),
            rule.name,
            rule.kind === 'rate-limit'
              ? `rate-based: ${rule.limit} requests / ${rule.evaluationWindowSeconds} s per ${rule.aggregateKeyType}`
              : `managed rule group ${rule.vendorName}/${rule.groupName}`,
            rule.kind === 'rate-limit' ? 'block' : 'rule group actions (override none)',
            String(rule.capacity),
            metricName(cluster.name, rule.name),
            rule.purpose,
          ]),
        ),
        `Capacity: **${this.capacity} WCU** of the ${WEB_ACL_INCLUDED_CAPACITY} WCU included in the web ACL's price.`,
        `${webAclUsage(props.alb)}. The render refuses a web ACL name or ARN that no rendered WebACL has (policy rule \`web-acl-managed\`).`,
      ].join('\n\n'),
    };
  }
}

/**
 * The `spec` of the cluster's `WebACL` named `aclName` (also its metric name) with `rules`, typed by the model
 * generated from ACK's CRD with the WAFv2 enumerations narrowed.
 */
export function webAclSpec(
  cluster: Pick<ClusterSettings, 'name' | 'environment'>,
  aclName: string,
  rules: readonly WebAclRule[],
): AwsWebACLSpec {
  return {
    name: aclName,
    description: `PMS ${cluster.name}: rate limit per IP and AWS managed rules for the ALB`,
    scope: 'REGIONAL',
    defaultAction: { allow: {} },
    rules: rules.map((rule) => renderRule(cluster.name, rule)),
    visibilityConfig: visibility(aclName),
    tags: awsTags(cluster, 'web-acl'),
  };
}

function visibility(metric: string): AwsWebACLSpec['visibilityConfig'] {
  return { cloudWatchMetricsEnabled: true, metricName: metric, sampledRequestsEnabled: true };
}

function renderRule(cluster: string, rule: WebAclRule): AwsWebACLRule {
  const common = {
    name: rule.name,
    priority: rule.priority,
    visibilityConfig: visibility(metricName(cluster, rule.name)),
  } satisfies AwsWebACLRule;
  if (rule.kind === 'rate-limit') {
    return {
      ...common,
      action: { block: {} },
      statement: {
        rateBasedStatement: {
          limit: rule.limit,
          evaluationWindowSec: rule.evaluationWindowSeconds,
          aggregateKeyType: rule.aggregateKeyType,
        },
      },
    };
  }
  return {
    ...common,
    overrideAction: { none: {} },
    statement: { managedRuleGroupStatement: { vendorName: rule.vendorName, name: rule.groupName } },
  };
}

/**
 * Checks a rule set: managed rule groups AWS has (vendor and name, with "did you mean"), at the capacity AWS fixes
 * for each; unique priorities; capacity within what is included. Issues are reported as `rules.<name>.…` under
 * `checks`' prefix (the construct's is `WEB_ACL_RULES_SOURCE`, so a message names the constant to edit).
 */
export function validateRules(rules: readonly WebAclRule[], checks: Checks): void {
  const seen = new Map<number, string>();
  for (const rule of rules) {
    if (rule.kind === 'managed-rule-group') {
      const problem = managedRuleGroupProblem(rule.vendorName, rule.groupName);
      const known = Object.keys(AWS_MANAGED_RULE_GROUPS);
      if (problem) {
        const vendorWrong = !(MANAGED_RULE_GROUP_VENDORS as readonly string[]).includes(rule.vendorName);
        checks.fail({
          field: `rules.${rule.name}.${vendorWrong ? 'vendorName' : 'groupName'}`,
          value: vendorWrong ? rule.vendorName : rule.groupName,
          problem: `${problem}${vendorWrong ? '' : didYouMean(rule.groupName, known)}`,
          allowed: vendorWrong
            ? `one of ${MANAGED_RULE_GROUP_VENDORS.join(', ')}`
            : `an AWS managed rule group: ${describeKnownNames(rule.groupName, known)}`,
        });
      } else if (AWS_MANAGED_RULE_GROUPS[rule.groupName]!.capacity !== rule.capacity) {
        checks.fail({
          field: `rules.${rule.name}.capacity`,
          value: rule.capacity,
          allowed: `${AWS_MANAGED_RULE_GROUPS[rule.groupName]!.capacity}, the WCU AWS fixes for ${rule.groupName}`,
          problem: 'the capacity check and the docs would not match what AWS charges against the web ACL',
        });
      }
    }
    const other = seen.get(rule.priority);
    if (other !== undefined) {
      checks.fail({
        field: `rules.${rule.name}.priority`,
        value: rule.priority,
        allowed: `a priority no other rule uses (${other} has it)`,
      });
    }
    seen.set(rule.priority, rule.name);
  }
  const capacity = webAclCapacity(rules);
  checks.require(capacity <= WEB_ACL_INCLUDED_CAPACITY, {
    field: 'rules',
    value: rules.map((rule) => `${rule.name}=${rule.capacity}`),
    allowed: `rules totalling at most ${WEB_ACL_INCLUDED_CAPACITY} WCU`,
    problem: `they need ${capacity} WCU`,
  });
}
