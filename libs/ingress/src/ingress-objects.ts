/**
 * The objects of the PMS ALB as plain data, one pure function per object family: the IngressClass and its
 * IngressClassParams (the load balancer), the Ingress (the routing table) and the target-group annotations the
 * ingress publishes for the backend Services (networking renders the Services and carries them).
 */
import {
  ALB_INGRESS_CLASS,
  albName,
  customResourceAnnotations,
  deletionGuardRequired,
  guardedAnnotations,
  PMS_INGRESS_GROUP,
  PMS_INGRESS_NAME,
  recommendedLabels,
  syncWave,
  SyncWave,
  webAclName,
  type ClusterSettings,
  type Manifest,
} from '@pms/core';
import type { AwsIngressClassParamsSpec, IIngressClassParams } from '@pms/crd-models';
import { PMS_NAMESPACE } from '@pms/networking';
import { resolveAlbGroups, type AlbGroup } from './alb-model/index.js';
import {
  ALB_CONTROLLER,
  AlbAnnotation,
  formatListenPorts,
  INGRESS_CLASS_PARAMS_API_VERSION,
} from './annotations.js';
import { formatAttributes } from './attributes.js';
import { pmsAwsTags } from './aws-tags.js';
import type { AttributePair, IngressPlan, PlannedBackend } from './plan.js';
import type { PlannedRoute } from './routes.js';

const keyValues = (pairs: readonly AttributePair[]) => pairs.map(([key, value]) => ({ key, value }));

/** IngressClass `alb`: the AWS Load Balancer Controller, parameters in IngressClassParams `alb`. */
export function ingressClassObject(): Manifest {
  return {
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
}

/**
 * IngressClassParams `alb`: the load balancer itself, pinned to the cluster's name and ALB subnets, with TLS, the
 * web ACL, IP targets, its attributes and the HTTPS listener's response headers.
 */
export function ingressClassParamsObject(
  cluster: ClusterSettings,
  plan: IngressPlan,
): Manifest & IIngressClassParams {
  return {
    apiVersion: INGRESS_CLASS_PARAMS_API_VERSION,
    kind: 'IngressClassParams',
    metadata: {
      name: ALB_INGRESS_CLASS,
      labels: recommendedLabels(ALB_INGRESS_CLASS, 'ingress-class-params'),
      annotations: customResourceAnnotations(SyncWave.platform),
    },
    spec: ingressClassParamsSpec(cluster, plan),
  };
}

/** Fields spread in conditionally: typed on their own, as a spread escapes the excess-property check. */
type Optional = Partial<AwsIngressClassParamsSpec>;

/** The `spec` of IngressClassParams `alb`, typed by the model generated from the controller's CRD. */
export function ingressClassParamsSpec(
  cluster: ClusterSettings,
  plan: IngressPlan,
): AwsIngressClassParamsSpec {
  return {
    scheme: 'internet-facing',
    ipAddressType: 'ipv4',
    loadBalancerName: albName(cluster.name),
    group: { name: PMS_INGRESS_GROUP },
    namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': PMS_NAMESPACE } },
    // No certificate ARN unless the settings pin one: the controller then discovers the ISSUED ACM certificates
    // that cover the Ingress host (LBC v2.17.1 pkg/ingress/model_build_listener.go: discovery runs when an HTTPS
    // listen port has no explicit certificate; the Ingress's listen-ports name HTTPS 443).
    ...(cluster.certificateArn !== undefined
      ? ({ certificateArn: [cluster.certificateArn] } satisfies Optional)
      : {}),
    sslPolicy: plan.sslPolicy,
    sslRedirectPort: '443',
    targetType: 'ip',
    // The cluster's web ACL by name, resolved by the controller (wafv2:ListWebACLs, regional scope; LBC v2.17.1
    // pkg/ingress/model_builder.go webACLNameToArnMapper), so no ARN has to exist before the first sync; by ARN
    // only when the settings pin one (a name beats any ARN, so never both).
    ...(cluster.webAclArn !== undefined
      ? ({ wafv2AclArn: cluster.webAclArn } satisfies Optional)
      : ({ wafv2AclName: webAclName(cluster) } satisfies Optional)),
    // Pinned, so the ALB's addresses are in exactly the subnets the NetworkPolicies admit it from.
    subnets: { ids: cluster.vpc.albSubnets.map((subnet) => subnet.id) },
    loadBalancerAttributes: keyValues(plan.loadBalancerAttributes),
    listeners: [{ protocol: 'HTTPS', port: 443, listenerAttributes: keyValues(plan.listenerAttributes) }],
    tags: pmsAwsTags(cluster),
  };
}

/**
 * The Ingress's own `load-balancer-attributes`: `deletion_protection.enabled=true` when the cluster protects its ALB.
 * IngressClassParams already set the attribute (and win for the value written to the ALB), but the controller's
 * delete guard reads ONLY this annotation: without it, deleting (or Argo CD pruning) the Ingress makes the controller
 * disable the protection itself and delete the ALB (LBC v2.17.1 `pkg/ingress/model_builder.go`
 * `getDeletionProtectionViaAnnotation`; `pkg/deploy/elbv2/load_balancer_synthesizer.go`; issue #4325). With it, the
 * Ingress stays Terminating on its finalizer and the ALB stays.
 */
export function ingressLoadBalancerAttributes(
  cluster: Pick<ClusterSettings, 'deletionProtection'>,
): AttributePair[] {
  return cluster.deletionProtection ? [['deletion_protection.enabled', 'true']] : [];
}

/**
 * Ingress `pms/pms`: one rule for the cluster's host, the routes as its paths in evaluation order. In a cluster that
 * guards against deletion (prod, or `deletionProtection`) it carries the controller's deletion guard and Argo CD's
 * `Prune=false,Delete=false`; with `dnsAnnotations`, external-dns's set identifier and weight of the host's record.
 */
export function ingressObject(
  cluster: ClusterSettings,
  routes: readonly PlannedRoute[],
  dnsAnnotations: Readonly<Record<string, string>> = {},
): Manifest {
  const attributes = ingressLoadBalancerAttributes(cluster);
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: {
      name: PMS_INGRESS_NAME,
      namespace: PMS_NAMESPACE,
      labels: recommendedLabels(PMS_INGRESS_NAME, 'ingress'),
      annotations: {
        ...guardedAnnotations(SyncWave.ingress, { deletionGuard: deletionGuardRequired(cluster) }),
        ...(attributes.length > 0
          ? { [AlbAnnotation.loadBalancerAttributes]: formatAttributes(attributes) }
          : {}),
        [AlbAnnotation.listenPorts]: formatListenPorts([
          { protocol: 'HTTP', port: 80 },
          { protocol: 'HTTPS', port: 443 },
        ]),
        // external-dns's weighted record of the host (ingressDnsAnnotations, libs/ingress/src/dns/records.ts).
        ...dnsAnnotations,
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
}

/**
 * The target-group annotations of one backend Service: backend protocol, the health check unchanged from the
 * catalogue, and its target-group attributes (stickiness). No target type: IngressClassParams `targetType: ip`
 * sets it for every target group.
 */
export function targetGroupAnnotations(backend: PlannedBackend): Record<string, string> {
  const hc = backend.healthCheck;
  return {
    [AlbAnnotation.backendProtocol]: 'HTTP',
    [AlbAnnotation.healthcheckProtocol]: hc.protocol,
    [AlbAnnotation.healthcheckPort]: String(hc.port),
    [AlbAnnotation.healthcheckPath]: hc.path,
    [AlbAnnotation.successCodes]: hc.successCodes,
    [AlbAnnotation.healthcheckIntervalSeconds]: String(hc.intervalSeconds),
    [AlbAnnotation.healthcheckTimeoutSeconds]: String(hc.timeoutSeconds),
    [AlbAnnotation.healthyThresholdCount]: String(hc.healthyThresholdCount),
    [AlbAnnotation.unhealthyThresholdCount]: String(hc.unhealthyThresholdCount),
    ...(backend.targetGroupAttributes.length > 0
      ? { [AlbAnnotation.targetGroupAttributes]: formatAttributes(backend.targetGroupAttributes) }
      : {}),
  };
}

/** The target-group annotations of every backend Service, by Service name. */
export function serviceAnnotationsOf(
  plan: Pick<IngressPlan, 'backends'>,
): ReadonlyMap<string, Readonly<Record<string, string>>> {
  return new Map(plan.backends.map((backend) => [backend.service, targetGroupAnnotations(backend)]));
}

/**
 * The load balancer as the controller reads these objects, with the backend Services carrying the published
 * annotations (for the docs; `checkRouting` checks the synthesized output).
 */
export function albOf(
  objects: readonly Manifest[],
  serviceAnnotations: ReadonlyMap<string, Readonly<Record<string, string>>>,
): AlbGroup {
  const services: Manifest[] = [...serviceAnnotations].map(([name, annotations]) => ({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, namespace: PMS_NAMESPACE, annotations },
  }));
  const [alb, ...others] = resolveAlbGroups([...objects, ...services]);
  if (!alb || others.length > 0) throw new Error('PmsIngress: expected exactly one ALB from its own objects');
  return alb;
}
