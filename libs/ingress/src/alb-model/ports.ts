/** Which members listen on which port, and the port HTTP listeners redirect to. */
import { AlbAnnotation, parseListenPorts, type ListenPort } from '../annotations.js';
import { certificatesOf } from './certificates.js';
import { annotation, type GroupContext } from './group-context.js';
import type { Member } from './members.js';

/** The members listening on one port, and its protocol (the first member's). */
export interface PortMembers {
  /** `HTTP` or `HTTPS`. */
  readonly protocol: 'HTTP' | 'HTTPS';
  /** Members listening on the port, in the group's order. */
  readonly members: Member[];
}

/** The listen ports of every member, by port; two protocols on one port are a problem. */
export function membersByPort(group: GroupContext): Map<number, PortMembers> {
  const ports = new Map<number, PortMembers>();
  for (const member of group.members) {
    for (const { protocol, port } of listenPortsOf(member, group.problems)) {
      const entry = ports.get(port) ?? { protocol, members: [] };
      if (entry.protocol !== protocol)
        group.problems.push(`conflicting protocols for port ${port}: ${entry.protocol} | ${protocol}`);
      if (!entry.members.includes(member)) entry.members.push(member);
      ports.set(port, entry);
    }
  }
  return ports;
}

/** `listen-ports` of a member; without it, HTTPS 443 when the member has a certificate, else HTTP 80. */
function listenPortsOf(member: Member, problems: string[]): ListenPort[] {
  const raw = annotation(member, AlbAnnotation.listenPorts);
  if (raw === undefined)
    return certificatesOf(member).length > 0
      ? [{ protocol: 'HTTPS', port: 443 }]
      : [{ protocol: 'HTTP', port: 80 }];
  try {
    return parseListenPorts(raw);
  } catch (error) {
    problems.push(`Ingress ${member.ref}: ${(error as Error).message}`);
    return [];
  }
}

/**
 * The ssl-redirect port: IngressClassParams win over the annotation, per member; one port for the group, and
 * it must be an HTTPS listener.
 */
export function redirectPortOf(
  group: GroupContext,
  ports: ReadonlyMap<number, PortMembers>,
): string | undefined {
  const redirectPorts = new Set<string>();
  for (const member of group.members) {
    const value = member.params?.spec?.sslRedirectPort ?? annotation(member, AlbAnnotation.sslRedirect);
    if (value !== undefined) redirectPorts.add(value);
  }
  if (redirectPorts.size > 1)
    group.problems.push(`conflicting sslRedirect port: ${[...redirectPorts].join(', ')}`);
  const redirectPort = [...redirectPorts][0];
  if (redirectPort !== undefined && ports.get(Number(redirectPort))?.protocol !== 'HTTPS') {
    group.problems.push(`ssl-redirect port ${redirectPort} is not an HTTPS listener of group ${group.name}`);
  }
  return redirectPort;
}
