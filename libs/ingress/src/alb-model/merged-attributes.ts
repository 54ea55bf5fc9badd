/**
 * Load-balancer and listener attributes: the members' annotations (attribute grammar) merged, then the
 * IngressClassParams' key/value lists on top, key by key.
 */
import { AlbAnnotation } from '../annotations.js';
import { parseAttributes } from '../attributes.js';
import { annotation, type GroupContext } from './group-context.js';
import type { Member } from './members.js';

/** The attributes `raw` (an annotation value) sets; a parse error is a problem of `member`. */
export function parseOr(raw: string | undefined, member: Member, problems: string[]): Map<string, string> {
  if (raw === undefined) return new Map();
  try {
    return parseAttributes(raw);
  } catch (error) {
    problems.push(`Ingress ${member.ref}: ${(error as Error).message}`);
    return new Map();
  }
}

/**
 * Load-balancer attributes: annotations merged across members (conflicts refused), IngressClassParams win
 * per key.
 */
export function loadBalancerAttributes(group: GroupContext): Map<string, string> {
  const attributes = new Map<string, string>();
  for (const member of group.members) {
    const raw = annotation(member, AlbAnnotation.loadBalancerAttributes);
    for (const [key, value] of parseOr(raw, member, group.problems)) {
      const existing = attributes.get(key);
      if (existing !== undefined && existing !== value)
        group.problems.push(`conflicting attributes ${key}: ${existing} | ${value}`);
      attributes.set(key, value);
    }
  }
  for (const { key, value } of group.paramsSpec.loadBalancerAttributes ?? []) attributes.set(key, value);
  return attributes;
}

/**
 * Attributes of one listener: its members' annotations (last wins), then the matching IngressClassParams
 * listener.
 */
export function listenerAttributes(
  group: GroupContext,
  protocol: 'HTTP' | 'HTTPS',
  port: number,
  listening: readonly Member[],
): Map<string, string> {
  const attributes = new Map<string, string>();
  for (const member of listening) {
    const raw = annotation(member, AlbAnnotation.listenerAttributes(protocol, port));
    for (const [key, value] of parseOr(raw, member, group.problems)) attributes.set(key, value);
  }
  const fromParams = (group.paramsSpec.listeners ?? []).filter(
    (listener) => listener.protocol === protocol && listener.port === port,
  );
  for (const listener of fromParams) {
    for (const { key, value } of listener.listenerAttributes ?? []) attributes.set(key, value);
  }
  return attributes;
}
