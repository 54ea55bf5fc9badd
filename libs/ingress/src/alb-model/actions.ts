/** What an Ingress backend makes the ALB do: forward to a target group, or a `use-annotation` action. */
import type { IIngressBackend } from 'kubernetes-models/networking.k8s.io/v1/IngressBackend';
import { AlbAnnotation } from '../annotations.js';
import type { GroupContext } from './group-context.js';
import { annotationsOf, obj, str, type Json } from './json.js';
import type { Member } from './members.js';
import { referenceTargetGroup } from './target-groups.js';
import type { AlbAction } from './types.js';

/**
 * The action of an Ingress backend (`{ service: { name, port } }`), registering its target group; undefined
 * (with a problem) for a backend the ALB cannot serve.
 */
export function backendAction(
  group: GroupContext,
  member: Member,
  backend: IIngressBackend,
): AlbAction | undefined {
  const serviceName = backend.service?.name;
  const portRef = backend.service?.port?.number ?? backend.service?.port?.name;
  if (!serviceName || portRef === undefined) {
    group.problems.push(
      `Ingress ${member.ref}: backend without service name and port (resource backends are not supported by the ALB)`,
    );
    return undefined;
  }
  if (portRef === 'use-annotation') return annotationAction(member, serviceName, group.problems);
  const namespace = member.ingress.metadata.namespace ?? 'default';
  referenceTargetGroup(group, member, { namespace, service: serviceName, port: portRef });
  return { type: 'forward', namespace, service: serviceName, port: portRef };
}

/** The custom action `actions.<name>` of a `use-annotation` backend (fixed responses and redirects). */
function annotationAction(member: Member, name: string, problems: string[]): AlbAction | undefined {
  const action = parseActionAnnotation(member, name, problems);
  if (!action) return undefined;
  if (action.type === 'fixed-response') {
    return { type: 'fixed-response', statusCode: Number(obj(action.fixedResponseConfig).statusCode ?? 200) };
  }
  if (action.type === 'redirect') return redirectAction(obj(action.redirectConfig));
  problems.push(
    `Ingress ${member.ref}: action ${name} of type ${String(action.type)} is not modelled by the simulator`,
  );
  return undefined;
}

function parseActionAnnotation(member: Member, name: string, problems: string[]): Json | undefined {
  const raw = annotationsOf(member.ingress)[AlbAnnotation.actions(name)];
  try {
    return obj(JSON.parse(raw ?? ''));
  } catch {
    problems.push(
      `Ingress ${member.ref}: backend ${name} uses use-annotation but ${AlbAnnotation.actions(name)} is missing or not JSON`,
    );
    return undefined;
  }
}

function redirectAction(config: Json): AlbAction {
  return {
    type: 'redirect',
    statusCode: str(config.statusCode) === 'HTTP_302' ? 302 : 301,
    protocol: str(config.protocol) ?? '#{protocol}',
    port: str(config.port) ?? '#{port}',
  };
}
