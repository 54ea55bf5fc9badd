/**
 * Copy-paste leftovers across clusters. A new cluster app starts as a copy of another one; every value that
 * names an AWS resource of the original (its pinned certificate or web ACL, VPC, subnets, access-log bucket and
 * prefix, OIDC provider) still renders and validates on its own, and the new cluster would then serve, log and authenticate
 * through the original's resources. Only the fleet sees both clusters, so the check runs in the Argo CD render
 * (`buildArgoCd`), before any cluster is built.
 */
import { throwIfAny, type ConfigIssue } from '@pms/core';
import type { PmsClusterSettings } from '@pms/platform';
import { FLEET_FILE } from './fleet-check.js';

/** Where the fleet check runs, as shown after "at" in its messages. */
export const FLEET_CHECK_WHERE = 'argocd fleet check';

/** One value every cluster of the fleet must hold on its own. */
interface UniqueField {
  /** Dotted path of the field in the cluster settings. */
  readonly field: string;
  /** What the value is, for the message (e.g. `certificate ARN`). */
  readonly what: string;
  /** What is allowed instead; reads after "allowed: ". `cluster` is the one that must change. */
  readonly allowed: (cluster: PmsClusterSettings) => string;
  /** The values of one cluster: `[field path, comparison key, value as shown]` (a key of undefined is skipped). */
  readonly values: (
    cluster: PmsClusterSettings,
  ) => readonly (readonly [string, string | undefined, unknown])[];
}

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value !== '' ? value : undefined;
const one =
  (field: string, read: (c: PmsClusterSettings) => unknown) =>
  (c: PmsClusterSettings): (readonly [string, string | undefined, unknown])[] => [
    [field, text(read(c)), read(c)],
  ];

/** The fields no two clusters may share. */
const UNIQUE_FIELDS: readonly UniqueField[] = [
  {
    field: 'host',
    what: 'host',
    allowed: () => 'a host name no other cluster serves (two ALBs cannot answer for one DNS name)',
    values: one('host', (c) => c.host?.toLowerCase()),
  },
  {
    field: 'eksClusterName',
    what: 'EKS cluster name',
    allowed: (c) =>
      `the name of ${c.name}'s own EKS cluster (aws eks list-clusters in account ${c.aws?.accountId})`,
    values: one('eksClusterName', (c) => c.eksClusterName),
  },
  {
    field: 'certificateArn',
    what: 'certificate ARN',
    allowed: (c) => `the ARN of ${c.name}'s own ACM certificate for ${JSON.stringify(c.host)}`,
    values: one('certificateArn', (c) => c.certificateArn),
  },
  {
    field: 'webAclArn',
    what: 'web ACL ARN',
    allowed: (c) => `the ARN of ${c.name}'s own regional web ACL`,
    values: one('webAclArn', (c) => c.webAclArn),
  },
  {
    field: 'vpc.id',
    what: 'VPC, in the same account,',
    allowed: (c) => `the id of ${c.name}'s own VPC; one cluster per VPC within an account`,
    // A VPC shared through AWS RAM has the same id in every account it is shared with: compare within one account.
    values: (c) => [['vpc.id', text(c.vpc?.id) && `${c.aws?.accountId}/${c.vpc.id}`, c.vpc?.id]],
  },
  {
    field: 'vpc.albSubnets[].id',
    what: 'ALB subnet id',
    allowed: (c) => `the ids of ${c.name}'s own public subnets (in its VPC ${JSON.stringify(c.vpc?.id)})`,
    values: (c) =>
      (Array.isArray(c.vpc?.albSubnets) ? c.vpc.albSubnets : []).map(
        (subnet, index) => [`vpc.albSubnets[${index}].id`, text(subnet?.id), subnet?.id] as const,
      ),
  },
  {
    field: 'accessLogs.bucket',
    what: 'rendered access-log bucket',
    allowed: (c) =>
      `a bucket of ${c.name}'s own, e.g. ${JSON.stringify(`${c.name}-alb-access-logs`)} (each cluster renders its access-log bucket as an ACK Bucket, and two would fight over one bucket's policy); to share a bucket, declare it accessLogs.external: true in both`,
    // External buckets are rendered by no cluster; sharing one (with distinct prefixes) is the next check's business.
    values: (c) => [
      [
        'accessLogs.bucket',
        c.accessLogs?.external === true ? undefined : text(c.accessLogs?.bucket),
        c.accessLogs?.bucket,
      ],
    ],
  },
  {
    field: 'accessLogs',
    what: 'access-log bucket and prefix',
    allowed: (c) =>
      `a bucket and prefix no other cluster writes to, e.g. prefix ${JSON.stringify(`alb/${c.name}`)} (otherwise both ALBs' logs mix)`,
    values: (c) => [
      [
        'accessLogs',
        text(c.accessLogs?.bucket) && `${c.accessLogs.bucket}/${c.accessLogs.prefix ?? ''}`,
        c.accessLogs,
      ],
    ],
  },
  {
    field: 'security.controllerIdentity.oidcProviderId',
    what: 'OIDC provider id',
    allowed: (c) =>
      `the id at the end of ${c.name}'s own OIDC issuer (aws eks describe-cluster --name ${c.eksClusterName} --query cluster.identity.oidc.issuer)`,
    values: (c) => {
      const identity = c.security?.controllerIdentity;
      return identity?.mode === 'irsa'
        ? [
            [
              'security.controllerIdentity.oidcProviderId',
              text(identity.oidcProviderId),
              identity.oidcProviderId,
            ],
          ]
        : [];
    },
  },
];

/**
 * Every value one cluster shares with another cluster of the fleet (reported once, on the later of the two in
 * fleet order, naming both: which one is the copy is not for the check to guess), and every host of another cluster that a cluster's Content-Security-Policy names. Each issue names
 * both clusters, the field, the value and what is allowed.
 */
export function fleetIdentityIssues(fleet: readonly PmsClusterSettings[]): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  // Names first: a cluster listed twice shares every value with itself; report it once, compare the rest.
  const byName = new Map<string, PmsClusterSettings>();
  for (const cluster of fleet) {
    const first = byName.get(cluster.name);
    if (!first) {
      byName.set(cluster.name, cluster);
      continue;
    }
    issues.push({
      cluster: cluster.name,
      field: 'name',
      value: cluster.name,
      problem:
        first === cluster
          ? `listed twice in the fleet (${FLEET_FILE})`
          : "the name of two cluster apps' settings (a copied app that kept the original's name?)",
      allowed: 'each name once: it is the folder under clusters/, the Argo CD destination and the app',
      where: FLEET_CHECK_WHERE,
    });
  }
  const distinct = [...byName.values()];
  for (const unique of UNIQUE_FIELDS) {
    // comparison key → the clusters holding it so far
    const holders = new Map<string, string[]>();
    for (const cluster of distinct) {
      for (const [field, key, value] of unique.values(cluster)) {
        if (key === undefined) continue;
        const earlier = holders.get(key) ?? [];
        if (earlier.includes(cluster.name)) continue; // the same cluster twice is its own validation's business
        holders.set(key, [...earlier, cluster.name]);
        if (earlier.length === 0) continue;
        issues.push({
          cluster: cluster.name,
          field,
          value,
          problem: `the same ${unique.what} as ${earlier.join(', ')} (one of them was probably copied from the other; each cluster needs its own)`,
          allowed: unique.allowed(cluster),
          where: FLEET_CHECK_WHERE,
        });
      }
    }
  }
  issues.push(...cspIssues(distinct));
  return issues;
}

/** Throws every issue of `fleetIdentityIssues` (`ConfigError` for one, `ConfigErrors` for several). */
export function checkFleetIdentity(fleet: readonly PmsClusterSettings[]): void {
  const issues = fleetIdentityIssues(fleet);
  throwIfAny(issues);
}

/**
 * The host names a Content-Security-Policy's sources name: `wss://staging.pms.example.com` and
 * `https://staging.pms.example.com:443/path` both name `staging.pms.example.com`. Keywords (`'self'`),
 * schemes (`data:`) and directive names are not hosts; wildcards (`*.example.com`) are kept as written.
 */
export function cspHosts(policy: string): { readonly source: string; readonly host: string }[] {
  const found: { source: string; host: string }[] = [];
  for (const directive of policy.split(';')) {
    const [, ...sources] = directive.trim().split(/\s+/);
    for (const source of sources) {
      if (source.startsWith("'") || /^[a-z][a-z0-9+.-]*:$/i.test(source)) continue;
      const host = /^(?:[a-z][a-z0-9+.-]*:\/\/)?([^/:?#]+)/i.exec(source)?.[1];
      if (host) found.push({ source, host: host.toLowerCase() });
    }
  }
  return found;
}

function cspIssues(fleet: readonly PmsClusterSettings[]): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  for (const cluster of fleet) {
    const policy = cluster.ingress?.contentSecurityPolicy;
    if (typeof policy !== 'string') continue;
    for (const { source, host } of cspHosts(policy)) {
      if (host === cluster.host?.toLowerCase()) continue;
      const owner = fleet.find((other) => other !== cluster && other.host?.toLowerCase() === host);
      if (!owner) continue;
      issues.push({
        cluster: cluster.name,
        field: 'ingress.contentSecurityPolicy',
        value: source,
        problem: `names ${owner.name}'s host ${JSON.stringify(owner.host)} (probably left over from copying ${owner.name}'s settings)`,
        allowed: `sources on ${cluster.name}'s own host ${JSON.stringify(cluster.host)} or outside the fleet; never another cluster's host`,
        where: FLEET_CHECK_WHERE,
      });
    }
  }
  return issues;
}
