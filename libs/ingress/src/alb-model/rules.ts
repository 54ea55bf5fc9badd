/**
 * The rules of one listener, in the order the ALB evaluates them: members in the group's order, each
 * Ingress's rules in order, each rule's paths as the controller sorts them (`sortIngressPaths`).
 */
import { pathPatterns, sortIngressPaths, type IngressPathType } from '../path-pattern.js';
import { backendAction } from './actions.js';
import type { GroupContext } from './group-context.js';
import type { IHTTPIngressPath } from 'kubernetes-models/networking.k8s.io/v1/HTTPIngressPath';
import type { IIngressRule } from 'kubernetes-models/networking.k8s.io/v1/IngressRule';
import type { Member } from './members.js';
import type { AlbRule } from './types.js';

type UnnumberedRule = Omit<AlbRule, 'priority'>;

/** The rules of the members listening on one port, numbered 1, 2, 3, … */
export function listenerRules(group: GroupContext, listening: readonly Member[]): AlbRule[] {
  return listening
    .flatMap((member) => memberRules(group, member))
    .map((rule, index) => ({ priority: index + 1, ...rule }));
}

function memberRules(group: GroupContext, member: Member): UnnumberedRule[] {
  return (member.ingress.spec?.rules ?? []).flatMap((rule, ruleIndex) =>
    ingressRuleRules(group, member, rule, ruleIndex),
  );
}

/** One `spec.rules` entry: a listener rule per path that resolves. */
function ingressRuleRules(
  group: GroupContext,
  member: Member,
  rule: IIngressRule,
  ruleIndex: number,
): UnnumberedRule[] {
  if (rule.http === undefined) return [];
  const host = rule.host;
  return sortIngressPaths(rule.http.paths).flatMap(
    (path) => pathRule(group, member, ruleIndex, host, path) ?? [],
  );
}

function pathRule(
  group: GroupContext,
  member: Member,
  ruleIndex: number,
  host: string | undefined,
  path: IHTTPIngressPath,
): UnnumberedRule | undefined {
  const pathValue = path.path;
  const pathType = path.pathType as IngressPathType;
  const patterns = patternsOf(group, member, pathValue, pathType);
  if (!patterns) return undefined;
  const action = backendAction(group, member, path.backend);
  if (!action) return undefined;
  const hosts = host ? [host] : [];
  return {
    hosts,
    paths: hosts.length === 0 && patterns.length === 0 ? ['/*'] : patterns,
    action,
    source: {
      ingress: member.ref,
      ruleIndex,
      ...(host ? { host } : {}),
      ...(pathValue ? { path: pathValue } : {}),
      pathType,
    },
  };
}

/** The path-pattern values of an Ingress path; undefined (with a problem) when the ALB cannot express it. */
function patternsOf(
  group: GroupContext,
  member: Member,
  pathValue: string | undefined,
  pathType: IngressPathType,
): string[] | undefined {
  if (!pathValue) return [];
  try {
    return pathPatterns(pathValue, pathType);
  } catch (error) {
    group.problems.push(`Ingress ${member.ref}: ${(error as Error).message}`);
    return undefined;
  }
}
