import type { PmsClusterSettings } from '@pms/platform';

/**
 * Synthetic fleets for the benchmark: N clusters made by varying a real cluster's settings, so every
 * synthetic cluster is as large as a real one and passes the same validation. Per cluster `i` (0-based):
 * name `pms-syn-<nnn>` (also inside every ARN, bucket and prefix that named the base cluster), host
 * `c<nnn>.pms.example.com`, VPC `10.<100+i>.0.0/16` with its subnets, distinct VPC and subnet ids, certificate id,
 * OIDC provider id and legacy load balancer names (the migration's), so the fleet passes the fleet check
 * (fleetIdentityIssuesOf in @pms/platform). The AWS account and region stay the base cluster's, as its ARNs must
 * match them.
 */
export function syntheticFleet(base: PmsClusterSettings, size: number): PmsClusterSettings[] {
  if (!Number.isInteger(size) || size < 1 || size > 150)
    throw new Error(`fleet size ${size}: allowed 1 to 150 (VPC 10.100-10.249)`);
  return Array.from({ length: size }, (_, index) => syntheticCluster(base, index));
}

/** The `index`-th synthetic cluster derived from `base`. */
export function syntheticCluster(base: PmsClusterSettings, index: number): PmsClusterSettings {
  const number = String(index + 1).padStart(3, '0');
  const name = `pms-syn-${number}`;
  const host = `c${number}.pms.example.com`;
  const baseOctet = base.vpc.cidr.split('.')[1]!;
  const hex = (index + 1).toString(16).padStart(4, '0');
  let text = JSON.stringify(base);
  text = replaceAll(text, base.host, host);
  text = replaceAll(text, base.name, name);
  text = text.replace(new RegExp(`"10\\.${baseOctet}\\.`, 'g'), `"10.${100 + index}.`);
  const settings = JSON.parse(text) as PmsClusterSettings & {
    security: { controllerIdentity?: { oidcProviderId?: string } };
  };
  // A certificate pinned in the base gets an id of its own (the fleet check refuses a shared one).
  const certificateArn = settings.certificateArn?.replace(
    /certificate\/[0-9a-f]{8}-[0-9a-f]{4}/,
    `certificate/1d2e3f40-${hex}`,
  );
  const oidc = settings.security.controllerIdentity?.oidcProviderId;
  return {
    ...settings,
    vpc: {
      ...settings.vpc,
      id: `vpc-0a1b2c3d4e5f6${hex}`,
      // 17 hex digits, as AWS's: the cluster's number, then the subnet's position.
      albSubnets: settings.vpc.albSubnets.map((subnet, i) => ({
        ...subnet,
        id: `subnet-0a1b2c3d4e5f${hex}${i.toString(16)}`,
      })),
    },
    ...(certificateArn !== undefined ? { certificateArn } : {}),
    ...(settings.migration
      ? {
          migration: {
            ...settings.migration,
            legacyLoadBalancers: settings.migration.legacyLoadBalancers.map((lb) => ({
              ...lb,
              hostname: lb.hostname.replace(/^([^.]*)\./, `$1${hex}.`),
            })),
          },
        }
      : {}),
    ...(oidc
      ? {
          security: {
            ...settings.security,
            controllerIdentity: {
              ...settings.security.controllerIdentity,
              oidcProviderId: `${oidc.slice(0, -4)}${hex.toUpperCase()}`,
            },
          },
        }
      : {}),
  } as PmsClusterSettings;
}

function replaceAll(text: string, from: string, to: string): string {
  return text.split(from).join(to);
}
