/**
 * The ingress plan: everything `PmsIngress` renders, computed and validated before any object exists. Pure
 * functions, one per part (routes, backends and their target groups, load-balancer and listener attributes), so
 * the construct only assembles their results.
 */
import { Checks, type ClusterSettings } from '@pms/core';
import {
  catalogueField,
  findService,
  validateTargetGroupHealthCheck,
  type ServiceDefinition,
  type TargetGroupHealthCheck,
  type WorkloadName,
} from '@pms/networking';
import {
  checkAttributes,
  LISTENER_ATTRIBUTES,
  LOAD_BALANCER_ATTRIBUTES,
  TARGET_GROUP_ATTRIBUTES,
  type AttributeValueCheck,
} from './attributes.js';
import { planRoutes, type PlannedRoute, type RouteSpec } from './routes.js';
import {
  DEFAULT_IDLE_TIMEOUT_SECONDS,
  DEFAULT_STICKINESS_SECONDS,
  DEFAULT_WEBSOCKET_DRAIN_SECONDS,
  HSTS_VALUE,
  WEBSOCKET_DRAIN_ENV,
  WEBSOCKET_HEARTBEAT_ENV,
  type IngressSettings,
} from './settings.js';
import { RECOMMENDED_SSL_POLICY } from './ssl-policy.js';
import { validateIngressForCluster, validateIngressSettings } from './validate.js';

/** How messages name the source of the load balancer's attributes. */
export const LOAD_BALANCER_ATTRIBUTES_SOURCE = 'loadBalancerAttributesOf (libs/ingress/src/plan.ts)';
/** How messages name the source of the HTTPS listener's attributes (the response headers). */
export const LISTENER_ATTRIBUTES_SOURCE = 'listenerAttributesOf (libs/ingress/src/plan.ts)';
/** How messages name the source of the target groups' attributes (stickiness). */
export const TARGET_GROUP_ATTRIBUTES_SOURCE = 'targetGroupAttributesOf (libs/ingress/src/plan.ts)';
/** How messages name the source of the WebSocket backends' environment (the heartbeat). */
export const BACKEND_ENV_SOURCE = 'backendEnvOf (libs/ingress/src/plan.ts)';

/** One attribute, `[key, value]`, as the controller's attribute grammar writes it. */
export type AttributePair = readonly [key: string, value: string];

/** How a backend's pods leave its target group: the values of the drain chain the target group is derived from. */
export interface PlannedDrain {
  /** True when a WebSocket or SockJS route reaches the backend: it drains for `websocket.drainSeconds`. */
  readonly websocket: boolean;
  /** The catalogue's `shutdown.preStopSeconds`: the ALB stops sending new requests within it. */
  readonly preStopSeconds: number;
  /** Seconds the server drains after its stop signal: the catalogue's, or `websocket.drainSeconds` for WebSockets. */
  readonly drainSeconds: number;
  /**
   * `deregistration_delay.timeout_seconds` of the target group: preStop + drain, so the ALB keeps a draining target's
   * open connections (WebSockets, slow requests) exactly until the server has closed them, and no longer than the
   * pod lives (the grace period is preStop + drain + exit). Not the ALB's default of 300 s.
   */
  readonly deregistrationDelaySeconds: number;
}

/** A Service the routes send traffic to, with its target group. */
export interface PlannedBackend {
  /** Service name (a workload of the catalogue). */
  readonly service: string;
  /** Its target-group health check, from the catalogue's `health.targetGroup` (validated). */
  readonly healthCheck: TargetGroupHealthCheck;
  /** How its pods drain out of the target group. */
  readonly drain: PlannedDrain;
  /**
   * Its target-group attributes: the deregistration delay of its drain, and cookie stickiness when a WebSocket or
   * SockJS route reaches it.
   */
  readonly targetGroupAttributes: readonly AttributePair[];
}

/** Everything the ingress objects are rendered from. */
export interface IngressPlan {
  /** The routes in the order the ALB evaluates them. */
  readonly routes: readonly PlannedRoute[];
  /** The backend Services, sorted by name. */
  readonly backends: readonly PlannedBackend[];
  /** Load-balancer attributes (IngressClassParams `loadBalancerAttributes`). */
  readonly loadBalancerAttributes: readonly AttributePair[];
  /** Attributes of the HTTPS listener: the response headers. */
  readonly listenerAttributes: readonly AttributePair[];
  /** The HTTPS listener's ELB security policy. */
  readonly sslPolicy: string;
  /** Seconds between the application's WebSocket heartbeats (validated below the idle timeout). */
  readonly heartbeatSeconds: number;
  /** Seconds a WebSocket backend drains after its stop signal (`websocket.drainSeconds`, default 60). */
  readonly websocketDrainSeconds: number;
  /** Response headers the frontend's server must add to the SPA's responses because the ALB cannot (Report-Only CSP). */
  readonly frontendHeaders: readonly ResponseHeader[];
}

/** One response header: name and value. */
export interface ResponseHeader {
  /** Header name, e.g. `Content-Security-Policy-Report-Only`. */
  readonly name: string;
  /** Header value. */
  readonly value: string;
}

/** The header that carries a policy browsers report on but do not enforce (CSP3 §3.2). */
export const CSP_REPORT_ONLY_HEADER = 'Content-Security-Policy-Report-Only';

/** How messages name the source of the headers the frontend adds for the ingress. */
export const FRONTEND_HEADERS_SOURCE = 'frontendHeadersOf (libs/ingress/src/plan.ts)';

/**
 * The headers the frontend's nginx must add for the ingress: the Report-Only policy, which the ALB cannot send (the
 * ELB API's listener attributes have a key for `Content-Security-Policy` and none for its Report-Only form).
 */
export function frontendHeadersOf(settings: IngressSettings): ResponseHeader[] {
  return settings.contentSecurityPolicyReportOnly
    ? [{ name: CSP_REPORT_ONLY_HEADER, value: settings.contentSecurityPolicyReportOnly }]
    : [];
}

/** What `planIngress` plans from. */
export interface IngressPlanInput {
  /** The cluster's shared settings (deletion protection, access logs). */
  readonly cluster: ClusterSettings;
  /** The cluster's ingress settings. */
  readonly settings: IngressSettings;
  /** The routing table. */
  readonly routes: readonly RouteSpec[];
  /** The service catalogue the backends and their health checks come from. */
  readonly catalogue: readonly ServiceDefinition[];
}

/**
 * Validates the settings, the routes, the backends' target groups and every attribute, and returns the plan.
 * Throws every problem at once (`checks` prefix `ingress`; health values under the catalogue's name).
 */
export function planIngress(input: IngressPlanInput, checks: Checks): IngressPlan {
  const { cluster, settings } = input;
  validateIngressSettings(settings, checks);
  validateIngressForCluster(cluster, settings, checks);
  const routes = planRoutes(input.routes, checks, input.catalogue);
  const stickiness = settings.stickinessSeconds ?? DEFAULT_STICKINESS_SECONDS;
  const websocketDrainSeconds = settings.websocket.drainSeconds ?? DEFAULT_WEBSOCKET_DRAIN_SECONDS;
  const backends = planBackends(routes, input.catalogue, { stickiness, websocketDrainSeconds }, checks);
  checks.throwIfAny();
  const plan: IngressPlan = {
    routes,
    backends,
    loadBalancerAttributes: loadBalancerAttributesOf(cluster, settings),
    listenerAttributes: listenerAttributesOf(settings),
    sslPolicy: settings.sslPolicy ?? RECOMMENDED_SSL_POLICY,
    heartbeatSeconds: settings.websocket.heartbeatSeconds,
    websocketDrainSeconds,
    frontendHeaders: frontendHeadersOf(settings),
  };
  checkPlannedAttributes(plan, new Checks(checks.cluster, 'ingress', checks.where));
  return plan;
}

/** The cluster's values a backend's target group is planned with. */
export interface BackendPlanValues {
  /** Seconds of `lb_cookie` stickiness for WebSocket and SockJS backends. */
  readonly stickiness: number;
  /** Seconds a WebSocket backend drains (`websocket.drainSeconds`). */
  readonly websocketDrainSeconds: number;
}

/**
 * The backend Services of the routes, sorted, each with its target group. Every backend needs a target-group
 * health check in the catalogue, checked against the ALB's ranges by networking's validator (so a value is
 * refused here in the same words as there), and drains as its catalogue `shutdown` says (a WebSocket backend for
 * `websocket.drainSeconds`).
 */
export function planBackends(
  routes: readonly PlannedRoute[],
  catalogue: readonly ServiceDefinition[],
  values: BackendPlanValues,
  checks: Checks,
): PlannedBackend[] {
  const sticky = new Set(routes.filter((r) => r.route.kind !== 'http').map((r) => r.route.backend.service));
  const names = [...new Set(routes.map((r) => r.route.backend.service))].sort();
  return names.flatMap((service): PlannedBackend[] => {
    const entry = findService(service, catalogue);
    const healthCheck = entry?.kind === 'workload' ? entry.health.targetGroup : undefined;
    const at = checks.withPrefix(catalogueField(service, 'health.targetGroup'));
    if (!healthCheck || entry?.kind !== 'workload') {
      at.fail({
        field: '',
        value: healthCheck,
        allowed: 'a target-group health check for every ALB backend',
        problem: `backend ${service} has none`,
      });
      return [];
    }
    validateTargetGroupHealthCheck(healthCheck, at);
    const websocket = sticky.has(service);
    const preStopSeconds = entry.shutdown.preStopSeconds;
    const drainSeconds = websocket ? values.websocketDrainSeconds : entry.shutdown.drainSeconds;
    const drain: PlannedDrain = {
      websocket,
      preStopSeconds,
      drainSeconds,
      deregistrationDelaySeconds: preStopSeconds + drainSeconds,
    };
    return [
      {
        service,
        healthCheck,
        drain,
        targetGroupAttributes: targetGroupAttributesOf(drain, websocket, values.stickiness),
      },
    ];
  });
}

/** The load balancer's attributes: deletion protection, idle timeout, header hygiene, WAF fail-closed, access logs. */
export function loadBalancerAttributesOf(
  cluster: ClusterSettings,
  settings: IngressSettings,
): AttributePair[] {
  return [
    ['deletion_protection.enabled', String(cluster.deletionProtection)],
    ['idle_timeout.timeout_seconds', String(settings.idleTimeoutSeconds ?? DEFAULT_IDLE_TIMEOUT_SECONDS)],
    ['routing.http.drop_invalid_header_fields.enabled', 'true'],
    ['routing.http.desync_mitigation_mode', settings.desyncMitigationMode ?? 'defensive'],
    ['waf.fail_open.enabled', 'false'],
    ['access_logs.s3.enabled', 'true'],
    ['access_logs.s3.bucket', cluster.accessLogs.bucket],
    ['access_logs.s3.prefix', cluster.accessLogs.prefix],
  ];
}

/** The HTTPS listener's response headers: HSTS, X-Frame-Options, X-Content-Type-Options, no Server, the CSP if set. */
export function listenerAttributesOf(settings: IngressSettings): AttributePair[] {
  return [
    ['routing.http.response.strict_transport_security.header_value', HSTS_VALUE],
    ['routing.http.response.x_frame_options.header_value', 'DENY'],
    ['routing.http.response.x_content_type_options.header_value', 'nosniff'],
    ['routing.http.response.server.enabled', 'false'],
    ...(settings.contentSecurityPolicy
      ? [
          [
            'routing.http.response.content_security_policy.header_value',
            settings.contentSecurityPolicy,
          ] as const,
        ]
      : []),
  ];
}

/**
 * A target group's attributes: its deregistration delay (the drain chain's, instead of the ALB's default 300 s), and
 * load-balancer cookie stickiness for WebSocket and SockJS backends.
 */
export function targetGroupAttributesOf(
  drain: Pick<PlannedDrain, 'deregistrationDelaySeconds'>,
  sticky: boolean,
  stickinessSeconds: number,
): AttributePair[] {
  return [
    ['deregistration_delay.timeout_seconds', String(drain.deregistrationDelaySeconds)],
    ...(sticky
      ? ([
          ['stickiness.enabled', 'true'],
          ['stickiness.type', 'lb_cookie'],
          ['stickiness.lb_cookie.duration_seconds', String(stickinessSeconds)],
        ] as const)
      : []),
  ];
}

/**
 * The environment the WebSocket and SockJS backends' containers must get, by workload: the heartbeat interval the
 * README asks them to keep (`WEBSOCKET_HEARTBEAT_ENV`) and the time they have to close their WebSockets when they
 * drain (`WEBSOCKET_DRAIN_ENV`).
 */
export function backendEnvOf(
  plan: Pick<IngressPlan, 'routes' | 'heartbeatSeconds' | 'websocketDrainSeconds'>,
): Readonly<Partial<Record<WorkloadName, Readonly<Record<string, string>>>>> {
  return Object.fromEntries(
    websocketBackendsOf(plan).map((service) => [
      service,
      {
        [WEBSOCKET_HEARTBEAT_ENV]: String(plan.heartbeatSeconds),
        [WEBSOCKET_DRAIN_ENV]: String(plan.websocketDrainSeconds),
      },
    ]),
  );
}

/**
 * The drain networking must give each WebSocket backend's server (its grace period and shutdown timeout follow), by
 * workload: `websocket.drainSeconds`. Other backends drain as the catalogue says.
 */
export function backendDrainOf(
  plan: Pick<IngressPlan, 'routes' | 'websocketDrainSeconds'>,
): Readonly<Partial<Record<WorkloadName, number>>> {
  return Object.fromEntries(
    websocketBackendsOf(plan).map((service) => [service, plan.websocketDrainSeconds]),
  );
}

/** The backends a WebSocket or SockJS route reaches, sorted. */
function websocketBackendsOf(plan: Pick<IngressPlan, 'routes'>): string[] {
  return [
    ...new Set(plan.routes.filter((r) => r.route.kind !== 'http').map((r) => r.route.backend.service)),
  ].sort();
}

/** Every planned attribute against the controller's catalogue of keys and values (a library bug if one fails). */
function checkPlannedAttributes(plan: IngressPlan, checks: Checks): void {
  const families: [string, Readonly<Record<string, AttributeValueCheck>>, readonly AttributePair[]][] = [
    ['loadBalancerAttributes', LOAD_BALANCER_ATTRIBUTES, plan.loadBalancerAttributes],
    ['listenerAttributes', LISTENER_ATTRIBUTES, plan.listenerAttributes],
    ...plan.backends.map(
      (b) =>
        [`targetGroupAttributes.${b.service}`, TARGET_GROUP_ATTRIBUTES, b.targetGroupAttributes] as [
          string,
          typeof TARGET_GROUP_ATTRIBUTES,
          readonly AttributePair[],
        ],
    ),
  ];
  for (const [field, catalogue, pairs] of families) {
    for (const problem of checkAttributes(catalogue, pairs))
      checks.fail({ field: `${field}.${problem.key}`, value: problem.value, allowed: problem.allowed });
  }
  checks.throwIfAny();
}
