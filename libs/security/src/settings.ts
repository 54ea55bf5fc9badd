/** The security section of a cluster's settings: WAF tuning and how the load balancer controller gets its IAM role. */

/**
 * IAM roles for service accounts (IRSA): the role trusts the cluster's IAM OIDC identity provider for
 * exactly the controller's ServiceAccount. The provider must exist in the cluster's account
 * (`eksctl utils associate-iam-oidc-provider` or the EKS console).
 */
export interface IrsaIdentity {
  /** Selects IRSA. */
  readonly mode: 'irsa';
  /**
   * The id at the end of the cluster's OIDC issuer URL (`https://oidc.eks.<region>.amazonaws.com/id/<id>`):
   * 32 upper-case hexadecimal characters, e.g. from
   * `aws eks describe-cluster --name <cluster> --query cluster.identity.oidc.issuer`.
   */
  readonly oidcProviderId: string;
}

/**
 * EKS Pod Identity: the role trusts `pods.eks.amazonaws.com`, restricted by session tags to the cluster, the
 * controller's namespace and ServiceAccount. Needs the EKS Pod Identity Agent add-on and a pod identity
 * association (created outside this repository; see docs/security.md).
 */
export interface PodIdentity {
  /** Selects EKS Pod Identity. */
  readonly mode: 'pod-identity';
}

/** How the AWS Load Balancer Controller's pods obtain its IAM role. */
export type ControllerIdentitySettings = IrsaIdentity | PodIdentity;

/** Tuning of the cluster's WAF web ACL. The rule set itself is fixed; only the rate limit varies (see `webAclRules`). */
export interface WafSettings {
  /**
   * Requests one client IP may send in 5 minutes before the rate-based rule blocks it (WAF: 10 to 2,000,000,000).
   * @default 1000
   */
  readonly rateLimitPer5Minutes?: number;
}

/** The security section of a cluster's settings. */
export interface SecuritySettings {
  /** How the load balancer controller's pods assume its IAM role. */
  readonly controllerIdentity: ControllerIdentitySettings;
  /**
   * WAF web ACL tuning.
   * @default { rateLimitPer5Minutes: 1000 }
   */
  readonly waf?: WafSettings;
}
