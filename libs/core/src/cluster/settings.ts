/**
 * The identity of one cluster: the settings every concern shares. Each concern library adds its
 * own settings section (see `PmsClusterSettings` in `@pms/platform`); this part is plain data,
 * checked by `validateClusterSettings` before anything is built.
 */

/** The environments PMS runs in. Production turns on the protections that guard against deletion. */
export type Environment = 'dev' | 'staging' | 'prod';

/** The AWS account and region the cluster lives in. */
export interface AwsLocation {
  /** Twelve-digit AWS account id that owns the cluster, the ALB, the certificate and the web ACL. */
  readonly accountId: string;
  /** AWS region of the cluster, e.g. `eu-central-1`. Certificates and web ACLs must be in this region. */
  readonly region: string;
}

/** One public subnet the ALB places a network interface in. */
export interface AlbSubnet {
  /**
   * Subnet id, e.g. `subnet-0a1b2c3d4e5f60718`. The ALB is pinned to exactly these subnets (IngressClassParams
   * `spec.subnets.ids`), so its addresses are the ones the NetworkPolicies admit.
   */
  readonly id: string;
  /** Availability zone of the subnet, e.g. `eu-central-1a`; must belong to the cluster's region. */
  readonly availabilityZone: string;
  /** IPv4 CIDR of the subnet; must lie inside the VPC CIDR and not overlap another ALB subnet. */
  readonly cidr: string;
}

/** The VPC the cluster and its ALB run in. */
export interface VpcSettings {
  /** VPC id, e.g. `vpc-0a1b2c3d4e5f60718`. */
  readonly id: string;
  /** IPv4 CIDR of the VPC, e.g. `10.20.0.0/16`. Pods get addresses from it (VPC CNI). */
  readonly cidr: string;
  /**
   * The ALB's public subnets, one per availability zone, at least two zones (an ALB requires two).
   * NetworkPolicies admit the ALB from exactly these CIDRs.
   */
  readonly albSubnets: readonly AlbSubnet[];
  /**
   * The CIDRs pods (and nodes) get addresses from (VPC CNI). They must not overlap the ALB subnets: the
   * NetworkPolicies admit the ALB by its subnets' CIDRs, so a pod inside one would be admitted as if it were the ALB.
   */
  readonly podSubnets: readonly string[];
  /**
   * The cluster's Kubernetes Service IPv4 CIDR, e.g. `172.20.0.0/16` (`aws eks describe-cluster --name <eks>
   * --query cluster.kubernetesNetworkConfig.serviceIpv4Cidr`). Its first address is the ClusterIP of the
   * `kubernetes` Service, which in-cluster clients of the API server dial: the VPC CNI enforces egress before the
   * Service address is translated, so the NetworkPolicies admit the API server by that address. It must not overlap
   * the VPC (an EKS rule).
   */
  readonly serviceCidr: string;
  /**
   * The CIDRs of the subnets the EKS control plane places its network interfaces in, the API server's endpoints
   * behind the `kubernetes` Service (`aws eks describe-cluster --name <eks> --query
   * cluster.resourcesVpcConfig.subnetIds`, then `aws ec2 describe-subnets`). Inside the VPC, apart from the ALB
   * and pod subnets: the NetworkPolicies open TCP 443 to them for the pods that call the API server.
   */
  readonly controlPlaneSubnets: readonly string[];
}

/** Days the access logs are kept when nothing else is said: three months of request history for investigations. */
export const DEFAULT_ACCESS_LOG_RETENTION_DAYS = 90;

/** Where the ALB writes its access logs. */
export interface AccessLogSettings {
  /**
   * S3 bucket name (3-63 lower-case characters). The cluster renders this bucket (an ACK `Bucket` with the policy
   * that lets ELB deliver logs in the cluster's region) unless `external` is true.
   */
  readonly bucket: string;
  /** Key prefix inside the bucket, without leading or trailing slash, e.g. `alb/pms-prod`. */
  readonly prefix: string;
  /**
   * Days a log object is kept before the bucket's lifecycle rule expires it (only for a bucket the cluster renders).
   * @default 90 (`DEFAULT_ACCESS_LOG_RETENTION_DAYS`)
   */
  readonly retentionDays?: number;
  /**
   * `true` when the bucket is created and managed outside this repository (e.g. a central logging account's bucket):
   * the cluster then renders no bucket, and the bucket's owner must give it SSE-S3 encryption and the ELB delivery
   * policy. Without it, the render refuses an access-log bucket the cluster does not render.
   * @default false
   */
  readonly external?: boolean;
}

/** Settings shared by every concern for one cluster. */
export interface ClusterSettings {
  /** Cluster name: the folder under `clusters/`, the Argo CD destination name and the Nx app name. */
  readonly name: string;
  /** Environment; `prod` requires deletion protection. */
  readonly environment: Environment;
  /** The EKS cluster's own name in AWS (the controller chart's required `clusterName`). */
  readonly eksClusterName: string;
  /** AWS account and region. */
  readonly aws: AwsLocation;
  /** VPC and the ALB's subnets. */
  readonly vpc: VpcSettings;
  /** Public host name served by the ALB, e.g. `pms.example.com`. */
  readonly host: string;
  /**
   * ARN of an ACM certificate for `host`, in the cluster's account and region, set only to pin one on purpose.
   * Without it the load balancer controller discovers the certificate: the ISSUED ACM certificates whose names
   * cover the Ingress host (the one the cluster renders as an ACK `Certificate`).
   * @default undefined (discovery from the host)
   */
  readonly certificateArn?: string;
  /**
   * ARN of the cluster's own regional WAFv2 web ACL (`<name>-web-acl`), set only to pin it by ARN on purpose.
   * Without it the ALB names the web ACL by name (IngressClassParams `wafv2AclName`), which the controller resolves.
   * @default undefined (the web ACL by name)
   */
  readonly webAclArn?: string;
  /** ALB access logs destination. */
  readonly accessLogs: AccessLogSettings;
  /** Protect the ALB from deletion (required in `prod`). */
  readonly deletionProtection: boolean;
}
