import { ALB_LISTENER_PROTOCOLS } from '@pms/crd-models';
import { choice, integer, labelSelector, list, object, overlay, string, type JsonSchema } from './dsl.js';

/**
 * Constraint overlays for the AWS Load Balancer Controller's custom resources (elbv2.k8s.aws/v1beta1), on top of
 * the models generated from the vendored v2.17.1 CRDs: limits of the ELBv2 API (load balancer and target group
 * names of at most 32 characters, ports 1-65535, listener protocols of an ALB) and of the controller's documented
 * values that the CRDs leave as free strings.
 */

/** `{ key, value }` attribute of a load balancer or listener: a key is never empty. */
const attribute = object({ key: string({ minLength: 1 }) });

/** A TCP/UDP port by number (1-65535) or by the Service port's name (the CRD: integer or string). */
const portNumberOrName: JsonSchema = {
  anyOf: [integer(1, 65535), string({ minLength: 1, allowed: 'a port name' })],
};

/** IngressClassParams: load-balancer-wide settings for every Ingress of an IngressClass. */
export const ingressClassParams = overlay(
  'elbv2.k8s.aws/v1beta1',
  'IngressClassParams',
  object({
    certificateArn: list(string({ pattern: '^arn:', allowed: 'an ACM certificate ARN' })),
    // Ingress group names: at most 63 characters (controller docs, IngressGroup).
    group: object({ name: string({ minLength: 1, maxLength: 63 }) }),
    listeners: list(
      object({
        listenerAttributes: list(attribute),
        port: integer(1, 65535),
        protocol: choice(...ALB_LISTENER_PROTOCOLS),
      }),
    ),
    loadBalancerAttributes: list(attribute),
    loadBalancerName: string({ minLength: 1, maxLength: 32 }),
    minimumLoadBalancerCapacity: object({ capacityUnits: integer(0) }),
    namespaceSelector: labelSelector,
    sslPolicy: string({ minLength: 1 }),
    sslRedirectPort: string({ pattern: '^[0-9]{1,5}$', allowed: 'a port number as a string, e.g. "443"' }),
    // The CRD's pattern `subnet-[0-9a-f]+` is unanchored; a subnet id is exactly that.
    subnets: object({ ids: list(string({ pattern: '^subnet-[0-9a-f]+$' })) }),
    tags: list(object({ key: string({ minLength: 1 }) })),
    wafv2AclArn: string({ pattern: '^arn:', allowed: 'a WAFv2 web ACL ARN' }),
    wafv2AclName: string({ minLength: 1 }),
  }),
);

/** TargetGroupBinding: registers a Service's endpoints in an existing target group. */
export const targetGroupBinding = overlay(
  'elbv2.k8s.aws/v1beta1',
  'TargetGroupBinding',
  object({
    iamRoleArnToAssume: string({ pattern: '^arn:', allowed: 'an IAM role ARN' }),
    networking: object({ ingress: list(object({ ports: list(object({ port: portNumberOrName })) })) }),
    nodeSelector: labelSelector,
    serviceRef: object({ name: string({ minLength: 1 }), port: portNumberOrName }),
    targetGroupARN: string({ pattern: '^arn:', allowed: 'an ELBv2 target group ARN' }),
    targetGroupName: string({ minLength: 1, maxLength: 32 }),
    vpcID: string({ pattern: '^vpc-[0-9a-f]+$' }),
  }),
);
