/**
 * The DNS of a cluster's host: the Route 53 hosted zone external-dns may write to (`dns`), and the migration from the
 * per-service load balancers to the one ALB as weighted records (`migration`). Both are sections of
 * `PmsClusterSettings`.
 */

/** The `dns` section of a cluster's settings. */
export interface DnsSettings {
  /**
   * Id of the public Route 53 hosted zone holding the cluster's host, e.g. `Z0123456789ABCDEFGHIJ`
   * (`aws route53 list-hosted-zones-by-name --dns-name <host>`; without the `/hostedzone/` prefix). external-dns
   * changes records in this zone only: its `--zone-id-filter` and its IAM policy name it.
   */
  readonly hostedZoneId: string;
}

/** One load balancer of the previous per-service deployment that still answers for the host. */
export interface LegacyLoadBalancer {
  /**
   * Short name, lower case (`[a-z0-9-]`, 1-32 characters), e.g. `frontend`: the record's set identifier is
   * `<cluster>-legacy-<name>` and its DNSEndpoint `pms-legacy-<name>`. Never rename one during the migration
   * (a new set identifier orphans the old record's ownership record: external-dns issue #6181).
   */
  readonly name: string;
  /**
   * The load balancer's DNS name in the cluster's region, e.g.
   * `a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6-1234567890.eu-central-1.elb.amazonaws.com` (Classic or Application) or
   * `name-0123456789abcdef.elb.eu-central-1.amazonaws.com` (Network): external-dns turns such a target into an alias
   * record (its canonical hosted zones, external-dns `provider/aws/aws.go`).
   */
  readonly hostname: string;
}

/**
 * The migration from the per-service load balancers to the ALB (the design's phases 2-4): the host's DNS answers are
 * weighted records, the ALB's from the Ingress and the legacy load balancers' from `DNSEndpoint`s. Each step of the
 * traffic shift is a pull request changing `albWeightPercent`; at 100 the legacy records disappear.
 */
export interface MigrationSettings {
  /**
   * Percent of the host's DNS answers that name the ALB, a whole number from 0 to 100; the legacy load balancers
   * share the rest. 0 creates the records without sending the ALB traffic; 100 ends the migration (the legacy records
   * are removed, so `legacyLoadBalancers` must then be empty, or the section removed).
   */
  readonly albWeightPercent: number;
  /** The legacy load balancers that answer for the host until the migration ends; at least one below 100 %. */
  readonly legacyLoadBalancers: readonly LegacyLoadBalancer[];
}

/** The ALB's share when a cluster has no `migration` section: all of it. */
export const FULL_WEIGHT = 100;
