/** The ingress section of a cluster's settings: what differs per cluster about the ALB. */
import type { ExpectedTraffic } from './cost/traffic.js';
import type { SslPolicyName } from './ssl-policy.js';

/** WebSocket settings. */
export interface WebSocketSettings {
  /**
   * Seconds between the application's heartbeat frames (STOMP/SockJS heart-beat) on the WebSocket routes.
   * Must be below the load balancer's idle timeout, or the ALB closes quiet connections.
   */
  readonly heartbeatSeconds: number;
  /**
   * Seconds a draining WebSocket backend pod has, after its stop signal, to close its WebSockets itself: with close
   * code 1001 "going away" (RFC 6455 §7.4.1; Spring's STOMP handler does so on shutdown) so clients reconnect at once,
   * through the ALB, to another pod. The pod's grace period and its target group's deregistration delay follow it
   * (preStop + drain): the ALB keeps forwarding frames on a draining target's open connections until then, and cuts
   * what is left (clients see 1006) only after. From 5 to 900.
   * @default 60 (`DEFAULT_WEBSOCKET_DRAIN_SECONDS`)
   */
  readonly drainSeconds?: number;
}

/** Desync mitigation modes PMS accepts (`monitor` lets ambiguous requests through and is refused). */
export type DesyncMitigationMode = 'defensive' | 'strictest';

/** The ingress section of a cluster's settings. */
export interface IngressSettings {
  /** WebSocket settings. */
  readonly websocket: WebSocketSettings;
  /**
   * Load-balancer idle timeout in seconds: a connection with no bytes in either direction for this long is
   * closed. WebSockets rely on the heartbeat to stay under it.
   * @default 300
   */
  readonly idleTimeoutSeconds?: number;
  /**
   * Duration of the `lb_cookie` stickiness of the target groups serving websocket/sockjs routes, in seconds
   * (1-604800). Keeps SockJS fallbacks and reconnects on the pod holding the session.
   * @default 86400
   */
  readonly stickinessSeconds?: number;
  /**
   * ELB security policy of the HTTPS listener; must offer TLS 1.3 and refuse anything below TLS 1.2.
   * @default 'ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09' (AWS's current recommendation)
   */
  readonly sslPolicy?: SslPolicyName;
  /**
   * The enforced `Content-Security-Policy`: the HTTPS listener adds it to every response (listener attribute
   * `routing.http.response.content_security_policy.header_value`). A prod cluster must send a CSP: this one, or
   * `contentSecurityPolicyReportOnly`, or both.
   * @default undefined (no enforced CSP)
   */
  readonly contentSecurityPolicy?: string;
  /**
   * A `Content-Security-Policy-Report-Only`: browsers report what it would block (in the console, and to a
   * `report-uri`/`report-to` endpoint if it names one) and block nothing. The ALB has no listener attribute for
   * this header (ELB API `ListenerAttribute` keys), so the frontend's nginx sends it, on the SPA's responses (the
   * documents a CSP applies to). The way to enforce a policy tried here: move it to `contentSecurityPolicy`
   * (docs/ingress.md, "Content-Security-Policy").
   * @default undefined (no Report-Only policy)
   */
  readonly contentSecurityPolicyReportOnly?: string;
  /**
   * How the ALB treats requests that may be HTTP desync attacks.
   * @default 'defensive'
   */
  readonly desyncMitigationMode?: DesyncMitigationMode;
  /**
   * The traffic the cluster's host is expected to see, in the four LCU dimensions: the README's monthly cost
   * estimate and the threshold of the `ConsumedLCUs` alarm come from it.
   */
  readonly expectedTraffic: ExpectedTraffic;
}

/** Default idle timeout: long enough for quiet WebSockets with a heartbeat. */
export const DEFAULT_IDLE_TIMEOUT_SECONDS = 300;
/** Default stickiness duration of websocket/sockjs target groups: one day. */
export const DEFAULT_STICKINESS_SECONDS = 86400;
/** HSTS value the HTTPS listener sets: one year, subdomains, preload list. */
export const HSTS_VALUE = 'max-age=31536000; includeSubDomains; preload';

/** Environment variable that tells the apigateway the WebSocket heartbeat interval, in whole seconds. */
export const WEBSOCKET_HEARTBEAT_ENV = 'PMS_WEBSOCKET_HEARTBEAT_SECONDS';

/**
 * Environment variable that tells a WebSocket backend how long it has to close its WebSockets (1001) after its stop
 * signal, in whole seconds (`websocket.drainSeconds`), so it can spread the closes over the drain instead of sending
 * every client back at the same instant.
 */
export const WEBSOCKET_DRAIN_ENV = 'PMS_WEBSOCKET_DRAIN_SECONDS';

/** Default WebSocket drain: a minute for clients to be told, reconnect and resubscribe. */
export const DEFAULT_WEBSOCKET_DRAIN_SECONDS = 60;

/** The range of `websocket.drainSeconds`. */
export const WEBSOCKET_DRAIN_RANGE = { min: 5, max: 900 } as const;

/** The WebSocket close code a draining backend sends: 1001 "going away" (RFC 6455 §7.4.1). */
export const WEBSOCKET_DRAIN_CLOSE_CODE = 1001;
