/**
 * Invariants of the rendered Argo CD objects, checked after their schemas (`validateArgoCdObjects`) so a library change
 * that breaks one is refused at render, whatever code path caused it:
 *
 * - an ApplicationSet has only the fleet's list generator: any other generator (a git directory generator over the
 *   cluster folders, the earlier design) creates a cluster's Application outside the bootstrap Application's waves
 *   (`applicationSetIssues` below);
 * - an AppProject names every kind, source and destination it allows: no glob (`*`, `?`, `[`) and no `!` negation in
 *   `clusterResourceWhitelist`, `namespaceResourceWhitelist`, `sourceRepos` or `destinations` (Argo CD matches each
 *   with globs, so `group: '*', kind: '*'` allows every cluster-scoped kind and `server: '*'` every cluster;
 *   docs/user-guide/projects.md, `IsGroupKindNamePermitted`, `IsDestinationPermitted`).
 */
import { objectRef, throwIfAny, type ConfigIssue, type Manifest } from '@pms/core';
import { CLUSTERS_DIR } from './repository.js';

/** Where the ApplicationSet's pattern and the project's lists are written, for messages. */
const APPLICATIONSET_SOURCE = 'clustersApplicationSet (apps/argocd/src/applicationset.ts)';
const PROJECT_SOURCE = 'pmsAppProject (apps/argocd/src/project.ts)';
const BOOTSTRAP_SOURCE = 'bootstrapAppProject (apps/argocd/src/bootstrap.ts)';

/** A glob or negation character Argo CD interprets in a project's lists. */
const GLOB = /[*?[\]!]/;

type Generator = { list?: unknown; git?: unknown; [other: string]: unknown };

/**
 * The ApplicationSet may only list the fleet: any other generator (a git directory generator over `clusters/*`, the
 * earlier design) creates a cluster's Application as soon as the generator sees it, outside the bootstrap
 * Application's waves, so it would start before its foundation and before the controllers whose CRDs and webhooks its
 * objects need (applicationset/generators/; docs/gitops.md "First sync").
 */
function applicationSetIssues(appSet: Manifest): ConfigIssue[] {
  const generators = ((appSet.spec as { generators?: Generator[] } | undefined)?.generators ??
    []) as Generator[];
  return generators.flatMap((generator, g): ConfigIssue[] => {
    const kinds = Object.keys(generator).filter((k) => k !== 'list');
    if (kinds.length === 0) return [];
    return [
      {
        cluster: 'argocd',
        field: `${objectRef(appSet)} spec.generators[${g}]`,
        value: kinds,
        problem: `a ${kinds.join('/')} generator creates a cluster's Application as soon as it sees the cluster (for git: its folder under ${CLUSTERS_DIR}/), outside the waves of the bootstrap Application, so the Application starts before its foundation and the controllers its objects need`,
        allowed: `a list generator over the fleet, which the bootstrap Application applies after the Applications the clusters need (fix ${APPLICATIONSET_SOURCE})`,
      },
    ];
  });
}

type ProjectSpec = {
  sourceRepos?: string[];
  destinations?: { server?: string; name?: string; namespace?: string }[];
  clusterResourceWhitelist?: { group?: string; kind?: string; name?: string }[];
  namespaceResourceWhitelist?: { group?: string; kind?: string }[];
};

function projectIssues(project: Manifest): ConfigIssue[] {
  const spec = (project.spec ?? {}) as ProjectSpec;
  const source = project.metadata.name === 'pms-bootstrap' ? BOOTSTRAP_SOURCE : PROJECT_SOURCE;
  const issues: ConfigIssue[] = [];
  const refuse = (field: string, value: unknown, what: string, allowed: string) =>
    issues.push({
      cluster: 'argocd',
      field: `${objectRef(project)} ${field}`,
      value,
      problem: `a glob or negation: Argo CD matches it as a pattern, so the project allows ${what}`,
      allowed: `${allowed}, named exactly (fix ${source})`,
    });
  (spec.clusterResourceWhitelist ?? []).forEach((item, i) => {
    if ([item.group, item.kind, item.name].some((v) => typeof v === 'string' && GLOB.test(v)))
      refuse(
        `spec.clusterResourceWhitelist[${i}]`,
        item,
        'every cluster-scoped kind (or name) the pattern matches',
        'the group and kind of a cluster-scoped object the clusters render',
      );
  });
  (spec.namespaceResourceWhitelist ?? []).forEach((item, i) => {
    if ([item.group, item.kind].some((v) => typeof v === 'string' && GLOB.test(v)))
      refuse(
        `spec.namespaceResourceWhitelist[${i}]`,
        item,
        'every namespaced kind the pattern matches',
        'the group and kind of a namespaced object the clusters render',
      );
  });
  (spec.destinations ?? []).forEach((destination, i) => {
    if (
      [destination.server, destination.name, destination.namespace].some(
        (v) => typeof v === 'string' && GLOB.test(v),
      )
    )
      refuse(
        `spec.destinations[${i}]`,
        destination,
        'every cluster or namespace the pattern matches',
        'a registered cluster by name and one namespace its objects use',
      );
  });
  (spec.sourceRepos ?? []).forEach((repo, i) => {
    if (GLOB.test(repo))
      refuse(`spec.sourceRepos[${i}]`, repo, 'every repository the pattern matches', 'a repository URL');
  });
  return issues;
}

/** The invariants of the rendered Argo CD objects; throws every problem. */
export function checkArgoCdInvariants(manifests: readonly Manifest[]): void {
  throwIfAny(
    manifests.flatMap((m) =>
      m.kind === 'ApplicationSet' ? applicationSetIssues(m) : m.kind === 'AppProject' ? projectIssues(m) : [],
    ),
  );
}
