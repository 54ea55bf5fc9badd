/** The shapes of the ALB model: what `resolveAlbGroups` returns. */
import type { IngressPathType } from '../path-pattern.js';

/** What a listener rule or default action does. */
export type AlbAction =
  /** Forward to the target group of a Service port. */
  | {
      readonly type: 'forward';
      readonly namespace: string;
      readonly service: string;
      readonly port: number | string;
    }
  /** Redirect (the ssl-redirect default action, or an annotation action). */
  | {
      readonly type: 'redirect';
      readonly statusCode: number;
      readonly protocol: string;
      readonly port: string;
    }
  /** A fixed response, e.g. the 404 of a listener without default backend. */
  | { readonly type: 'fixed-response'; readonly statusCode: number };

/** Where a listener rule comes from in the Ingress objects. */
export interface RuleSource {
  /** `namespace/name` of the Ingress. */
  readonly ingress: string;
  /** Index in `spec.rules`. */
  readonly ruleIndex: number;
  /** Host of that rules entry, if any. */
  readonly host?: string;
  /** The Ingress path, if any. */
  readonly path?: string;
  /** The Ingress pathType (ImplementationSpecific when unset). */
  readonly pathType?: IngressPathType;
}

/** One listener rule, in the order the ALB evaluates them (priority 1 first). */
export interface AlbRule {
  /** ALB rule priority: 1, 2, 3, … in evaluation order. */
  readonly priority: number;
  /** Host-header condition values (any matches); empty means any host. */
  readonly hosts: readonly string[];
  /** Path-pattern condition values (any matches); empty means any path. */
  readonly paths: readonly string[];
  /** The action. */
  readonly action: AlbAction;
  /** Where the rule comes from. */
  readonly source: RuleSource;
}

/**
 * The object and field a load-balancer setting is read from: a field of the IngressClassParams (which the
 * controller prefers) or an annotation of a member Ingress. Docs and findings name it, so they say where the
 * value really lives.
 */
export interface SettingOrigin {
  /** Kind of the object carrying the value. */
  readonly kind: 'IngressClassParams' | 'Ingress';
  /** Name (IngressClassParams) or `namespace/name` (Ingress) of that object. */
  readonly object: string;
  /** Path of the field, e.g. `spec.certificateArn` or `metadata.annotations["alb.ingress.kubernetes.io/…"]`. */
  readonly field: string;
}

/** The subnets the ALB is placed in, when the objects pin them (otherwise the controller discovers them by tags). */
export interface AlbSubnets {
  /** Subnet ids listed explicitly (IngressClassParams `spec.subnets.ids`, or ids in the `subnets` annotation). */
  readonly ids: readonly string[];
  /** Entries of the `subnets` annotation that are not subnet ids (the controller reads them as `Name` tags). */
  readonly names: readonly string[];
  /** Tag selection (IngressClassParams `spec.subnets.tags`): tag key → accepted values. */
  readonly tags?: Readonly<Record<string, readonly string[]>>;
  /** Where the selection is read from. */
  readonly origin: SettingOrigin;
}

/** One listener. */
export interface AlbListener {
  /** `HTTP` or `HTTPS`. */
  readonly protocol: 'HTTP' | 'HTTPS';
  /** Listener port. */
  readonly port: number;
  /** Security policy (HTTPS only). */
  readonly sslPolicy?: string;
  /** Certificate ARNs named explicitly (HTTPS only). */
  readonly certificateArns: readonly string[];
  /** Where the certificate ARNs are read from (HTTPS listeners with a certificate). */
  readonly certificateOrigin?: SettingOrigin;
  /**
   * Hosts the controller discovers certificates for (HTTPS only): those of the listening Ingresses that name no
   * certificate. It attaches every ISSUED ACM certificate whose names cover one of them and fails the Ingress with
   * `no certificate found for host: <host>` when a host has none (LBC v2.17.1 `pkg/certs/cert_discovery.go`).
   */
  readonly certificateDiscoveryHosts: readonly string[];
  /** Effective listener attributes (IngressClassParams over annotation, key by key). */
  readonly attributes: ReadonlyMap<string, string>;
  /** Rules in priority order (none on an HTTP listener with ssl-redirect). */
  readonly rules: readonly AlbRule[];
  /** What happens when no rule matches. */
  readonly defaultAction: AlbAction;
}

/** Where an effective target-group value comes from. */
export type SettingSource = 'IngressClassParams' | 'Service' | 'Ingress' | 'controller default';

/** Effective settings of one target group (one Service port referenced from one Ingress). */
export interface AlbTargetGroup {
  /** `namespace/name` of the Ingress referencing it. */
  readonly ingress: string;
  /** Service namespace. */
  readonly namespace: string;
  /** Service name. */
  readonly service: string;
  /** Service port (number or name) as referenced. */
  readonly port: number | string;
  /** Whether the Service exists among the objects. */
  readonly serviceFound: boolean;
  /** Effective value of every target-group annotation key (full key) with its source. */
  readonly settings: ReadonlyMap<string, { readonly value: string; readonly source: SettingSource }>;
  /** Parsed target-group attributes of the winning `target-group-attributes` value. */
  readonly attributes: ReadonlyMap<string, string>;
}

/** One load balancer: an IngressGroup (explicit `group.name`) or a single Ingress (implicit group). */
export interface AlbGroup {
  /** Group name, or `namespace/name` of the Ingress for an implicit group. */
  readonly name: string;
  /** True for an explicit group. */
  readonly explicit: boolean;
  /** Members (`namespace/name`) in the controller's order: group.order, then namespace/name. */
  readonly members: readonly string[];
  /** IngressClass name of the members (first member's), if any. */
  readonly ingressClass?: string;
  /** IngressClassParams name, if the class has parameters. */
  readonly ingressClassParams?: string;
  /** `internet-facing` or `internal` (controller default: internal). */
  readonly scheme: string;
  /** Pinned load balancer name, if any. */
  readonly loadBalancerName?: string;
  /** Target type for every target group when the IngressClassParams set it. */
  readonly targetTypeOverride?: string;
  /** WAFv2 web ACL name, if any; the controller resolves it to an ARN, and a name beats any ARN. */
  readonly wafv2AclName?: string;
  /** Where the web ACL name is read from, when there is one. */
  readonly wafv2AclNameOrigin?: SettingOrigin;
  /** WAFv2 web ACL ARN, if any (read only when no member names a web ACL by name). */
  readonly wafv2AclArn?: string;
  /** Where the web ACL ARN is read from, when there is one. */
  readonly wafv2AclArnOrigin?: SettingOrigin;
  /** The subnets the objects pin the ALB to; undefined when the controller discovers them by subnet tags. */
  readonly subnets?: AlbSubnets;
  /** Effective load-balancer attributes. */
  readonly loadBalancerAttributes: ReadonlyMap<string, string>;
  /** Listeners by ascending port. */
  readonly listeners: readonly AlbListener[];
  /** Target groups in first-reference order. */
  readonly targetGroups: readonly AlbTargetGroup[];
  /** What the controller would refuse or warn about (empty when it reconciles cleanly). */
  readonly problems: readonly string[];
}
