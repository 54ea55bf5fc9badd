import {
  boolean,
  choice,
  integer,
  labelSelector,
  list,
  map,
  object,
  string,
  customResource,
  type JsonSchema,
} from './dsl.js';

/**
 * The AWS Load Balancer Controller's custom resources (group `elbv2.k8s.aws`, version v1beta1), written from
 * the field lists of the controller's CRDs at v2.17.1 (unchanged in v3.5.0 for IngressClassParams).
 */

/** `{ key, value }` attribute of a load balancer or listener, in the controller's spelling. */
const attribute = object({ key: string({ minLength: 1 }), value: string() }, ['key', 'value']);

/** An AWS tag, as the controller spells it (both parts required). */
const tag = object({ key: string({ minLength: 1 }), value: string() }, ['key', 'value']);

/** A TCP/UDP port by number (1-65535) or by the Service port's name. */
const portNumberOrName: JsonSchema = {
  anyOf: [integer(1, 65535), string({ minLength: 1, allowed: 'a port name' })],
};

/** IngressClassParams: load-balancer-wide settings for every Ingress of an IngressClass (cluster-scoped). */
export const ingressClassParams = customResource(
  'elbv2.k8s.aws/v1beta1',
  'IngressClassParams',
  object({
    certificateArn: list(string({ pattern: '^arn:', allowed: 'an ACM certificate ARN' })),
    group: object({ name: string({ minLength: 1, maxLength: 63 }) }, ['name']),
    inboundCIDRs: list(string()),
    ipAddressType: choice('ipv4', 'dualstack', 'dualstack-without-public-ipv4'),
    ipamConfiguration: object({ ipv4IPAMPoolId: string() }),
    listeners: list(
      object({
        listenerAttributes: list(attribute),
        port: integer(1, 65535),
        protocol: choice('HTTP', 'HTTPS'),
      }),
    ),
    loadBalancerAttributes: list(attribute),
    loadBalancerName: string({ minLength: 1, maxLength: 32 }),
    minimumLoadBalancerCapacity: object({ capacityUnits: integer(0) }, ['capacityUnits']),
    namespaceSelector: labelSelector,
    prefixListsIDs: list(string()),
    // Legacy spelling kept by the controller; not recommended, and not allowed together with prefixListsIDs.
    PrefixListsIDs: list(string()),
    scheme: choice('internal', 'internet-facing'),
    sslPolicy: string({ minLength: 1 }),
    sslRedirectPort: string({ pattern: '^[0-9]{1,5}$', allowed: 'a port number as a string, e.g. "443"' }),
    subnets: object({
      ids: list(string({ pattern: '^subnet-[0-9a-f]+$' }), { minItems: 1 }),
      tags: map(list(string())),
    }),
    tags: list(tag),
    targetType: choice('instance', 'ip'),
    wafv2AclArn: string({ pattern: '^arn:', allowed: 'a WAFv2 web ACL ARN' }),
    wafv2AclName: string({ minLength: 1 }),
  }),
);

/** TargetGroupBinding: registers a Service's endpoints in an existing target group (namespaced). */
export const targetGroupBinding = customResource(
  'elbv2.k8s.aws/v1beta1',
  'TargetGroupBinding',
  object(
    {
      assumeRoleExternalId: string(),
      iamRoleArnToAssume: string({ pattern: '^arn:', allowed: 'an IAM role ARN' }),
      ipAddressType: choice('ipv4', 'ipv6'),
      multiClusterTargetGroup: boolean,
      networking: object({
        ingress: list(
          object(
            {
              from: list(
                object({
                  ipBlock: object({ cidr: string() }, ['cidr']),
                  securityGroup: object({ groupID: string() }, ['groupID']),
                }),
              ),
              ports: list(object({ port: portNumberOrName, protocol: choice('TCP', 'UDP') })),
            },
            ['from', 'ports'],
          ),
        ),
      }),
      nodeSelector: labelSelector,
      serviceRef: object({ name: string({ minLength: 1 }), port: portNumberOrName }, ['name', 'port']),
      targetGroupARN: string({ pattern: '^arn:', allowed: 'an ELBv2 target group ARN' }),
      targetGroupName: string({ minLength: 1, maxLength: 32 }),
      targetGroupProtocol: choice('HTTP', 'HTTPS', 'TCP', 'TLS', 'UDP', 'TCP_UDP', 'QUIC', 'TCP_QUIC'),
      targetType: choice('instance', 'ip'),
      vpcID: string({ pattern: '^vpc-[0-9a-f]+$' }),
    },
    ['serviceRef'],
  ),
);
