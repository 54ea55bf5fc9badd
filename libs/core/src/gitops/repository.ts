/**
 * Where this repository lives and how Argo CD names what it syncs from it. THIS IS THE PLACE TO CHANGE when the
 * repository moves: the Argo CD objects (project, ApplicationSet, bootstrap Application, in `apps/argocd`) and the
 * cluster renders (alarm descriptions and README links to the on-call page, in `libs/monitoring`) take the URL and
 * branch from here, so a link in an alarm can never point at another repository than the one Argo CD syncs.
 */

/** The Git repository holding this project (and so `clusters/` and `argocd/`), and the branch Argo CD follows. */
export interface GitRepository {
  /** HTTPS URL exactly as registered in Argo CD, e.g. `https://github.com/example-org/pms-gitops.git`. */
  readonly url: string;
  /** Branch (or tag) Argo CD syncs from; merges to it are what reach the clusters. */
  readonly revision: string;
}

/** This repository. Change `url` to the real remote before bootstrapping Argo CD. */
export const GITOPS_REPOSITORY: GitRepository = {
  url: 'https://github.com/example-org/pms-gitops.git',
  revision: 'main',
};

/** Namespace Argo CD is installed in; every Argo CD object lives here. */
export const ARGOCD_NAMESPACE = 'argocd';

/** Name of the ApplicationSet that turns every `clusters/<name>` folder into an Application. */
export const CLUSTERS_APPLICATION_SET = 'pms-clusters';

/**
 * The field of a cluster Application that pauses its automated sync (and with it self-heal and automated prune)
 * when false: `spec.syncPolicy.automated.enabled` (Argo CD 3.1+: "when set to false controller will skip automated
 * sync even if prune, self-heal and allowEmpty are set"). The ApplicationSet ignores differences there
 * (`ignoreApplicationDifferences`), so a pause set on the Application holds; the on-call page's pause and resume
 * commands patch exactly this field.
 */
export const AUTO_SYNC_SWITCH = {
  /** JSON pointer into the Application, as `ignoreApplicationDifferences` takes it. */
  pointer: '/spec/syncPolicy/automated/enabled',
  /** The merge patch that sets the field to `enabled`. */
  patch: (enabled: boolean): string => JSON.stringify({ spec: { syncPolicy: { automated: { enabled } } } }),
} as const;

/**
 * The Argo CD Application of a cluster: the ApplicationSet names it after the cluster's folder
 * (`{{.path.basename}}`), which is the cluster's name (a test in `apps/argocd` holds the two equal).
 */
export function clusterApplicationName(cluster: string): string {
  return cluster;
}

/**
 * The `argocd` CLI context every command of the generated on-call page names (`--argocd-context`), so no command
 * acts on whatever Argo CD the shell last logged in to. Create it once with
 * `argocd login <argocd server> --name pms-argocd`.
 */
export const ARGOCD_CLI_CONTEXT = 'pms-argocd';

/**
 * The repository's web address (what a browser opens): the HTTPS URL without `.git`, e.g.
 * `https://github.com/example-org/pms-gitops`. Refuses a URL that is not HTTPS (an SSH remote has no web page).
 */
export function repositoryWebUrl(repository: GitRepository = GITOPS_REPOSITORY): string {
  if (!/^https:\/\/[^\s/]+\/\S+$/.test(repository.url)) {
    throw new Error(
      `GITOPS_REPOSITORY (libs/core/src/gitops/repository.ts) url = ${JSON.stringify(repository.url)}: not an HTTPS URL; allowed: an HTTPS URL such as https://github.com/example-org/pms-gitops.git (alarm descriptions link to files under it)`,
    );
  }
  return repository.url.replace(/\.git$/, '').replace(/\/$/, '');
}

/**
 * A full URL of a file of this repository on the branch Argo CD follows, optionally at a heading anchor, in
 * GitHub's `blob/<revision>/<path>` form, e.g.
 * `https://github.com/example-org/pms-gitops/blob/main/clusters/pms-prod/README.md#symptom-index`.
 */
export function repositoryFileUrl(
  path: string,
  anchor?: string,
  repository: GitRepository = GITOPS_REPOSITORY,
): string {
  const file = `${repositoryWebUrl(repository)}/blob/${repository.revision}/${path.replace(/^\//, '')}`;
  return anchor ? `${file}#${anchor}` : file;
}
