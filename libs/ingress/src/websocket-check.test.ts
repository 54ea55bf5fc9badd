import type { Manifest } from '@pms/core';
import { describe, expect, it } from 'vitest';
import { WEBSOCKET_HEARTBEAT_ENV } from './settings.js';
import { checkWebSocketBackends } from './websocket-check.js';
import { buildTestIngress, errorOf, TEST_CLUSTER, TEST_SETTINGS } from './__fixtures__/cluster.js';

type Json = any;

/** The backends of the WebSocket and SockJS routes, derived from the routing table. */
const built = buildTestIngress();
const wsBackends = [
  ...new Set(built.ingress.routes.filter((r) => r.route.kind !== 'http').map((r) => r.route.backend.service)),
];

/**
 * The ingress's objects plus, for each WebSocket backend, a selector on its Service and a Deployment whose container
 * gets `env` (default: the heartbeat; `null`: none).
 */
function rendered(
  env: Record<string, string> | null = {
    [WEBSOCKET_HEARTBEAT_ENV]: String(TEST_SETTINGS.websocket.heartbeatSeconds),
  },
): Json[] {
  const manifests: Json[] = structuredClone(built.manifests);
  for (const name of wsBackends) {
    const labels = { 'app.kubernetes.io/name': name };
    manifests.find((m) => m.kind === 'Service' && m.metadata.name === name).spec = { selector: labels };
    manifests.push({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name, namespace: 'pms' },
      spec: {
        selector: { matchLabels: labels },
        template: {
          metadata: { labels },
          spec: {
            containers: [
              {
                name,
                image: 'x:1',
                ...(env ? { env: Object.entries(env).map(([n, value]) => ({ name: n, value })) } : {}),
              },
            ],
          },
        },
      },
    });
  }
  return manifests;
}
const check = (manifests: Json[]) =>
  checkWebSocketBackends(TEST_CLUSTER, TEST_SETTINGS, manifests as Manifest[], built.ingress.routes);

describe('checkWebSocketBackends (WebSocket invariants over the rendered objects)', () => {
  it('has WebSocket routes to check (the routing table declares some)', () => {
    expect(wsBackends.length).toBeGreaterThan(0);
  });

  it('passes what PmsIngress renders with the published environment', () => {
    expect(() => check(rendered())).not.toThrow();
  });

  it('refuses a WebSocket target group without stickiness, naming the route and the source to fix', () => {
    const manifests = rendered();
    for (const service of manifests.filter((m) => m.kind === 'Service'))
      delete service.metadata.annotations['alb.ingress.kubernetes.io/target-group-attributes'];
    const message = errorOf(() => check(manifests));
    expect(message).toMatch(
      /^\[pms-test\] Service pms\/\S+ target-group-attributes = \(missing\): routes? "[^"]+" \((websocket|sockjs), PMS_ROUTES\[\d+\]\)(, "[^"]+" \((websocket|sockjs), PMS_ROUTES\[\d+\]\))* reach \S+, whose target group is not sticky \(stickiness\.enabled=unset, stickiness\.type=unset\), so SockJS fallbacks and reconnects land on pods that do not hold the session; allowed: stickiness\.enabled=true,stickiness\.type=lb_cookie \(fix targetGroupAttributesOf \(libs\/ingress\/src\/plan\.ts\)\) \(at WebSocket check\)$/m,
    );
  });

  it('refuses a WebSocket backend whose containers do not get the heartbeat, or get another one', () => {
    expect(errorOf(() => check(rendered(null)))).toContain(
      `which does not get the heartbeat interval, so it keeps its own and the ALB may close quiet WebSockets; allowed: ${WEBSOCKET_HEARTBEAT_ENV}="25" (ingress.websocket.heartbeatSeconds; backendEnvOf (libs/ingress/src/plan.ts) publishes it`,
    );
    expect(errorOf(() => check(rendered({ [WEBSOCKET_HEARTBEAT_ENV]: '40' })))).toContain(
      "is told a heartbeat of 40 s, but the cluster's is 25 s",
    );
  });

  it('refuses an idle timeout the heartbeat does not stay below, as rendered', () => {
    const manifests = rendered();
    const params = manifests.find((m) => m.kind === 'IngressClassParams');
    params.spec.loadBalancerAttributes = params.spec.loadBalancerAttributes.filter(
      (a: Json) => a.key !== 'idle_timeout.timeout_seconds',
    );
    params.spec.loadBalancerAttributes.push({ key: 'idle_timeout.timeout_seconds', value: '20' });
    expect(errorOf(() => check(manifests))).toContain(
      'ALB load-balancer attribute idle_timeout.timeout_seconds = "20": the ALB closes a WebSocket after 20 s without traffic, before the next heartbeat (ingress.websocket.heartbeatSeconds = 25)',
    );
  });
});
