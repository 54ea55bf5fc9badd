import { Checks, type ClusterSettings, type DocSection, type Manifest } from '@pms/core';
import { PMS_SERVICES, type ServiceDefinition, type WorkloadName } from '@pms/networking';
import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import type { AlbGroup } from './alb-model/index.js';
import { AlbAnnotation } from './annotations.js';
import { parseAttributes } from './attributes.js';
import { ingressDocSections } from './docs.js';
import {
  albOf,
  ingressClassObject,
  ingressClassParamsObject,
  ingressObject,
  serviceAnnotationsOf,
} from './ingress-objects.js';
import { backendDrainOf, backendEnvOf, planIngress } from './plan.js';
import { PMS_ROUTES, type PlannedRoute, type RouteSpec } from './routes.js';
import type { IngressSettings } from './settings.js';

/** Props of `PmsIngress`. */
export interface PmsIngressProps {
  /** The cluster's shared settings (host, certificate, web ACL, access logs, deletion protection). */
  readonly cluster: ClusterSettings;
  /** The cluster's ingress settings. */
  readonly settings: IngressSettings;
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
 * cluster's ALB subnets, TLS, WAF, attributes, response headers) and the Ingress `pms/pms` with the routing table.
 * It renders nothing of networking's: it PUBLISHES the target-group annotations of the backend Services
 * (`serviceAnnotations`) and the environment of the WebSocket backends (`backendEnv`), which the platform hands to
 * networking. Validates settings, routes and the backends' health checks at construction (`planIngress`); whether
 * the rendered objects route as declared is checked afterwards, over the synthesized output, by `checkRouting`.
 */
export class PmsIngress extends Construct {
  /** The routes in the order the ALB evaluates them. */
  readonly routes: readonly PlannedRoute[];
  /** The rendered objects of this construct, as plain JSON (IngressClass, IngressClassParams, Ingress). */
  readonly objects: readonly Manifest[];
  /** The target-group annotations each backend Service must carry, by Service name (networking renders them). */
  readonly serviceAnnotations: ReadonlyMap<string, Readonly<Record<string, string>>>;
  /**
   * Environment variables the WebSocket and SockJS backends' containers must get, by workload: the heartbeat
   * interval (`WEBSOCKET_HEARTBEAT_ENV`) the README asks them to keep.
   */
  readonly backendEnv: Readonly<Partial<Record<WorkloadName, Readonly<Record<string, string>>>>>;
  /**
   * Seconds the WebSocket and SockJS backends' servers drain after their stop signal, by workload
   * (`websocket.drainSeconds`): networking derives their grace period and shutdown timeout from it, as the ingress
   * derives their target groups' deregistration delay.
   */
  readonly backendDrain: Readonly<Partial<Record<WorkloadName, number>>>;
  /** The load balancer the controller builds from these objects and the published annotations. */
  readonly alb: AlbGroup;
  /** README sections: listener rules, TLS, headers, WAF, attributes, target groups. */
  readonly docs: DocSection[];
  /** Seconds between the application's WebSocket heartbeats (validated below the idle timeout). */
  readonly websocketHeartbeatSeconds: number;

  constructor(scope: Construct, id: string, props: PmsIngressProps) {
    super(scope, id);
    const { cluster } = props;
    const plan = planIngress(
      {
        cluster,
        settings: props.settings,
        routes: props.routes ?? PMS_ROUTES,
        catalogue: props.catalogue ?? PMS_SERVICES,
      },
      Checks.for(this, 'ingress'),
    );
    const objects = [
      ingressClassObject(),
      ingressClassParamsObject(cluster, plan),
      ingressObject(cluster, plan.routes),
    ];
    for (const [objectId, { apiVersion, kind, metadata, ...rest }] of [
      ['ingress-class', objects[0]!],
      ['ingress-class-params', objects[1]!],
      ['ingress', objects[2]!],
    ] as const) {
      new ApiObject(this, objectId, { apiVersion, kind, metadata: { ...metadata }, ...rest });
    }
    this.routes = plan.routes;
    this.objects = objects;
    this.serviceAnnotations = serviceAnnotationsOf(plan);
    this.backendEnv = backendEnvOf(plan);
    this.backendDrain = backendDrainOf(plan);
    this.alb = albOf(objects, this.serviceAnnotations);
    this.websocketHeartbeatSeconds = plan.heartbeatSeconds;
    this.docs = ingressDocSections({
      cluster,
      alb: this.alb,
      routes: plan.routes,
      heartbeatSeconds: plan.heartbeatSeconds,
      backends: plan.backends,
      websocketDrainSeconds: plan.websocketDrainSeconds,
      ingressDeletionGuard:
        parseAttributes(objects[2]!.metadata.annotations?.[AlbAnnotation.loadBalancerAttributes] ?? '').get(
          'deletion_protection.enabled',
        ) === 'true',
    });
  }
}
