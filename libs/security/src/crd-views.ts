/**
 * Typed views of the ACK custom resources security renders, limited to the fields their readers use (the policy
 * gate, the diff), so they are read through `ofKind`/`isKind` like the Kubernetes kinds (whose interfaces come from
 * kubernetes-models). Field names from the CRDs `@pms/schemas` validates against: ACK wafv2-controller `WebACL`,
 * ACK acm-controller `Certificate`.
 */

/** An ACK WAFv2 `WebACL`. */
export interface WebAclView {
  readonly apiVersion: 'wafv2.services.k8s.aws/v1alpha1';
  readonly kind: 'WebACL';
  readonly spec?: {
    /** Name of the web ACL in AWS (what an ALB's ARN names). */
    readonly name?: string;
    /** `REGIONAL` or `CLOUDFRONT`. */
    readonly scope?: string;
    /** `{ allow: {} }` or `{ block: {} }`. */
    readonly defaultAction?: Readonly<Record<string, unknown>>;
    /** The rules, in priority order: each a statement and, for rule groups, an override action. */
    readonly rules?: readonly {
      readonly name?: string;
      readonly statement?: unknown;
      readonly overrideAction?: Readonly<Record<string, unknown>>;
    }[];
  };
}

/** An ACK ACM `Certificate`. */
export interface CertificateView {
  readonly apiVersion: 'acm.services.k8s.aws/v1alpha1';
  readonly kind: 'Certificate';
  readonly spec?: {
    /** The certificate's main name. */
    readonly domainName?: string;
    /** Its further names. */
    readonly subjectAlternativeNames?: readonly string[];
  };
}
