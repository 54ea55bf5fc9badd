/** Ingresses into groups (one ALB each), and each group into its model. */
import type { Manifest } from '@pms/core';
import { groupContext, type GroupContext } from './group-context.js';
import { compareText } from './json.js';
import { buildListeners, defaultBackendMember } from './listeners.js';
import { loadBalancerSettings } from './load-balancer.js';
import { resolveMember, sortMembers, type Member } from './members.js';
import { loadBalancerAttributes } from './merged-attributes.js';
import { indexAlbObjects, type AlbObjects, type ServiceObject } from './objects.js';
import { membersByPort, redirectPortOf } from './ports.js';
import { resolveSubnets } from './subnets.js';
import type { AlbGroup } from './types.js';

/** The Ingresses of one group, before the group is resolved. */
interface PendingGroup {
  /** True for an explicit group (`group.name`). */
  readonly explicit: boolean;
  /** Members in render order. */
  readonly members: Member[];
  /** Problems found while resolving the members. */
  readonly problems: string[];
}

/**
 * Every ALB the objects describe. Ingresses of other controllers are ignored. Problems the controller would
 * report are collected on each group instead of thrown, so the model of a broken render can still be read.
 */
export function resolveAlbGroups(manifests: readonly Manifest[]): AlbGroup[] {
  const objects = indexAlbObjects(manifests);
  return [...pendingGroups(objects).entries()]
    .sort(([a], [b]) => compareText(a, b))
    .map(([name, pending]) => buildGroup(name, pending, objects.services));
}

/** The ALB Ingresses by group: the explicit group name, or the Ingress's `namespace/name`. */
function pendingGroups(objects: AlbObjects): Map<string, PendingGroup> {
  const groups = new Map<string, PendingGroup>();
  for (const ingress of objects.ingresses) {
    const resolved = resolveMember(ingress, objects);
    if (!resolved) continue;
    const key = resolved.groupName ?? resolved.member.ref;
    const group = groups.get(key) ?? {
      explicit: resolved.groupName !== undefined,
      members: [],
      problems: [],
    };
    group.members.push(resolved.member);
    group.problems.push(...resolved.problems);
    groups.set(key, group);
  }
  return groups;
}

/** The model of one group; its parts are resolved in the order the controller reports their problems. */
function buildGroup(
  name: string,
  pending: PendingGroup,
  services: ReadonlyMap<string, ServiceObject>,
): AlbGroup {
  const group = groupContext(name, sortMembers(pending.members), pending.problems, services);
  const { scheme, loadBalancerName, wafv2AclName, wafv2AclNameOrigin, wafv2AclArn, wafv2AclArnOrigin } =
    loadBalancerSettings(group);
  const subnets = resolveSubnets(group);
  const attributes = loadBalancerAttributes(group);
  const ports = membersByPort(group);
  const redirectPort = redirectPortOf(group, ports);
  const defaultMember = defaultBackendMember(group);
  const listeners = buildListeners(group, ports, { redirectPort, defaultMember });
  const { targetTypeOverride } = group;
  return {
    name,
    explicit: pending.explicit,
    members: group.members.map((m) => m.ref),
    ...classOf(group),
    scheme,
    ...(loadBalancerName ? { loadBalancerName } : {}),
    ...(targetTypeOverride ? { targetTypeOverride } : {}),
    ...(wafv2AclName ? { wafv2AclName } : {}),
    ...(wafv2AclNameOrigin ? { wafv2AclNameOrigin } : {}),
    ...(wafv2AclArn ? { wafv2AclArn } : {}),
    ...(wafv2AclArnOrigin ? { wafv2AclArnOrigin } : {}),
    ...(subnets ? { subnets } : {}),
    loadBalancerAttributes: attributes,
    listeners,
    targetGroups: group.targetGroups,
    problems: group.problems,
  };
}

/** IngressClass and IngressClassParams of the group (its first member's). */
function classOf({ first }: GroupContext): Pick<AlbGroup, 'ingressClass' | 'ingressClassParams'> {
  return {
    ...(first.className ? { ingressClass: first.className } : {}),
    ...(first.params ? { ingressClassParams: first.params.metadata.name } : {}),
  };
}
