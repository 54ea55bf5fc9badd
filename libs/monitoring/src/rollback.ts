/**
 * The "Rollback and emergency changes" section of the on-call page: undo a change by reverting its commit (what Argo
 * CD then does), and change the cluster by hand in an emergency without Argo CD's self-heal reverting it (pause the
 * Application's auto-sync, fix, put the fix in Git, resume). Every command names its context.
 *
 * Argo CD facts (v3.5 docs): automated sync with `selfHeal` reverts drift in the cluster; `argocd app rollback` is
 * refused while auto-sync is on ("rollback cannot be initiated when auto-sync is enabled", server/application); an
 * ApplicationSet-generated Application's sync policy cannot be changed by editing it ("changing the application's
 * spec.syncPolicy.automated field will, however, have no effect", docs/user-guide/auto_sync.md) unless the
 * ApplicationSet ignores that field (`ignoreApplicationDifferences`, which `apps/argocd` sets for `AUTO_SYNC_SWITCH`).
 */
import {
  ARGOCD_CLI_CONTEXT,
  AUTO_SYNC_SWITCH,
  CLUSTERS_APPLICATION_SET,
  clusterApplicationName,
  GITOPS_REPOSITORY,
  type DocSection,
} from '@pms/core';
import { bash, type MonitoringDocsInput } from './docs-input.js';

/** How the on-call page calls Argo CD: always through its named CLI context. */
export const argocd = {
  /** The `argocd` CLI context (`argocd login <server> --name <context>`). */
  context: ARGOCD_CLI_CONTEXT,
  /** `argocd --argocd-context <context>`: the start of every Argo CD command. */
  cli: `argocd --argocd-context ${ARGOCD_CLI_CONTEXT}`,
  /** The Application of a cluster. */
  application: clusterApplicationName,
  /** The ApplicationSet that generates it. */
  applicationSet: CLUSTERS_APPLICATION_SET,
} as const;

/** Title of the section. */
export const ROLLBACK_TITLE = 'Rollback and emergency changes';

/** Rollback by revert, and the pause / hotfix / resume procedure. */
export function rollbackSection(input: MonitoringDocsInput): Omit<DocSection, 'order'> {
  const { cluster } = input;
  const app = argocd.application(cluster.name);
  const patch = (enabled: boolean) =>
    `${argocd.cli} app patch ${app} --type merge --patch '${AUTO_SYNC_SWITCH.patch(enabled)}'`;
  const k = `kubectl --context ${cluster.name} -n ${input.namespace}`;
  return {
    title: ROLLBACK_TITLE,
    body: [
      `### Roll back a change: revert its commit`,
      '',
      `Git is the only rollback that holds: Argo CD syncs \`clusters/${cluster.name}/\` from \`${GITOPS_REPOSITORY.revision}\` automatically, with prune and self-heal.`,
      '',
      bash([
        `git revert <commit>            # on a branch of ${GITOPS_REPOSITORY.url}; the rendered folder is reverted with the code`,
        `pnpm render && pnpm check      # the render is current; then open the pull request and merge it`,
        `${argocd.cli} app get ${app} --refresh`,
        `${argocd.cli} app wait ${app} --sync --health --timeout 600`,
      ]),
      '',
      `On merge, Argo CD notices the commit (polling, 3 min by default, or the Git webhook) and applies the reverted objects wave by wave; objects the reverted commit added are deleted last (\`PruneLast\`), except the protected ones (\`Prune=false\`: the Ingress and the stateful AWS objects in prod), which stay and keep the Application OutOfSync until someone deletes them on purpose. Do not use \`argocd app rollback\`: Argo CD refuses it while auto-sync is on, and with auto-sync paused the next resume syncs Git again and undoes it.`,
      '',
      `### Emergency hotfix: pause auto-sync and self-heal, fix, resume`,
      '',
      `With auto-sync on, self-heal reverts any change made with \`kubectl\` within minutes. For a change that cannot wait for a pull request:`,
      '',
      `1. **Pause** the cluster's Application. Only this field may be changed by hand: the ApplicationSet \`${argocd.applicationSet}\` ignores \`${AUTO_SYNC_SWITCH.pointer}\` of its Applications and reverts any other edit.`,
      '',
      bash([
        patch(false),
        `${argocd.cli} app get ${app} -o json | jq '.spec.syncPolicy.automated.enabled'   # false`,
      ]),
      '',
      `2. **Fix** the cluster with \`kubectl\` (e.g. \`${k} rollout undo deploy/<workload>\` returns a Deployment to its previous ReplicaSet; \`${k} scale deploy/<workload> --replicas=<n>\` when the autoscaler is not enough). The Application shows OutOfSync; nothing reverts the fix while it is paused. \`${argocd.cli} app diff ${app}\` shows exactly what differs from Git.`,
      `3. **Put the fix into Git** (settings in \`apps/${cluster.name}/src/settings.ts\`, or the library), \`pnpm render\`, pull request, merge.`,
      `4. **Resume** once \`app diff\` shows nothing you still need (resuming syncs the cluster to Git, undoing any hand change Git does not have):`,
      '',
      bash([
        `${argocd.cli} app diff ${app}`,
        patch(true),
        `${argocd.cli} app wait ${app} --sync --health --timeout 600`,
      ]),
      '',
      `A paused cluster gets no merged change at all: never leave it paused. Runbook step "Argo CD" shows \`false\` while it is.`,
    ].join('\n'),
  };
}
