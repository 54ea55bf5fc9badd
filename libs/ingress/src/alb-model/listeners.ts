/** The listeners of a group: per port, its rules, default action, attributes and TLS. */
import { AlbAnnotation } from '../annotations.js';
import { DEFAULT_SSL_POLICY } from '../ssl-policy.js';
import { backendAction } from './actions.js';
import { certificateOriginOf, certificatesOf, tlsHostsOf } from './certificates.js';
import { groupValue, type GroupContext } from './group-context.js';
import { compareText } from './json.js';
import type { Member } from './members.js';
import { listenerAttributes } from './merged-attributes.js';
import type { PortMembers } from './ports.js';
import { listenerRules } from './rules.js';
import type { AlbAction, AlbListener, SettingOrigin } from './types.js';

/** What every listener of a group shares. */
export interface ListenerDefaults {
  /** HTTPS port the HTTP listeners redirect to (ssl-redirect), if any. */
  readonly redirectPort: string | undefined;
  /** The member whose `spec.defaultBackend` serves unmatched requests, if any. */
  readonly defaultMember: Member | undefined;
}

/** TLS settings of an HTTPS listener. */
interface ListenerTls {
  readonly sslPolicy?: string;
  readonly certificateArns: readonly string[];
  readonly certificateOrigin?: SettingOrigin;
  readonly certificateDiscoveryHosts: readonly string[];
}

/** The member whose default backend the group uses; more than one is a problem (the first wins). */
export function defaultBackendMember(group: GroupContext): Member | undefined {
  const defaultMembers = group.members.filter((m) => m.ingress.spec?.defaultBackend !== undefined);
  if (defaultMembers.length > 1)
    group.problems.push(
      `multiple ingress defined default backend: ${defaultMembers.map((m) => m.ref).join(', ')}`,
    );
  return defaultMembers[0];
}

/** The listeners, by ascending port. */
export function buildListeners(
  group: GroupContext,
  ports: ReadonlyMap<number, PortMembers>,
  defaults: ListenerDefaults,
): AlbListener[] {
  return [...ports.entries()]
    .sort(([a], [b]) => a - b)
    .map(([port, portMembers]) => buildListener(group, port, portMembers, defaults));
}

function buildListener(
  group: GroupContext,
  port: number,
  { protocol, members }: PortMembers,
  defaults: ListenerDefaults,
): AlbListener {
  const https = protocol === 'HTTPS';
  const redirectPort = https ? undefined : defaults.redirectPort;
  const rules = redirectPort === undefined ? listenerRules(group, members) : [];
  const defaultAction = defaultActionOf(group, redirectPort, defaults.defaultMember);
  const attributes = listenerAttributes(group, protocol, port, members);
  const tls = https
    ? listenerTls(group, port, members)
    : { certificateArns: [], certificateDiscoveryHosts: [] };
  return { protocol, port, ...tls, attributes, rules, defaultAction };
}

/** Redirect to HTTPS with ssl-redirect, else the default backend, else a fixed 404. */
function defaultActionOf(
  group: GroupContext,
  redirectPort: string | undefined,
  defaultMember: Member | undefined,
): AlbAction {
  if (redirectPort !== undefined)
    return { type: 'redirect', statusCode: 301, protocol: 'HTTPS', port: redirectPort };
  const notFound: AlbAction = { type: 'fixed-response', statusCode: 404 };
  if (!defaultMember) return notFound;
  const backend = defaultMember.ingress.spec?.defaultBackend;
  return (backend && backendAction(group, defaultMember, backend)) ?? notFound;
}

/** Security policy (IngressClassParams over the group's annotation over the default) and certificates. */
function listenerTls(group: GroupContext, port: number, listening: readonly Member[]): ListenerTls {
  const sslPolicy =
    group.paramsSpec.sslPolicy ??
    groupValue(group, AlbAnnotation.sslPolicy, 'ssl-policy') ??
    DEFAULT_SSL_POLICY;
  const certificateArns = [...new Set(listening.flatMap(certificatesOf))];
  // Per Ingress, explicit certificates or else discovery from its hosts (LBC v2.17.1 model_build_listener.go).
  const certificateDiscoveryHosts = [
    ...new Set(listening.filter((member) => certificatesOf(member).length === 0).flatMap(tlsHostsOf)),
  ].sort(compareText);
  if (certificateArns.length === 0 && certificateDiscoveryHosts.length === 0)
    group.problems.push(`HTTPS listener ${port} of group ${group.name} has no certificate`);
  const certifying = listening.find((member) => certificatesOf(member).length > 0);
  return {
    ...(sslPolicy ? { sslPolicy } : {}),
    certificateArns,
    ...(certifying ? { certificateOrigin: certificateOriginOf(certifying) } : {}),
    certificateDiscoveryHosts,
  };
}
