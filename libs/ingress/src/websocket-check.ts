/**
 * The WebSocket invariants, read back from a cluster's rendered objects (after the routing check, so the routes are
 * known to reach their backends):
 *
 * - every target group behind a `websocket` or `sockjs` route is sticky (`stickiness.enabled=true`, a cookie type):
 *   SockJS's HTTP fallbacks and every reconnect must return to the pod holding the session (ALB user guide, "Sticky
 *   sessions for your Application Load Balancer"; cookie stickiness needs IP targets, which the ALB model checks);
 * - every pod behind such a route gets the heartbeat interval (`WEBSOCKET_HEARTBEAT_ENV`) the README asks it to keep,
 *   equal to the settings' `ingress.websocket.heartbeatSeconds`, and the heartbeat stays below the ALB's idle timeout
 *   as rendered (`idle_timeout.timeout_seconds`, ALB default 60 s): otherwise the ALB closes quiet connections.
 *
 * A library change that drops any of these (the stickiness attributes, the backend environment, the idle timeout)
 * renders objects that validate; this check refuses them, naming the source to fix.
 */
import { Checks, ofKind, PMS_INGRESS_GROUP, type ClusterSettings, type Manifest } from '@pms/core';
import { podTemplates, selectorMatches } from '@pms/networking';
import type { IService } from 'kubernetes-models/v1/Service';
import { resolveAlbGroups } from './alb-model/index.js';
import {
  BACKEND_ENV_SOURCE,
  LOAD_BALANCER_ATTRIBUTES_SOURCE,
  TARGET_GROUP_ATTRIBUTES_SOURCE,
} from './plan.js';
import type { PlannedRoute } from './routes.js';
import { WEBSOCKET_HEARTBEAT_ENV, type IngressSettings } from './settings.js';

/** Where the WebSocket check's issues say they come from. */
export const WEBSOCKET_CHECK_WHERE = 'WebSocket check';

/** The ALB's idle timeout when the attribute is not set (ELB API LoadBalancerAttribute idle_timeout.timeout_seconds). */
export const ALB_DEFAULT_IDLE_TIMEOUT_SECONDS = 60;

/** Cookie stickiness types of an ALB target group (`stickiness.type`). */
const COOKIE_STICKINESS = ['lb_cookie', 'app_cookie'];

/**
 * Checks the WebSocket invariants over the rendered objects of one cluster: sticky target groups and the heartbeat
 * environment for every backend of a `websocket`/`sockjs` route, the heartbeat below the rendered idle timeout.
 * Throws every problem (`ConfigError`/`ConfigErrors`) naming the route, the object and the source to fix.
 */
export function checkWebSocketBackends(
  cluster: Pick<ClusterSettings, 'name'>,
  settings: Pick<IngressSettings, 'websocket'>,
  manifests: readonly Manifest[],
  routes: readonly PlannedRoute[],
): void {
  const checks = new Checks(cluster.name, '', WEBSOCKET_CHECK_WHERE);
  const alb = resolveAlbGroups(manifests).find((group) => group.name === PMS_INGRESS_GROUP);
  if (!alb) return; // the routing check reports a missing ALB
  const heartbeat = settings.websocket.heartbeatSeconds;
  const idleText = alb.loadBalancerAttributes.get('idle_timeout.timeout_seconds');
  const idle = idleText === undefined ? ALB_DEFAULT_IDLE_TIMEOUT_SECONDS : Number(idleText);
  if (routes.some((r) => r.route.kind !== 'http') && !(heartbeat < idle)) {
    checks.fail({
      field: 'ALB load-balancer attribute idle_timeout.timeout_seconds',
      value: idleText ?? `unset (default ${ALB_DEFAULT_IDLE_TIMEOUT_SECONDS})`,
      problem: `the ALB closes a WebSocket after ${idle} s without traffic, before the next heartbeat (ingress.websocket.heartbeatSeconds = ${heartbeat})`,
      allowed: `an idle timeout above ${heartbeat} s (fix ${LOAD_BALANCER_ATTRIBUTES_SOURCE}, or the settings' ingress.idleTimeoutSeconds)`,
    });
  }

  const services = ofKind<IService>(manifests, 'v1', 'Service');
  const templates = podTemplates(manifests);
  // The WebSocket and SockJS routes, by backend Service and port: one finding per backend names all its routes.
  const byBackend = new Map<string, PlannedRoute[]>();
  for (const planned of routes) {
    if (planned.route.kind === 'http') continue;
    const key = `${planned.route.backend.service}:${planned.route.backend.port}`;
    byBackend.set(key, [...(byBackend.get(key) ?? []), planned]);
  }
  for (const planned of byBackend.values()) {
    const { service, port } = planned[0]!.route.backend;
    const routeText = `${planned.length === 1 ? 'route' : 'routes'} ${planned
      .map(({ route, index }) => `"${route.name}" (${route.kind}, PMS_ROUTES[${index}])`)
      .join(', ')}`;
    const targetGroups = alb.targetGroups.filter((tg) => tg.service === service && tg.port === port);
    for (const tg of targetGroups) {
      const enabled = tg.attributes.get('stickiness.enabled');
      const type = tg.attributes.get('stickiness.type');
      if (enabled === 'true' && COOKIE_STICKINESS.includes(type ?? '')) continue;
      checks.fail({
        field: `Service ${tg.namespace}/${service} target-group-attributes`,
        value: [...tg.attributes].map(([k, v]) => `${k}=${v}`).join(',') || undefined,
        problem: `${routeText} reach ${service}:${port}, whose target group is not sticky (stickiness.enabled=${enabled ?? 'unset'}, stickiness.type=${type ?? 'unset'}), so SockJS fallbacks and reconnects land on pods that do not hold the session`,
        allowed: `stickiness.enabled=true,stickiness.type=lb_cookie (fix ${TARGET_GROUP_ATTRIBUTES_SOURCE})`,
      });
    }
    const object = services.find((s) => s.metadata.name === service);
    const selector = object?.spec?.selector;
    if (!object || !selector) continue; // reference integrity reports a missing Service or selector
    const namespace = object.metadata.namespace ?? 'default';
    for (const template of templates) {
      if (template.namespace !== namespace || !selectorMatches({ matchLabels: selector }, template.labels))
        continue;
      (template.spec.containers ?? []).forEach((container, c) => {
        const value = (container.env ?? []).find((e) => e.name === WEBSOCKET_HEARTBEAT_ENV)?.value;
        if (value === String(heartbeat)) return;
        checks.fail({
          field: `${template.owner.kind} ${namespace}/${template.owner.metadata.name} ${template.specPath}.containers[${c}].env ${WEBSOCKET_HEARTBEAT_ENV}`,
          value,
          problem:
            value === undefined
              ? `${routeText} reach container "${container.name}", which does not get the heartbeat interval, so it keeps its own and the ALB may close quiet WebSockets`
              : `the container "${container.name}" behind ${routeText} is told a heartbeat of ${value} s, but the cluster's is ${heartbeat} s`,
          allowed: `${WEBSOCKET_HEARTBEAT_ENV}="${heartbeat}" (ingress.websocket.heartbeatSeconds; ${BACKEND_ENV_SOURCE} publishes it, the platform passes it to networking as workloadEnv)`,
        });
      });
    }
  }
  checks.throwIfAny();
}
