import {
  Checks,
  type ClusterPrerequisite,
  type ClusterSettings,
  type DocSection,
  type Manifest,
} from '@pms/core';
import { PMS_SERVICES, type ServiceDefinition, type WorkloadName } from '@pms/networking';
import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import type { AlbGroup } from './alb-model/index.js';
import { costFiles, ingressCost } from './cost-files.js';
import type { CostEstimate } from './cost/estimate.js';
import { ingressDnsAnnotations } from './dns/records.js';
import type { DnsSettings, MigrationSettings } from './dns/settings.js';
import { dnsEndpointObjects, dnsPrerequisites, validateIngressDns } from './dns-objects.js';
import { pmsIngressDocs } from './ingress-docs.js';
import {
  albOf,
  ingressClassObject,
  ingressClassParamsObject,
  ingressObject,
  serviceAnnotationsOf,
} from './ingress-objects.js';
import { backendDrainOf, backendEnvOf, planIngress, type ResponseHeader } from './plan.js';
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
  /**
   * The host's DNS (the hosted zone external-dns writes to), for the README.
   * @default undefined: the README names no zone
   */
  readonly dns?: DnsSettings;
  /**
   * The migration from the per-service load balancers: the ALB's weight and the legacy load balancers' records.
   * @default undefined: no migration, the ALB's record alone (weight 100)
   */
  readonly migration?: MigrationSettings;
}

/**
 * The PMS ALB of one cluster: IngressClass `alb` with its IngressClassParams (load balancer pinned to the
 * cluster's ALB subnets, TLS, WAF, attributes, response headers), the Ingress `pms/pms` with the routing table and the
 * ALB's weighted DNS record (external-dns annotations), and one DNSEndpoint per legacy load balancer of the migration.
 * It renders nothing of networking's: it PUBLISHES the target-group annotations of the backend Services
 * (`serviceAnnotations`), the environment of the WebSocket backends (`backendEnv`) and the headers the frontend must
 * add (`frontendHeaders`), which the platform hands to networking. Validates settings, routes and the backends'
 * health checks at construction (`planIngress`); whether the rendered objects route as declared is checked
 * afterwards, over the synthesized output, by `checkRouting`. Estimates the load balancer's monthly cost
 * (`costEstimate`, README section and `extraFiles`).
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
  /**
   * Response headers the frontend's server must add to the SPA's responses because the ALB cannot send them (the
   * Report-Only Content-Security-Policy); the platform passes them to networking.
   */
  readonly frontendHeaders: readonly ResponseHeader[];
  /** The monthly cost estimate of the cluster's load balancers (README section, `extraFiles`, the LCU alarm). */
  readonly costEstimate: CostEstimate;
  /** Files besides the objects: the cost estimate as JSON (`COST_ESTIMATE_FILE`), path → content. */
  readonly extraFiles: ReadonlyMap<string, string>;
  /**
   * What must hold outside Git for the host's records (`weightedRecordsOnlyPrerequisite`: no simple record next to
   * the weighted ones); none without `dns`.
   */
  readonly prerequisites: readonly ClusterPrerequisite[];

  constructor(scope: Construct, id: string, props: PmsIngressProps) {
    super(scope, id);
    const { cluster, settings, dns, migration } = props;
    validateIngressDns(dns, migration, cluster, Checks.for(this, 'dns'));
    const plan = planIngress(
      { cluster, settings, routes: props.routes ?? PMS_ROUTES, catalogue: props.catalogue ?? PMS_SERVICES },
      Checks.for(this, 'ingress'),
    );
    const ingress = ingressObject(cluster, plan.routes, ingressDnsAnnotations(cluster, migration));
    const objects = [ingressClassObject(), ingressClassParamsObject(cluster, plan), ingress];
    addObjects(this, [
      ['ingress-class', objects[0]!],
      ['ingress-class-params', objects[1]!],
      ['ingress', ingress],
      ...dnsEndpointObjects(cluster, migration),
    ]);
    this.routes = plan.routes;
    this.objects = objects;
    this.serviceAnnotations = serviceAnnotationsOf(plan);
    this.backendEnv = backendEnvOf(plan);
    this.backendDrain = backendDrainOf(plan);
    this.alb = albOf(objects, this.serviceAnnotations);
    this.websocketHeartbeatSeconds = plan.heartbeatSeconds;
    this.frontendHeaders = plan.frontendHeaders;
    const cost = ingressCost(this.alb, settings.expectedTraffic, migration);
    this.costEstimate = cost.estimate;
    this.extraFiles = costFiles(cluster.name, cost.estimate);
    this.prerequisites = dnsPrerequisites(cluster, dns);
    const traffic = settings.expectedTraffic;
    this.docs = pmsIngressDocs({ cluster, plan, alb: this.alb, ingress, traffic, cost, dns, migration });
  }
}

/** Adds each object to `scope` under its construct id, as cdk8s synthesizes it (plain JSON, metadata copied). */
function addObjects(scope: Construct, objects: readonly (readonly [id: string, object: Manifest])[]): void {
  for (const [id, { apiVersion, kind, metadata, ...rest }] of objects) {
    new ApiObject(scope, id, { apiVersion, kind, metadata: { ...metadata }, ...rest });
  }
}
