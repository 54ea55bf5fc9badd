/**
 * Copy-paste leftovers across clusters, and clusters missing from the fleet. A new cluster app starts as a copy of
 * another one; every value that names an AWS resource of the original (its host, pinned certificate or web ACL, VPC,
 * subnets, access-log bucket and prefix, OIDC provider) still renders and validates on its own, and the new cluster would then serve, log
 * and authenticate through the original's resources. So every cluster render compares its settings with those of
 * every other cluster app of the workspace (the render passes them: `RenderContext.targets`), and refuses to render
 * while the Argo CD app does not register it (`RenderTarget.registers`). The Argo CD render runs the same check over
 * its fleet. Pure: it reads settings, nothing else.
 */
import { throwIfAny, type ConfigIssue, type RenderContext } from '@pms/core';
import { cspHosts } from '@pms/ingress';
import type { PmsClusterSettings } from './settings.js';

/** Where the fleet is declared: the file to edit when a cluster is added or removed. */
export const FLEET_FILE = 'apps/argocd/src/fleet.ts';

/** Where the fleet check runs, as shown after "at" in its messages. */
export const FLEET_CHECK_WHERE = 'fleet check';

/** One value every cluster of the fleet must hold on its own. */
interface UniqueField {
  /** Dotted path of the field in the cluster settings. */
  readonly field: string;
  /** What the value is, for the message (e.g. `certificate ARN`). */
  readonly what: string;
  /** What is allowed instead; reads after "allowed: " and holds for every cluster sharing the value. */
  readonly allowed: string;
  /** The values of one cluster: `[comparison key, value as shown]` (a key of undefined is skipped). */
  readonly values: (cluster: PmsClusterSettings) => readonly (readonly [string | undefined, unknown])[];
}

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value !== '' ? value : undefined;
const one =
  (read: (c: PmsClusterSettings) => unknown) =>
  (c: PmsClusterSettings): (readonly [string | undefined, unknown])[] => [[text(read(c)), read(c)]];

/** The fields no two clusters may share. */
const UNIQUE_FIELDS: readonly UniqueField[] = [
  {
    field: 'host',
    what: 'host',
    allowed: 'a host name no other cluster serves (two ALBs cannot answer for one DNS name)',
    values: one((c) => c.host?.toLowerCase()),
  },
  {
    field: 'eksClusterName',
    what: 'EKS cluster name',
    allowed: "each cluster's own EKS cluster name (aws eks list-clusters in its account)",
    values: one((c) => c.eksClusterName),
  },
  {
    field: 'certificateArn',
    what: 'certificate ARN',
    allowed: "each cluster's own ACM certificate for its own host",
    values: one((c) => c.certificateArn),
  },
  {
    field: 'webAclArn',
    what: 'web ACL ARN',
    allowed: "each cluster's own regional web ACL (<cluster>-web-acl)",
    values: one((c) => c.webAclArn),
  },
  {
    field: 'vpc.id',
    what: 'VPC, in the same account,',
    allowed: "each cluster's own VPC; one cluster per VPC within an account",
    // A VPC shared through AWS RAM has the same id in every account it is shared with: compare within one account.
    values: (c) => [[text(c.vpc?.id) && `${c.aws?.accountId}/${c.vpc.id}`, c.vpc?.id]],
  },
  {
    field: 'vpc.albSubnets[].id',
    what: 'ALB subnet id',
    allowed: "each cluster's own public subnets, in its own VPC",
    values: (c) =>
      (Array.isArray(c.vpc?.albSubnets) ? c.vpc.albSubnets : []).map(
        (subnet) => [text(subnet?.id), subnet?.id] as const,
      ),
  },
  {
    field: 'accessLogs.bucket',
    what: 'rendered access-log bucket',
    allowed:
      'each cluster\'s own bucket, e.g. "<cluster>-alb-access-logs" (each cluster renders its access-log bucket as an ACK Bucket, and two would fight over one bucket\'s policy); to share a bucket, declare it accessLogs.external: true in both',
    // External buckets are rendered by no cluster; sharing one (with distinct prefixes) is the next check's business.
    values: (c) => [
      [c.accessLogs?.external === true ? undefined : text(c.accessLogs?.bucket), c.accessLogs?.bucket],
    ],
  },
  {
    field: 'accessLogs',
    what: 'access-log bucket and prefix',
    allowed:
      'a bucket and prefix no other cluster writes to, e.g. prefix "alb/<cluster>" (otherwise both ALBs\' logs mix)',
    values: (c) => [
      [text(c.accessLogs?.bucket) && `${c.accessLogs.bucket}/${c.accessLogs.prefix ?? ''}`, c.accessLogs],
    ],
  },
  {
    field: 'security.controllerIdentity.oidcProviderId',
    what: 'OIDC provider id',
    allowed:
      "the id at the end of each cluster's own OIDC issuer (aws eks describe-cluster --name <EKS cluster> --query cluster.identity.oidc.issuer)",
    values: (c) => {
      const identity = c.security?.controllerIdentity;
      return identity?.mode === 'irsa' ? [[text(identity.oidcProviderId), identity.oidcProviderId]] : [];
    },
  },
  {
    field: 'migration.legacyLoadBalancers[].hostname',
    what: 'legacy load balancer',
    allowed:
      "the load balancers of each cluster's own previous deployment (one load balancer answering for two clusters' hosts would get both clusters' traffic)",
    values: (c) =>
      (Array.isArray(c.migration?.legacyLoadBalancers) ? c.migration.legacyLoadBalancers : []).map(
        (lb) => [text(lb?.hostname?.toLowerCase()), lb?.hostname] as const,
      ),
  },
];

/**
 * Every value `cluster` shares with another cluster of `fleet`, and every host of another cluster its
 * Content-Security-Policy names. A shared value is one issue for all the clusters holding it (`cluster` is
 * `a, b`: the same issue whichever cluster's render finds it, so the render's report prints it once); which one is
 * the copy is not for the check to guess.
 */
export function fleetIdentityIssuesOf(
  cluster: PmsClusterSettings,
  fleet: readonly PmsClusterSettings[],
): ConfigIssue[] {
  const others = fleet.filter((other) => other.name !== cluster.name);
  const issues: ConfigIssue[] = [];
  for (const unique of UNIQUE_FIELDS) {
    for (const [key, value] of unique.values(cluster)) {
      if (key === undefined) continue;
      const holders = others.filter((other) => unique.values(other).some(([k]) => k === key));
      if (holders.length === 0) continue;
      const names = [cluster.name, ...holders.map((h) => h.name)].sort();
      issues.push({
        cluster: names.join(', '),
        field: unique.field,
        value,
        problem: `the same ${unique.what} in ${names.join(' and ')}: one was probably copied from the other (edit the copy's apps/<cluster>/src/settings.ts)`,
        allowed: unique.allowed,
        where: FLEET_CHECK_WHERE,
      });
    }
  }
  for (const field of ['contentSecurityPolicy', 'contentSecurityPolicyReportOnly'] as const) {
    const policy = cluster.ingress?.[field];
    if (typeof policy !== 'string') continue;
    for (const { source, host } of cspHosts(policy)) {
      if (host === cluster.host?.toLowerCase()) continue;
      const owner = others.find((other) => other.host?.toLowerCase() === host);
      if (!owner) continue;
      issues.push({
        cluster: cluster.name,
        field: `ingress.${field}`,
        value: source,
        problem: `names ${owner.name}'s host ${JSON.stringify(owner.host)} (probably left over from copying ${owner.name}'s settings)`,
        allowed: `sources on ${cluster.name}'s own host ${JSON.stringify(cluster.host)} or outside the fleet; never another cluster's host`,
        where: FLEET_CHECK_WHERE,
      });
    }
  }
  return issues;
}

/**
 * Every copy leftover of the fleet (`fleetIdentityIssuesOf` for each cluster, each shared value once) and every
 * name listed twice.
 */
export function fleetIdentityIssues(fleet: readonly PmsClusterSettings[]): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const seen = new Set<string>();
  const distinct: PmsClusterSettings[] = [];
  for (const cluster of fleet) {
    const first = distinct.find((c) => c.name === cluster.name);
    if (!first) {
      distinct.push(cluster);
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
  for (const cluster of distinct) {
    for (const issue of fleetIdentityIssuesOf(cluster, distinct)) {
      const key = JSON.stringify([issue.cluster, issue.field, issue.value, issue.problem]);
      if (seen.has(key)) continue;
      seen.add(key);
      issues.push(issue);
    }
  }
  return issues;
}

/** The settings of the cluster targets among `context`'s targets (those whose `settings` are a cluster's). */
export function fleetOf(context: RenderContext): PmsClusterSettings[] {
  return context.targets
    .map((target) => target.settings)
    .filter(
      (settings): settings is PmsClusterSettings =>
        settings !== null && typeof settings === 'object' && 'aws' in settings && 'name' in settings,
    );
}

/**
 * The fleet checks of one cluster's render: its copy leftovers against every other cluster app of the workspace, and
 * its registration with every target that registers clusters (the Argo CD app). Throws every problem.
 */
export function checkClusterInFleet(cluster: PmsClusterSettings, context: RenderContext): void {
  const issues = fleetIdentityIssuesOf(cluster, fleetOf(context));
  for (const registry of context.targets.filter((t) => t.registers !== undefined)) {
    if (registry.registers!.includes(cluster.name)) continue;
    issues.push({
      cluster: cluster.name,
      field: 'name',
      value: cluster.name,
      problem: `the cluster app is not in the fleet of ${registry.name} (${FLEET_FILE}): Argo CD would sync its folder with no project destination (every sync refused) and no controller Applications`,
      allowed: `a registered cluster: import apps/${cluster.name}/src/settings.ts and add it to the fleet in ${FLEET_FILE}`,
      where: FLEET_CHECK_WHERE,
    });
  }
  throwIfAny(issues);
}
