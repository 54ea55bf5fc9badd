import { albName, type Checks, type ClusterSettings } from '@pms/core';
import { legacyEndpointName } from './records.js';
import { FULL_WEIGHT, type DnsSettings, type MigrationSettings } from './settings.js';

/** Route 53 hosted zone ids: `Z` and upper-case letters and digits (the id without the `/hostedzone/` prefix). */
const HOSTED_ZONE_ID = /^Z[A-Z0-9]{4,31}$/;
/** A legacy load balancer's short name: it becomes part of a set identifier and an object name. */
const LEGACY_NAME = /^[a-z0-9]([a-z0-9-]{0,30}[a-z0-9])?$/;

/**
 * The DNS names of load balancers in `region` that external-dns turns into alias records: the canonical hosted zones
 * of its AWS provider (`provider/aws/aws.go`: `<region>.elb.amazonaws.com` for Classic and Application Load
 * Balancers, `elb.<region>.amazonaws.com` for Network Load Balancers).
 */
export function loadBalancerHostnamePattern(region: string): RegExp {
  const r = region.replace(/[^a-z0-9-]/g, '');
  return new RegExp(
    `^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\\.)*[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\\.(?:${r}\\.elb\\.amazonaws\\.com|elb\\.${r}\\.amazonaws\\.com)$`,
  );
}

/** Checks the `dns` section; issues are recorded on `checks` (prefix `dns`). */
export function validateDnsSettings(settings: DnsSettings | undefined, checks: Checks): void {
  const id = settings?.hostedZoneId;
  if (typeof id === 'string' && id.startsWith('/hostedzone/')) {
    checks.fail({
      field: 'hostedZoneId',
      value: id,
      problem: 'includes the /hostedzone/ prefix the Route 53 API puts in front of the id',
      allowed: `the id alone, ${JSON.stringify(id.slice('/hostedzone/'.length))}`,
    });
    return;
  }
  checks.matches(
    'hostedZoneId',
    id,
    HOSTED_ZONE_ID,
    "the id of the public Route 53 hosted zone holding the cluster's host, e.g. Z0123456789ABCDEFGHIJ (aws route53 list-hosted-zones-by-name --dns-name <host>)",
  );
}

/** Checks the `migration` section against the cluster; issues are recorded on `checks` (prefix `migration`). */
export function validateMigrationSettings(
  migration: MigrationSettings | undefined,
  cluster: Pick<ClusterSettings, 'name' | 'host' | 'aws'>,
  checks: Checks,
): void {
  if (migration === undefined) return;
  const weightOk = checks.integer('albWeightPercent', migration.albWeightPercent, 0, FULL_WEIGHT, 'percent');
  const legacy = migration.legacyLoadBalancers;
  if (!Array.isArray(legacy)) {
    checks.fail({
      field: 'legacyLoadBalancers',
      value: legacy,
      allowed: 'a list of { name, hostname }: the load balancers the host still points at',
    });
    return;
  }
  if (weightOk && migration.albWeightPercent === FULL_WEIGHT && legacy.length > 0) {
    checks.fail({
      field: 'legacyLoadBalancers',
      value: legacy.map((lb) => lb?.name),
      problem:
        'at 100 % the ALB answers alone: the legacy records are removed, so listing legacy load balancers says something the render does not do',
      allowed: 'an empty list, or no migration section at all (the migration is over)',
    });
  }
  if (weightOk && migration.albWeightPercent < FULL_WEIGHT && legacy.length === 0) {
    checks.fail({
      field: 'legacyLoadBalancers',
      value: legacy,
      problem: `the ALB gets ${migration.albWeightPercent} % of the host's answers, and nothing would answer for the other ${FULL_WEIGHT - migration.albWeightPercent} %`,
      allowed: 'at least one legacy load balancer below 100 %, or albWeightPercent 100',
    });
  }
  const pattern = loadBalancerHostnamePattern(cluster.aws.region);
  const own = `${albName(cluster.name)}-`;
  // First index of each name and hostname, to name it in a repeat's message.
  const names = new Map<string, number>();
  const hostnames = new Map<string, number>();
  legacy.forEach((lb, index) => {
    const at = checks.nested(`legacyLoadBalancers[${index}]`);
    if (
      at.matches(
        'name',
        lb?.name,
        LEGACY_NAME,
        'a short lower-case name ([a-z0-9-], 1-32 characters), e.g. "frontend"',
      )
    ) {
      const first = names.get(lb.name);
      if (first !== undefined)
        at.fail({
          field: 'name',
          value: lb.name,
          problem: `legacyLoadBalancers[${first}] has this name too: both would publish DNSEndpoint ${legacyEndpointName(lb.name)} and one set identifier`,
          allowed: 'a name no other legacy load balancer has',
        });
      else names.set(lb.name, index);
    }
    const hostname = lb?.hostname;
    if (
      !at.matches(
        'hostname',
        hostname,
        pattern,
        `the DNS name of a load balancer in ${cluster.aws.region}, lower case, ending in .${cluster.aws.region}.elb.amazonaws.com (Classic, Application) or .elb.${cluster.aws.region}.amazonaws.com (Network): external-dns makes an alias record only for those`,
      )
    )
      return;
    if (hostname.startsWith(own)) {
      at.fail({
        field: 'hostname',
        value: hostname,
        problem: `names the cluster's own ALB (${albName(cluster.name)}), whose record the Ingress publishes`,
        allowed: 'the DNS name of a load balancer of the previous deployment',
      });
    }
    const first = hostnames.get(hostname);
    if (first !== undefined)
      at.fail({
        field: 'hostname',
        value: hostname,
        problem: `legacyLoadBalancers[${first}] names this load balancer too: it would get two weighted records, and twice its share`,
        allowed: 'each legacy load balancer once (one record per load balancer)',
      });
    else hostnames.set(hostname, index);
  });
}
