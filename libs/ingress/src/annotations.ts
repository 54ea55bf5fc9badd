/**
 * The AWS Load Balancer Controller's annotation keys (prefix `alb.ingress.kubernetes.io/`) and the
 * IngressClass/IngressClassParams identifiers, typed, so that builders and readers (the routing simulator,
 * the security gate) agree on every spelling.
 */

/** Prefix of every ALB annotation. */
export const ALB_ANNOTATION_PREFIX = 'alb.ingress.kubernetes.io';

const key = <S extends string>(suffix: S) => `${ALB_ANNOTATION_PREFIX}/${suffix}` as const;

/** ALB annotation keys, on the Ingress (load balancer, listeners, rules) or the Service (target group). */
export const AlbAnnotation = {
  /** `internet-facing` or `internal`. */
  scheme: key('scheme'),
  /** `ip` (pods registered directly; required for cookie stickiness) or `instance`. */
  targetType: key('target-type'),
  /** ACM certificate ARNs, comma separated. */
  certificateArn: key('certificate-arn'),
  /** JSON list of `{"HTTP": 80}` / `{"HTTPS": 443}` objects, ports as JSON numbers. */
  listenPorts: key('listen-ports'),
  /** HTTPS port every HTTP listener redirects to (301); HTTP listeners then carry no rules. */
  sslRedirect: key('ssl-redirect'),
  /** ELB security policy of the HTTPS listeners. */
  sslPolicy: key('ssl-policy'),
  /** Load-balancer attributes in the attribute grammar. */
  loadBalancerAttributes: key('load-balancer-attributes'),
  /** Target-group attributes in the attribute grammar (Service value replaces the Ingress value). */
  targetGroupAttributes: key('target-group-attributes'),
  /** Target-group protocol, `HTTP` or `HTTPS`. */
  backendProtocol: key('backend-protocol'),
  /** Health-check protocol. */
  healthcheckProtocol: key('healthcheck-protocol'),
  /** Health-check port: `traffic-port` or a number. */
  healthcheckPort: key('healthcheck-port'),
  /** Health-check path. */
  healthcheckPath: key('healthcheck-path'),
  /** Seconds between health checks. */
  healthcheckIntervalSeconds: key('healthcheck-interval-seconds'),
  /** Seconds before a health check fails. */
  healthcheckTimeoutSeconds: key('healthcheck-timeout-seconds'),
  /** Consecutive successes before healthy. */
  healthyThresholdCount: key('healthy-threshold-count'),
  /** Consecutive failures before unhealthy. */
  unhealthyThresholdCount: key('unhealthy-threshold-count'),
  /** HTTP codes counted as healthy, e.g. `200-299`. */
  successCodes: key('success-codes'),
  /** ARN of the regional WAFv2 web ACL. */
  wafv2AclArn: key('wafv2-acl-arn'),
  /** Name of the regional WAFv2 web ACL (instead of its ARN). */
  wafv2AclName: key('wafv2-acl-name'),
  /** Id of a WAF Classic web ACL (the controller's legacy WAF). */
  wafAclId: key('waf-acl-id'),
  /** IngressGroup the Ingress joins (one ALB per group). */
  groupName: key('group.name'),
  /** Order of the Ingress inside its group, -1000..1000 (default 0). */
  groupOrder: key('group.order'),
  /** Pinned load balancer name. */
  loadBalancerName: key('load-balancer-name'),
  /** AWS tags in the attribute grammar. */
  tags: key('tags'),
  /** Subnets of the load balancer, comma separated: subnet ids or `Name` tags (IngressClassParams win). */
  subnets: key('subnets'),
  /** Listener attributes of one listener, `listener-attributes.<PROTOCOL>-<port>`. */
  listenerAttributes: (protocol: 'HTTP' | 'HTTPS', port: number) =>
    key(`listener-attributes.${protocol}-${port}`),
  /** Custom action of a backend whose port name is `use-annotation`, `actions.<service name>`. */
  actions: (name: string) => key(`actions.${name}`),
} as const;

/** The deprecated class annotation; PMS Ingresses use `spec.ingressClassName` instead. */
export const LEGACY_INGRESS_CLASS_ANNOTATION = 'kubernetes.io/ingress.class';

/** `spec.controller` of an IngressClass served by the AWS Load Balancer Controller. */
export const ALB_CONTROLLER = 'ingress.k8s.aws/alb';

/** API group and version of IngressClassParams. */
export const INGRESS_CLASS_PARAMS_API_VERSION = 'elbv2.k8s.aws/v1beta1';

/** Target-group values the controller uses when neither the Service nor the Ingress sets them. */
export const CONTROLLER_TARGET_GROUP_DEFAULTS = {
  targetType: 'instance',
  backendProtocol: 'HTTP',
  healthcheckPort: 'traffic-port',
  healthcheckPath: '/',
  successCodes: '200',
  healthcheckIntervalSeconds: '15',
  healthcheckTimeoutSeconds: '5',
  healthyThresholdCount: '2',
  unhealthyThresholdCount: '2',
} as const;

/** The target-group annotation keys, which a Service may set to override the Ingress. */
export const TARGET_GROUP_ANNOTATIONS = [
  AlbAnnotation.targetType,
  AlbAnnotation.backendProtocol,
  AlbAnnotation.healthcheckProtocol,
  AlbAnnotation.healthcheckPort,
  AlbAnnotation.healthcheckPath,
  AlbAnnotation.healthcheckIntervalSeconds,
  AlbAnnotation.healthcheckTimeoutSeconds,
  AlbAnnotation.healthyThresholdCount,
  AlbAnnotation.unhealthyThresholdCount,
  AlbAnnotation.successCodes,
  AlbAnnotation.targetGroupAttributes,
] as const;

/** One listener of `listen-ports`. */
export interface ListenPort {
  /** Listener protocol. */
  readonly protocol: 'HTTP' | 'HTTPS';
  /** Listener port, 1-65535. */
  readonly port: number;
}

/** Serializes `listen-ports` as the controller reads it: a JSON list with numeric ports. */
export function formatListenPorts(ports: readonly ListenPort[]): string {
  return JSON.stringify(ports.map(({ protocol, port }) => ({ [protocol]: port })));
}

/** Parses `listen-ports`; throws on a value the controller refuses. */
export function parseListenPorts(raw: string): ListenPort[] {
  let entries: unknown;
  try {
    entries = JSON.parse(raw);
  } catch {
    throw new Error(`failed to parse listen-ports configuration: ${raw}`);
  }
  if (!Array.isArray(entries) || entries.length === 0)
    throw new Error(`empty listen-ports configuration: ${raw}`);
  const ports: ListenPort[] = [];
  for (const entry of entries) {
    for (const [protocol, port] of Object.entries(entry as Record<string, unknown>)) {
      if (typeof port !== 'number' || !Number.isInteger(port) || port < 1 || port > 65535) {
        throw new Error(`listen port must be a JSON number within [1, 65535]: ${JSON.stringify(port)}`);
      }
      if (protocol !== 'HTTP' && protocol !== 'HTTPS') {
        throw new Error(`listen protocol must be within [HTTP, HTTPS]: ${protocol}`);
      }
      ports.push({ protocol, port });
    }
  }
  return ports;
}
