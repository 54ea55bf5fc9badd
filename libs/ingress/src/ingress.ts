import {
  ALB_INGRESS_CLASS,
  albName,
  Checks,
  customResourceAnnotations,
  PMS_INGRESS_GROUP,
  PMS_INGRESS_NAME,
  recommendedLabels,
  syncWave,
  SyncWave,
  throwIfAny,
  type ClusterSettings,
  type DocSection,
  type Manifest,
} from '@pms/core';
import {
  catalogueField,
  findService,
  PMS_NAMESPACE,
  PMS_SERVICES,
  validateTargetGroupHealthCheck,
  type ServiceDefinition,
  type TargetGroupHealthCheck,
} from '@pms/networking';
import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { resolveAlbGroups, type AlbGroup } from './alb-model/index.js';
import { pmsAwsTags } from './aws-tags.js';
import {
  ALB_CONTROLLER,
  AlbAnnotation,
  formatListenPorts,
  INGRESS_CLASS_PARAMS_API_VERSION,
} from './annotations.js';
import {
  checkAttributes,
  formatAttributes,
  LISTENER_ATTRIBUTES,
  LOAD_BALANCER_ATTRIBUTES,
  TARGET_GROUP_ATTRIBUTES,
} from './attributes.js';
import { ingressDocSections } from './docs.js';
import { planRoutes, PMS_ROUTES, type PlannedRoute, type RouteSpec } from './routes.js';
import {
  DEFAULT_IDLE_TIMEOUT_SECONDS,
  DEFAULT_STICKINESS_SECONDS,
  HSTS_VALUE,
  type IngressSettings,
} from './settings.js';
import { RECOMMENDED_SSL_POLICY } from './ssl-policy.js';
import { validateIngressSettings } from './validate.js';

/** Props of `PmsIngress`. */
export interface PmsIngressProps {
  /** The cluster's shared settings (host, certificate, web ACL, access logs, deletion protection). */
  readonly cluster: ClusterSettings;
  /** The cluster's ingress settings. */
  readonly settings: IngressSettings;
  /**
   * The rendered Service of every backend, by Service name (`PmsNetworking.services`). Each backend's Service
   * receives its target-group annotations (health check, success codes, target type, stickiness).
   * @default no Service is annotated; the ALB then uses the controller's target-group defaults (health check
   * `/`, success `200`), which the generated docs flag. Only for tests of the ingress objects alone.
   */
  readonly services?: ReadonlyMap<string, ApiObject>;
  /**
   * The routing table.
   * @default PMS_ROUTES
   */
  readonly routes?: readonly RouteSpec[];
  /**
   * The service catalogue the routes' backends and their target-group health checks come from.
   * @default PMS_SERVICES
   */
  readonly catalogue?: readonly ServiceDefinition[];
}

/**
 * The PMS ALB of one cluster: IngressClass `alb` with its IngressClassParams (load balancer pinned to the
 * cluster's ALB subnets, TLS, WAF, attributes, response headers), the Ingress `pms/pms` with the routing table,
 * and the target-group annotations of every backend Service. Validates settings and routes at construction.
 * Whether the rendered objects route as declared is checked afterwards, over the synthesized output, by
 * `checkRouting` (the platform runs it after schema validation).
 */
export class PmsIngress extends Construct {
  /** The routes in the order the ALB evaluates them. */
  readonly routes: readonly PlannedRoute[];
  /** The rendered objects of this construct, as plain JSON (Ingress, IngressClass, IngressClassParams). */
  readonly objects: readonly Manifest[];
  /** Annotations added to each backend Service, by Service name. */
  readonly serviceAnnotations: ReadonlyMap<string, Readonly<Record<string, string>>>;
  /** The load balancer the controller builds from these objects. */
  readonly alb: AlbGroup;
  /** README sections: listener rules, TLS, headers, WAF, attributes, target groups. */
  readonly docs: DocSection[];
  /**
   * Seconds between the application's WebSocket heartbeats (`ingress.websocket.heartbeatSeconds`, validated
   * below the idle timeout). The apigateway container must get it as `WEBSOCKET_HEARTBEAT_ENV`
   * (`websocketHeartbeatEnv`).
   */
  readonly websocketHeartbeatSeconds: number;

  constructor(scope: Construct, id: string, props: PmsIngressProps) {
    super(scope, id);
    const { cluster, settings } = props;
    const checks = Checks.for(this, 'ingress');
    validateIngressSettings(settings, checks);
    const catalogue = props.catalogue ?? PMS_SERVICES;
    const routes = planRoutes(props.routes ?? PMS_ROUTES, checks, catalogue);
    const backends = [...new Set(routes.map((r) => r.route.backend.service))].sort();
    const healthOf = new Map<string, TargetGroupHealthCheck>();
    for (const service of backends) {
      const entry = findService(service, catalogue);
      const targetGroup = entry?.kind === 'workload' ? entry.health.targetGroup : undefined;
      if (!targetGroup) {
        checks.withPrefix(catalogueField(service, 'health.targetGroup')).fail({
          field: '',
          value: targetGroup,
          allowed: 'a target-group health check for every ALB backend',
          problem: `backend ${service} has none`,
        });
      } else {
        // Networking's check of the catalogue (the ALB's ranges), so a value is refused here in the same words.
        validateTargetGroupHealthCheck(
          targetGroup,
          checks.withPrefix(catalogueField(service, 'health.targetGroup')),
        );
        healthOf.set(service, targetGroup);
      }
      if (props.services && !props.services.has(service)) {
        checks.fail({
          field: 'backends',
          value: service,
          allowed: `a Service rendered by networking (rendered: ${[...props.services.keys()].join(', ') || 'none'})`,
          problem: `the routes send traffic to ${service}, which has no Service`,
        });
      }
    }
    checks.throwIfAny();

    const idle = settings.idleTimeoutSeconds ?? DEFAULT_IDLE_TIMEOUT_SECONDS;
    const stickiness = settings.stickinessSeconds ?? DEFAULT_STICKINESS_SECONDS;
    const sslPolicy = settings.sslPolicy ?? RECOMMENDED_SSL_POLICY;

    const loadBalancerAttributes: [string, string][] = [
      ['deletion_protection.enabled', String(cluster.deletionProtection)],
      ['idle_timeout.timeout_seconds', String(idle)],
      ['routing.http.drop_invalid_header_fields.enabled', 'true'],
      ['routing.http.desync_mitigation_mode', settings.desyncMitigationMode ?? 'defensive'],
      ['waf.fail_open.enabled', 'false'],
      ['access_logs.s3.enabled', 'true'],
      ['access_logs.s3.bucket', cluster.accessLogs.bucket],
      ['access_logs.s3.prefix', cluster.accessLogs.prefix],
    ];
    const listenerAttributes: [string, string][] = [
      ['routing.http.response.strict_transport_security.header_value', HSTS_VALUE],
      ['routing.http.response.x_frame_options.header_value', 'DENY'],
      ['routing.http.response.x_content_type_options.header_value', 'nosniff'],
      ['routing.http.response.server.enabled', 'false'],
      ...(settings.contentSecurityPolicy
        ? [
            [
              'routing.http.response.content_security_policy.header_value',
              settings.contentSecurityPolicy,
            ] as [string, string],
          ]
        : []),
    ];
    const stickyBackends = new Set(
      routes.filter((r) => r.route.kind !== 'http').map((r) => r.route.backend.service),
    );
    const targetGroupAttributes = (service: string): [string, string][] =>
      stickyBackends.has(service)
        ? [
            ['stickiness.enabled', 'true'],
            ['stickiness.type', 'lb_cookie'],
            ['stickiness.lb_cookie.duration_seconds', String(stickiness)],
          ]
        : [];
    const selfCheck = new Checks(checks.cluster, 'ingress', checks.where);
    const attributeChecks: [
      string,
      Readonly<Record<string, (v: string) => string | undefined>>,
      [string, string][],
    ][] = [
      ['loadBalancerAttributes', LOAD_BALANCER_ATTRIBUTES, loadBalancerAttributes],
      ['listenerAttributes', LISTENER_ATTRIBUTES, listenerAttributes],
      ...backends.map(
        (s) =>
          [`targetGroupAttributes.${s}`, TARGET_GROUP_ATTRIBUTES, targetGroupAttributes(s)] as [
            string,
            typeof TARGET_GROUP_ATTRIBUTES,
            [string, string][],
          ],
      ),
    ];
    for (const [field, catalogue, pairs] of attributeChecks) {
      for (const problem of checkAttributes(catalogue, pairs))
        selfCheck.fail({ field: `${field}.${problem.key}`, value: problem.value, allowed: problem.allowed });
    }
    selfCheck.throwIfAny();

    const ingressClass: Manifest = {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'IngressClass',
      metadata: {
        name: ALB_INGRESS_CLASS,
        labels: recommendedLabels(ALB_INGRESS_CLASS, 'ingress-class'),
        annotations: syncWave(SyncWave.platform),
      },
      spec: {
        controller: ALB_CONTROLLER,
        parameters: {
          apiGroup: INGRESS_CLASS_PARAMS_API_VERSION.split('/')[0],
          kind: 'IngressClassParams',
          name: ALB_INGRESS_CLASS,
        },
      },
    };
    const keyValues = (pairs: [string, string][]) => pairs.map(([key, value]) => ({ key, value }));
    const ingressClassParams: Manifest = {
      apiVersion: INGRESS_CLASS_PARAMS_API_VERSION,
      kind: 'IngressClassParams',
      metadata: {
        name: ALB_INGRESS_CLASS,
        labels: recommendedLabels(ALB_INGRESS_CLASS, 'ingress-class-params'),
        annotations: customResourceAnnotations(SyncWave.platform),
      },
      spec: {
        scheme: 'internet-facing',
        ipAddressType: 'ipv4',
        loadBalancerName: albName(cluster.name),
        group: { name: PMS_INGRESS_GROUP },
        namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': PMS_NAMESPACE } },
        certificateArn: [cluster.certificateArn],
        sslPolicy,
        sslRedirectPort: '443',
        targetType: 'ip',
        wafv2AclArn: cluster.webAclArn,
        // Pinned, so the ALB's addresses are in exactly the subnets the NetworkPolicies admit it from.
        subnets: { ids: cluster.vpc.albSubnets.map((subnet) => subnet.id) },
        loadBalancerAttributes: keyValues(loadBalancerAttributes),
        listeners: [{ protocol: 'HTTPS', port: 443, listenerAttributes: keyValues(listenerAttributes) }],
        tags: pmsAwsTags(cluster),
      },
    };
    const ingress: Manifest = {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'Ingress',
      metadata: {
        name: PMS_INGRESS_NAME,
        namespace: PMS_NAMESPACE,
        labels: recommendedLabels(PMS_INGRESS_NAME, 'ingress'),
        annotations: {
          ...syncWave(SyncWave.ingress),
          [AlbAnnotation.listenPorts]: formatListenPorts([
            { protocol: 'HTTP', port: 80 },
            { protocol: 'HTTPS', port: 443 },
          ]),
        },
      },
      spec: {
        ingressClassName: ALB_INGRESS_CLASS,
        rules: [
          {
            host: cluster.host,
            http: {
              paths: routes.map(({ route, pathType }) => ({
                path: route.path,
                pathType,
                backend: { service: { name: route.backend.service, port: { number: route.backend.port } } },
              })),
            },
          },
        ],
      },
    };

    const serviceAnnotations = new Map<string, Record<string, string>>();
    for (const service of backends) {
      const hc = healthOf.get(service)!;
      const attributes = targetGroupAttributes(service);
      // No target-type here: IngressClassParams `targetType: ip` sets it for every target group.
      serviceAnnotations.set(service, {
        [AlbAnnotation.backendProtocol]: 'HTTP',
        [AlbAnnotation.healthcheckProtocol]: hc.protocol,
        [AlbAnnotation.healthcheckPort]: String(hc.port),
        [AlbAnnotation.healthcheckPath]: hc.path,
        [AlbAnnotation.successCodes]: hc.successCodes,
        [AlbAnnotation.healthcheckIntervalSeconds]: String(hc.intervalSeconds),
        [AlbAnnotation.healthcheckTimeoutSeconds]: String(hc.timeoutSeconds),
        [AlbAnnotation.healthyThresholdCount]: String(hc.healthyThresholdCount),
        [AlbAnnotation.unhealthyThresholdCount]: String(hc.unhealthyThresholdCount),
        ...(attributes.length > 0
          ? { [AlbAnnotation.targetGroupAttributes]: formatAttributes(attributes) }
          : {}),
      });
      const apiObject = props.services?.get(service);
      for (const [key, value] of Object.entries(serviceAnnotations.get(service)!))
        apiObject?.metadata.addAnnotation(key, value);
    }

    for (const [objectId, manifest] of [
      ['ingress-class', ingressClass],
      ['ingress-class-params', ingressClassParams],
      ['ingress', ingress],
    ] as const) {
      const { apiVersion, kind, metadata, ...rest } = manifest;
      new ApiObject(this, objectId, { apiVersion, kind, metadata: { ...metadata }, ...rest });
    }

    // The load balancer as the controller reads these objects (for the docs; `checkRouting` checks the output).
    const serviceStubs: Manifest[] = backends.map((name) => ({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: {
        name,
        namespace: PMS_NAMESPACE,
        annotations: props.services ? serviceAnnotations.get(name)! : {},
      },
    }));
    const [alb, ...others] = resolveAlbGroups([ingressClass, ingressClassParams, ingress, ...serviceStubs]);
    if (!alb || others.length > 0)
      throw new Error('PmsIngress: expected exactly one ALB from its own objects');

    this.routes = routes;
    this.objects = [ingressClass, ingressClassParams, ingress];
    this.serviceAnnotations = serviceAnnotations;
    this.alb = alb;
    this.websocketHeartbeatSeconds = settings.websocket.heartbeatSeconds;
    this.docs = ingressDocSections({
      cluster,
      alb,
      routes,
      heartbeatSeconds: settings.websocket.heartbeatSeconds,
      servicesAnnotated: props.services !== undefined,
    });
  }
}
