/**
 * The subnets a group's load balancer is pinned to: IngressClassParams `spec.subnets` (ids or tags) win over
 * the `subnets` annotation.
 */
import { AlbAnnotation } from '../annotations.js';
import { annotationOrigin, groupValue, paramsOrigin, type GroupContext } from './group-context.js';
import type { AlbSubnets } from './types.js';

const SUBNET_ID = /^subnet-[0-9a-f]+$/;

/** The pinned subnets; undefined when the controller discovers them by subnet tags. */
export function resolveSubnets(group: GroupContext): AlbSubnets | undefined {
  return group.paramsSpec.subnets !== undefined ? subnetsFromParams(group) : subnetsFromAnnotation(group);
}

function subnetsFromParams(group: GroupContext): AlbSubnets {
  const selection = group.paramsSpec.subnets ?? {};
  return {
    ids: [...(selection.ids ?? [])],
    names: [],
    ...(selection.tags ? { tags: selection.tags } : {}),
    origin: paramsOrigin(group, 'subnets'),
  };
}

function subnetsFromAnnotation(group: GroupContext): AlbSubnets | undefined {
  const raw = groupValue(group, AlbAnnotation.subnets, 'subnets');
  if (raw === undefined) return undefined;
  const entries = raw
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  return {
    ids: entries.filter((entry) => SUBNET_ID.test(entry)),
    names: entries.filter((entry) => !SUBNET_ID.test(entry)),
    origin: annotationOrigin(group, AlbAnnotation.subnets),
  };
}
