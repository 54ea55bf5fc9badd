/**
 * The routing answer of `pnpm route`: which backend (or redirect, or 404) a cluster's ALB gives a URL, and
 * through which rule and route, from the cluster's rendered objects.
 */
import type { Manifest } from '@pms/core';
import {
  describeRoute,
  PMS_ROUTES,
  resolveAlbGroups,
  simulateRequest,
  type RouteSpec,
  type RoutingAnswer,
} from '@pms/ingress';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';

/** The PMS route a rule was rendered from (matched by Ingress path and pathType), if any. */
export function routeOfAnswer(
  answer: RoutingAnswer,
  routes: readonly RouteSpec[] = PMS_ROUTES,
): RouteSpec | undefined {
  const source = answer.rule?.source;
  if (!source) return undefined;
  return routes.find(
    (route) => route.path === source.path && describeRoute(route) === `${source.pathType} ${source.path}`,
  );
}

/** Human-readable lines for one answer. */
export function formatAnswer(
  cluster: string,
  answer: RoutingAnswer,
  routes: readonly RouteSpec[] = PMS_ROUTES,
): string {
  const lines = [`${cluster}  ${answer.url}`];
  if (answer.outcome === 'forward') lines.push(`  → ${answer.backend}`);
  else if (answer.outcome === 'redirect')
    lines.push(`  → ${answer.statusCode} redirect to ${answer.location}`);
  else if (answer.outcome === 'fixed-response') lines.push(`  → fixed response ${answer.statusCode}`);
  else lines.push('  → connection refused (no listener)');
  lines.push(`  ${answer.summary}`);
  const route = routeOfAnswer(answer, routes);
  if (route) lines.push(`  route "${route.name}" (${describeRoute(route)}, ${route.kind}): ${route.purpose}`);
  return lines.join('\n');
}

/** Every object of a rendered cluster folder (`clusters/<name>/`), parsed from its YAML files. */
export function readRenderedCluster(dir: string): Manifest[] {
  const manifests: Manifest[] = [];
  const walk = (path: string) => {
    for (const entry of readdirSync(path).sort()) {
      const full = join(path, entry);
      if (statSync(full).isDirectory()) walk(full);
      else if (entry.endsWith('.yaml')) {
        for (const doc of parseAllDocuments(readFileSync(full, 'utf8'))) {
          const value = doc.toJS() as Manifest | null;
          if (value && typeof value === 'object') manifests.push(value);
        }
      }
    }
  };
  walk(dir);
  return manifests;
}

/** Simulates several URLs against one cluster's objects. */
export function routeUrls(manifests: readonly Manifest[], urls: readonly string[]): RoutingAnswer[] {
  return urls.map((url) => simulateRequest(manifests, url));
}

/**
 * The HTTPS listener rules the controller builds from the objects, one line per rule in priority order:
 * `priority<TAB>hosts<TAB>path patterns<TAB>action type` (lists joined with `,`), the columns the runbook asks
 * `aws elbv2 describe-rules` for (`Priority`, the `host-header` and `path-pattern` condition values, `Actions[0].Type`,
 * whose values are the ELB API's `forward`, `redirect`, `fixed-response`), so `diff` compares what AWS has with what
 * the repository says.
 */
export function listenerRuleLines(manifests: readonly Manifest[]): string[] {
  return resolveAlbGroups(manifests).flatMap((alb) =>
    alb.listeners
      .filter((listener) => listener.protocol === 'HTTPS')
      .flatMap((listener) =>
        listener.rules.map((rule) =>
          [rule.priority, rule.hosts.join(','), rule.paths.join(','), rule.action.type].join('\t'),
        ),
      ),
  );
}
