/** What the parts of one group's model share: its members, its IngressClassParams and the problems found. */
import type { IIngressClassParamsSpec } from '@pms/crd-models';
import { annotationsOf } from './json.js';
import type { Member } from './members.js';
import type { ServiceObject } from './objects.js';
import type { AlbTargetGroup, SettingOrigin } from './types.js';

/** One group being resolved. */
export interface GroupContext {
  /** Group name, or `namespace/name` of the Ingress for an implicit group. */
  readonly name: string;
  /** Members in the controller's order. */
  readonly members: readonly Member[];
  /** The first member: its class and IngressClassParams configure the load balancer. */
  readonly first: Member;
  /** `spec` of the first member's IngressClassParams (`{}` when there are none). */
  readonly paramsSpec: IIngressClassParamsSpec;
  /** Target type the IngressClassParams force on every target group, if any. */
  readonly targetTypeOverride: string | undefined;
  /** Services of the render by `namespace/name`. */
  readonly services: ReadonlyMap<string, ServiceObject>;
  /** Target groups in first-reference order; filled while the listeners are built. */
  readonly targetGroups: AlbTargetGroup[];
  /** What the controller would refuse or warn about; collected, never thrown. */
  readonly problems: string[];
}

/** Starts the model of a group whose members are already in the controller's order. */
export function groupContext(
  name: string,
  members: readonly Member[],
  problems: string[],
  services: ReadonlyMap<string, ServiceObject>,
): GroupContext {
  const first = members[0]!;
  const paramsSpec = first.params?.spec ?? {};
  const targetTypeOverride = paramsSpec.targetType;
  return { name, members, first, paramsSpec, targetTypeOverride, services, targetGroups: [], problems };
}

/** An annotation of a member's Ingress. */
export const annotation = (member: Member, key: string): string | undefined =>
  annotationsOf(member.ingress)[key];

/** The one value the members give an annotation of the whole load balancer; several values are a problem. */
export function groupValue(group: GroupContext, key: string, what: string): string | undefined {
  const values = new Set(
    group.members.map((m) => annotation(m, key)).filter((v): v is string => v !== undefined),
  );
  if (values.size > 1)
    group.problems.push(`conflicting ${what} in group ${group.name}: ${[...values].join(' | ')}`);
  return [...values][0];
}

/** `spec.<field>` of the group's IngressClassParams. */
export const paramsOrigin = (group: GroupContext, field: keyof IIngressClassParamsSpec): SettingOrigin => ({
  kind: 'IngressClassParams',
  object: group.first.params!.metadata.name,
  field: `spec.${field}`,
});

/** Annotation `key` of the first member carrying it (of the first member when none does). */
export const annotationOrigin = (group: GroupContext, key: string): SettingOrigin => ({
  kind: 'Ingress',
  object: (group.members.find((m) => annotation(m, key) !== undefined) ?? group.first).ref,
  field: `metadata.annotations["${key}"]`,
});
