/**
 * A typed view of the AWS Load Balancer Controller's `IngressClassParams` (`elbv2.k8s.aws/v1beta1`), limited to the
 * fields its readers use (the policy gate, the diff), so they read it through `ofKind`/`isKind` like the Kubernetes
 * kinds. Field names from the controller's CRD (`ingressclassparams.elbv2.k8s.aws`) that `@pms/schemas` validates
 * against.
 */
import type { INGRESS_CLASS_PARAMS_API_VERSION } from './annotations.js';

/** An `IngressClassParams` as rendered. */
export interface IngressClassParamsView {
  readonly apiVersion: typeof INGRESS_CLASS_PARAMS_API_VERSION;
  readonly kind: 'IngressClassParams';
  readonly spec?: {
    /** Load-balancer attributes, each `{ key, value }`. */
    readonly loadBalancerAttributes?: readonly { readonly key: string; readonly value: string }[];
    /** ELB security policy of the HTTPS listeners. */
    readonly sslPolicy?: string;
    /** Certificates of the HTTPS listeners. */
    readonly certificateArn?: readonly string[];
    /** HTTPS port every HTTP listener redirects to. */
    readonly sslRedirectPort?: string;
    /** The web ACL by ARN. */
    readonly wafv2AclArn?: string;
    /** The web ACL by name (instead of its ARN). */
    readonly wafv2AclName?: string;
    /** Per-listener settings: the listener attributes (response headers) of each protocol and port. */
    readonly listeners?: readonly {
      readonly protocol?: string;
      readonly port?: number;
      readonly listenerAttributes?: readonly { readonly key: string; readonly value: string }[];
    }[];
    /** Any other field, read by name. */
    readonly [field: string]: unknown;
  };
}
