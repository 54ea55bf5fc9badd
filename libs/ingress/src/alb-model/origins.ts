import type { SettingOrigin } from './types.js';

/** `` `spec.certificateArn` of IngressClassParams `alb` ``: where a setting lives, for docs. */
export function describeOrigin(origin: SettingOrigin): string {
  const annotation = /^metadata\.annotations\["(.+)"\]$/.exec(origin.field)?.[1];
  return annotation
    ? `annotation \`${annotation}\` of ${origin.kind} \`${origin.object}\``
    : `\`${origin.field}\` of ${origin.kind} \`${origin.object}\``;
}
