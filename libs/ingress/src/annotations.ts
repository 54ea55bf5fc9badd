/**
 * The AWS Load Balancer Controller's annotation keys (prefix `alb.ingress.kubernetes.io/`) and the
 * IngressClass/IngressClassParams identifiers, typed, so that builders and readers (the routing simulator,
 * the security gate) agree on every spelling.
 */
import { closeMatches } from '@pms/core';

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

/**
 * Every annotation key the AWS Load Balancer Controller v2.17.1 reads, by suffix after `alb.ingress.kubernetes.io/`:
 * the closed set of `IngressSuffix*`/`IngressLBSuffix*` constants of `pkg/annotations/constants.go` plus the dynamic
 * keys built in `pkg/ingress/enhanced_backend_builder.go` (`actions.*`, `conditions.*`, `transforms.*`) and
 * `listener-attributes.*`, `target-control-port.*` (docs/guide/ingress/annotations.md). The controller silently
 * ignores any other key under the prefix, so a misspelt key (`healthcheckPath`) leaves the setting at its default.
 * `service: true` marks the target-group keys the controller also reads from a backend Service (the Service value
 * wins; `pkg/ingress/model_build_target_group.go` merges `svc.Annotations` over the Ingress's); the others are read
 * from the Ingress only, so on a Service they are ignored as well.
 */
export const ALB_ANNOTATION_SUFFIXES: Readonly<Record<string, { readonly service: boolean }>> =
  Object.fromEntries([
    // Target group: Service or Ingress (the Service wins).
    ...[
      'target-type',
      'backend-protocol',
      'backend-protocol-version',
      'target-group-attributes',
      'healthcheck-port',
      'healthcheck-protocol',
      'healthcheck-path',
      'healthcheck-interval-seconds',
      'healthcheck-timeout-seconds',
      'healthy-threshold-count',
      'unhealthy-threshold-count',
      'success-codes',
      'auth-type',
      'auth-idp-cognito',
      'auth-idp-oidc',
      'auth-on-unauthenticated-request',
      'auth-scope',
      'auth-session-cookie',
      'auth-session-timeout',
      'target-node-labels',
      'multi-cluster-target-group',
      'tags',
    ].map((suffix) => [suffix, { service: true }] as const),
    // Load balancer, listeners and rules: the Ingress only.
    ...[
      'group.name',
      'group.order',
      'load-balancer-name',
      'ip-address-type',
      'scheme',
      'subnets',
      'security-groups',
      'manage-backend-security-group-rules',
      'customer-owned-ipv4-pool',
      'load-balancer-attributes',
      'minimum-load-balancer-capacity',
      'ipam-ipv4-pool-id',
      'wafv2-acl-arn',
      'wafv2-acl-name',
      'waf-acl-id',
      'web-acl-id',
      'shield-advanced-protection',
      'listen-ports',
      'ssl-redirect',
      'inbound-cidrs',
      'security-group-prefix-lists',
      'certificate-arn',
      'ssl-policy',
      'mutual-authentication',
      'use-regex-path-match',
      'jwt-validation',
      'enable-frontend-nlb',
      'frontend-nlb-scheme',
      'frontend-nlb-subnets',
      'frontend-nlb-security-groups',
      'frontend-nlb-listener-port-mapping',
      'frontend-nlb-eip-allocations',
      'frontend-nlb-healthcheck-port',
      'frontend-nlb-healthcheck-protocol',
      'frontend-nlb-healthcheck-path',
      'frontend-nlb-healthcheck-interval-seconds',
      'frontend-nlb-healthcheck-timeout-seconds',
      'frontend-nlb-healthcheck-healthy-threshold-count',
      'frontend-nlb-healthcheck-unhealthy-threshold-count',
      'frontend-nlb-healthcheck-success-codes',
      'frontend-nlb-tags',
    ].map((suffix) => [suffix, { service: false }] as const),
  ]);

/**
 * The key prefixes the controller completes with a name (`actions.<service>`, `conditions.<service>`,
 * `transforms.<service>`, `listener-attributes.<PROTOCOL>-<port>`) or a Service and port
 * (`target-control-port.<service>.<port>`, read from the Service too).
 */
export const ALB_ANNOTATION_DYNAMIC_PREFIXES: Readonly<Record<string, { readonly service: boolean }>> = {
  'actions.': { service: false },
  'conditions.': { service: false },
  'transforms.': { service: false },
  'listener-attributes.': { service: false },
  'target-control-port.': { service: true },
};

/** What the controller does with one `alb.ingress.kubernetes.io/…` key on an object of `kind`. */
export type AlbAnnotationKeyProblem =
  /** The controller reads no such key. */
  | { readonly reason: 'unknown'; readonly suffix: string; readonly suggestions: readonly string[] }
  /** The key exists, but the controller reads it from the Ingress only (it is ignored on a Service). */
  | { readonly reason: 'ingress-only'; readonly suffix: string };

/**
 * Whether the controller reads the annotation `key` (full key) on an object of `kind` (`Ingress` or `Service`):
 * undefined when it does (or the key is not under the ALB prefix), else why not, with the closest known keys.
 */
export function albAnnotationKeyProblem(
  key: string,
  kind: 'Ingress' | 'Service',
): AlbAnnotationKeyProblem | undefined {
  const prefix = `${ALB_ANNOTATION_PREFIX}/`;
  if (!key.startsWith(prefix)) return undefined;
  const suffix = key.slice(prefix.length);
  const dynamic = Object.entries(ALB_ANNOTATION_DYNAMIC_PREFIXES).find(
    ([start]) => suffix.startsWith(start) && suffix.length > start.length,
  );
  const known = ALB_ANNOTATION_SUFFIXES[suffix] ?? dynamic?.[1];
  if (!known) {
    const near = closeMatches(suffix, Object.keys(ALB_ANNOTATION_SUFFIXES)).slice(0, 3);
    return { reason: 'unknown', suffix, suggestions: near.map((s) => `${prefix}${s}`) };
  }
  if (kind === 'Service' && !known.service) return { reason: 'ingress-only', suffix };
  return undefined;
}

/** Where the annotation builders live, for messages that send the reader there. */
export const ANNOTATIONS_FILE = 'libs/ingress/src/annotations.ts';

/**
 * How messages name the source of an annotation key: `AlbAnnotation.healthcheckPath (libs/ingress/src/annotations.ts)`
 * when a member of `AlbAnnotation` spells it, else undefined.
 */
export function albAnnotationSource(key: string): string | undefined {
  const member = Object.entries(AlbAnnotation).find(([, value]) => value === key)?.[0];
  return member ? `AlbAnnotation.${member} (${ANNOTATIONS_FILE})` : undefined;
}

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
