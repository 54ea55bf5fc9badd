/**
 * The subnets a group's load balancer is pinned to: IngressClassParams `spec.subnets` (ids or tags) win over
 * the `subnets` annotation.
 */
import { AlbAnnotation } from '../annotations.js';
import { annotationOrigin, groupValue, paramsOrigin, type GroupContext } from './group-context.js';
import { arr, obj, type Json } from './json.js';
import type { AlbSubnets } from './types.js';

const SUBNET_ID = /^subnet-[0-9a-f]+$/;

/** The pinned subnets; undefined when the controller discovers them by subnet tags. */
export function resolveSubnets(group: GroupContext): AlbSubnets | undefined {
  return group.paramsSpec.subnets !== undefined ? subnetsFromParams(group) : subnetsFromAnnotation(group);
}

function subnetsFromParams(group: GroupContext): AlbSubnets {
  const selection = obj(group.paramsSpec.subnets);
  const tags = selection.tags === undefined ? undefined : obj(selection.tags);
  return {
    ids: arr(selection.ids).filter((id): id is string => typeof id === 'string'),
    names: [],
    ...(tags ? { tags: tagSelection(tags) } : {}),
    origin: paramsOrigin(group, 'subnets'),
  };
}

/** Tag key → accepted values. */
function tagSelection(tags: Json): Record<string, string[]> {
  return Object.fromEntries(Object.entries(tags).map(([tag, values]) => [tag, arr(values).map(String)]));
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
