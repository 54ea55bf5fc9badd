/**
 * The README sections of the PMS ALB, in one place: the ingress's own sections (`ingressDocSections`: rules, TLS,
 * headers, WAF, attributes, target groups, draining), then the cost estimate and the DNS records and migration.
 */
import { PMS_INGRESS_NAME, type ClusterSettings, type DocSection, type Manifest } from '@pms/core';
import { PMS_NAMESPACE } from '@pms/networking';
import type { AlbGroup } from './alb-model/index.js';
import { AlbAnnotation } from './annotations.js';
import { parseAttributes } from './attributes.js';
import type { IngressCost } from './cost-files.js';
import { estimateCost } from './cost/estimate.js';
import { costSection } from './cost/report.js';
import type { ExpectedTraffic } from './cost/traffic.js';
import { dnsSection } from './dns/docs.js';
import { FULL_WEIGHT, type DnsSettings, type MigrationSettings } from './dns/settings.js';
import { INGRESS_DOC_ORDER, ingressDocSections } from './docs.js';
import type { IngressPlan } from './plan.js';

/** What the ALB's README sections are written from. */
export interface PmsIngressDocInput {
  /** The cluster's shared settings. */
  readonly cluster: ClusterSettings;
  /** The ingress as planned (routes, heartbeat, backends, drain, frontend headers). */
  readonly plan: IngressPlan;
  /** The load balancer the controller builds from the rendered objects. */
  readonly alb: AlbGroup;
  /** The rendered Ingress (its own load-balancer attributes say whether it guards against deletion). */
  readonly ingress: Manifest;
  /** The expected traffic the cost is estimated for. */
  readonly traffic: ExpectedTraffic;
  /** The cost estimate and its input. */
  readonly cost: IngressCost;
  /**
   * The host's DNS.
   * @default undefined: the README names no zone
   */
  readonly dns?: DnsSettings;
  /**
   * The migration from the per-service load balancers.
   * @default undefined: no migration
   */
  readonly migration?: MigrationSettings;
}

/** True when the Ingress carries `deletion_protection.enabled=true` in its own load-balancer attributes annotation. */
function ingressDeletionGuard(ingress: Manifest): boolean {
  const attributes = ingress.metadata.annotations?.[AlbAnnotation.loadBalancerAttributes] ?? '';
  return parseAttributes(attributes).get('deletion_protection.enabled') === 'true';
}

/**
 * The ALB's README sections: the ingress's own, the cost estimate (with the estimate at full weight beside it while
 * the migration gives the ALB less) and the DNS records.
 */
export function pmsIngressDocs(input: PmsIngressDocInput): DocSection[] {
  const { cluster, plan, cost, traffic } = input;
  return [
    ...ingressDocSections({
      cluster,
      alb: input.alb,
      routes: plan.routes,
      heartbeatSeconds: plan.heartbeatSeconds,
      backends: plan.backends,
      websocketDrainSeconds: plan.websocketDrainSeconds,
      ingressDeletionGuard: ingressDeletionGuard(input.ingress),
      frontendHeaders: plan.frontendHeaders,
    }),
    costSection(
      cost.estimate,
      traffic,
      INGRESS_DOC_ORDER + 7,
      cost.estimate.albSharePercent < FULL_WEIGHT
        ? estimateCost({ ...cost.input, albSharePercent: FULL_WEIGHT })
        : undefined,
    ),
    dnsSection(
      cluster,
      input.dns,
      input.migration,
      `${PMS_NAMESPACE}/${PMS_INGRESS_NAME}`,
      INGRESS_DOC_ORDER + 8,
    ),
  ];
}
