/** Certificates of a member's HTTPS listeners: IngressClassParams `spec.certificateArn` over the annotation. */
import { AlbAnnotation } from '../annotations.js';
import { annotation } from './group-context.js';
import type { Member } from './members.js';
import type { SettingOrigin } from './types.js';

const paramsCertificates = (member: Member): readonly string[] => member.params?.spec?.certificateArn ?? [];

/** The certificate ARNs a member gives its HTTPS listeners (none when it gives none). */
export function certificatesOf(member: Member): string[] {
  const fromParams = paramsCertificates(member);
  if (fromParams.length > 0) return [...fromParams];
  return (annotation(member, AlbAnnotation.certificateArn) ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

/** Where a member's certificate ARNs are read from. */
export function certificateOriginOf(member: Member): SettingOrigin {
  return paramsCertificates(member).length > 0
    ? { kind: 'IngressClassParams', object: member.params!.metadata.name, field: 'spec.certificateArn' }
    : {
        kind: 'Ingress',
        object: member.ref,
        field: `metadata.annotations["${AlbAnnotation.certificateArn}"]`,
      };
}

/**
 * The hosts the controller discovers a member's certificates for when it names none: `spec.rules[].host` and
 * `spec.tls[].hosts` (LBC v2.17.1 `computeIngressInferredTLSCertARNs`).
 */
export function tlsHostsOf(member: Member): string[] {
  const spec = member.ingress.spec;
  const ruleHosts = (spec?.rules ?? []).flatMap((rule) => (rule.host ? [rule.host] : []));
  const tlsHosts = (spec?.tls ?? []).flatMap((tls) => tls.hosts ?? []);
  return [...ruleHosts, ...tlsHosts];
}
