/**
 * Adapter: the diff's routing model, from `@pms/ingress`'s ALB model and routing simulator (the same code the
 * policy gate and `pnpm route` use). It is the only module of the diff that knows that library's types.
 */
import type { Manifest } from '@pms/core';
import {
  resolveAlbGroups,
  simulateRequest,
  type AlbAction,
  type AlbRule,
  type RoutingAnswer,
} from '@pms/ingress';
import type { Probe, RouteOutcome, RouteRule, RoutingModel } from './routing-model.js';

/** Host used for probes of a host no rule names. */
const UNNAMED_HOST = 'unknown-host.invalid';

/**
 * The routing of one rendered cluster: every listener rule of every ALB in evaluation order (HTTPS:443
 * first-class; other listeners are prefixed with their name), and a router that asks the simulator.
 */
export function routingOf(manifests: readonly Manifest[]): RoutingModel {
  const groups = resolveAlbGroups(manifests);
  const rules = new Map<AlbRule, RouteRule>();
  for (const group of groups) {
    for (const listener of group.listeners) {
      const name = `${listener.protocol}:${listener.port}`;
      for (const rule of listener.rules) {
        const { source } = rule;
        const host = source.host ?? '';
        const pathType = source.pathType ?? 'ImplementationSpecific';
        const path = source.path ?? '';
        rules.set(rule, {
          id: `${name === 'HTTPS:443' ? '' : `${name} `}${groups.length > 1 ? `${group.name} ` : ''}Ingress ${source.ingress} ${host || '*'} ${pathType} ${path || '*'}`,
          ingress: `Ingress ${source.ingress}`,
          host,
          path: path || '(any path)',
          pathType,
          target: describeAction(rule.action),
        });
      }
    }
  }
  return {
    rules: [...rules.values()],
    route(probe: Probe): RouteOutcome {
      if (groups.length === 0) return { target: 'no load balancer' };
      let answer: RoutingAnswer;
      try {
        answer = simulateRequest(groups, `https://${probe.host || UNNAMED_HOST}${probe.path}`);
      } catch (error) {
        return { target: `not routable: ${error instanceof Error ? error.message : String(error)}` };
      }
      const rule = answer.rule ? rules.get(answer.rule) : undefined;
      const target = answer.outcome === 'no-listener' ? 'no HTTPS listener' : describeAction(answer.action);
      return rule ? { rule, target } : { target };
    },
  };
}

/** `apigateway:8080`, `redirect 301 HTTPS:443`, `fixed-response 404`. */
function describeAction(action: AlbAction | undefined): string {
  if (!action) return 'none';
  if (action.type === 'forward') return `${action.service}:${action.port}`;
  if (action.type === 'redirect') return `redirect ${action.statusCode} ${action.protocol}:${action.port}`;
  return `fixed-response ${action.statusCode}`;
}
