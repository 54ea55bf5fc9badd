/**
 * Test support: a valid example of the shared cluster identity (`ClusterSettings`), so every library's tests
 * start from the same well-formed cluster instead of copying it. Pure data: no test framework, no file system,
 * no environment. Nothing in the render pipeline uses it; the real clusters are written out in `apps/pms-*`.
 */
import type { ClusterSettings, Environment } from '../cluster/settings.js';

/**
 * What a test may change about the example cluster. The parameters (`region`, `accountId`, `vpcOctet`, `zones`,
 * plus `name` and `environment`) derive every dependent field, so the result stays valid; a field given
 * explicitly (e.g. `host`) replaces the derived value as is.
 */
export interface ExampleClusterOverrides extends Partial<Omit<ClusterSettings, 'aws'>> {
  /** AWS region; also the region of the ARNs and the prefix of the availability zones. @default 'eu-central-1' */
  readonly region?: string;
  /** Twelve-digit AWS account id; also the account of the ARNs. @default '123456789012' */
  readonly accountId?: string;
  /**
   * Second octet of the VPC CIDR `10.<octet>.0.0/16`; the ALB subnets are `10.<octet>.<i>.0/24`, the pods'
   * subnet is `10.<octet>.64.0/18` and the control plane's subnets `10.<octet>.16.<16·i>/28`, one per zone (the
   * Service CIDR is EKS's default for a 10.x VPC, 172.20.0.0/16).
   * @default 40
   */
  readonly vpcOctet?: number;
  /** Availability-zone suffixes, one ALB subnet each (an ALB needs at least two). @default ['a', 'b'] */
  readonly zones?: readonly string[];
}

/**
 * A valid `ClusterSettings` (it passes `validateClusterSettings`), fresh on every call so a test may mutate it.
 * Defaults: cluster `pms-test`, staging, account 123456789012 in eu-central-1, VPC 10.40.0.0/16 with ALB
 * subnets in zones a and b, host `<name>.example.com`, no pinned certificate or web ACL ARN, deletion protection in prod only.
 */
export function exampleClusterSettings(overrides: ExampleClusterOverrides = {}): ClusterSettings {
  const {
    region = 'eu-central-1',
    accountId = '123456789012',
    vpcOctet = 40,
    zones = ['a', 'b'],
    name = 'pms-test',
  } = overrides;
  const environment: Environment = overrides.environment ?? 'staging';
  return {
    name,
    environment,
    eksClusterName: overrides.eksClusterName ?? name,
    aws: { accountId, region },
    vpc: overrides.vpc ?? {
      id: 'vpc-0a1b2c3d4e5f60744',
      cidr: `10.${vpcOctet}.0.0/16`,
      albSubnets: zones.map((zone, i) => ({
        id: `subnet-${String(i + 1).padStart(17, '0')}`,
        availabilityZone: `${region}${zone}`,
        cidr: `10.${vpcOctet}.${i}.0/24`,
      })),
      podSubnets: [`10.${vpcOctet}.64.0/18`],
      serviceCidr: '172.20.0.0/16',
      controlPlaneSubnets: zones.map((_, i) => `10.${vpcOctet}.16.${i * 16}/28`),
    },
    host: overrides.host ?? `${name}.example.com`,
    // No certificate or web ACL ARN: the ALB discovers the certificate and names the web ACL (set them to pin).
    ...(overrides.certificateArn !== undefined ? { certificateArn: overrides.certificateArn } : {}),
    ...(overrides.webAclArn !== undefined ? { webAclArn: overrides.webAclArn } : {}),
    accessLogs: overrides.accessLogs ?? { bucket: `${name}-alb-logs`, prefix: `alb/${name}` },
    deletionProtection: overrides.deletionProtection ?? environment === 'prod',
  };
}
