/** The generated `argocd/README.md`: every list in it comes from the objects it describes. */
import {
  manifestPath,
  markdownTable,
  renderReadme,
  SYNC_WAVE_ANNOTATION,
  SyncWave,
  type DocSection,
  type Manifest,
} from '@pms/core';
import {
  ACK_CRDS_SYNC_OPTIONS,
  ACK_CRDS_WAVE,
  ACK_SYNC_OPTIONS,
  ACK_SYSTEM_NAMESPACE,
  ackChartName,
  ackGroup,
  ackServiceAccountSubject,
  type AckControllerValues,
} from './ack-controllers.js';
import type { IApplication } from '@kubernetes-models/argo-cd/argoproj.io/v1alpha1';
import {
  CLUSTER_DIRECTORY,
  CLUSTER_FILES_EXCLUDE,
  CLUSTER_FILES_INCLUDE,
  CLUSTER_SYNC_OPTIONS,
} from './applicationset.js';
import type { BuiltArgoCd } from './build.js';
import {
  CONTROLLER_CHART,
  CONTROLLER_IGNORE_DIFFERENCES,
  CONTROLLER_SYNC_OPTIONS,
} from './controller-release.js';
import { EXTERNAL_DNS_CHART, EXTERNAL_DNS_SYNC_OPTIONS, externalDnsValuesOf } from './external-dns.js';
import { FOUNDATION_FILES, FOUNDATION_WAVE } from './foundation.js';
import { releaseWave } from './release-applications.js';
import {
  ACK_CHARTS_REPOSITORY,
  ARGOCD_DIR,
  ARGOCD_NAMESPACE,
  BOOTSTRAP_PROJECT,
  GITOPS_REPOSITORY,
} from './repository.js';
import { BOOTSTRAP_APPLICATION } from './bootstrap.js';
import { ARGOCD_CM_SYNC_OPTIONS } from './health.js';
import { SYNC_RETRY } from './sync-policy.js';

const code = (text: string) => `\`${text}\``;
const valuesOf = (app: IApplication) => app.spec.source!.helm!.valuesObject as unknown as AckControllerValues;
const roleArnOf = (app: IApplication) =>
  valuesOf(app).serviceAccount.annotations['eks.amazonaws.com/role-arn'];
const wave = (m: Manifest) => m.metadata.annotations?.[SYNC_WAVE_ANNOTATION] ?? '0';
/** An object's file as the repository has it (`argocd/<namespace>/<kind>/<name>.yaml`). */
const fileOf = (m: Manifest) => `${ARGOCD_DIR}/${manifestPath(m)}`;

/** The README of `argocd/`. */
export function argoCdReadme(built: BuiltArgoCd): string {
  const { project, applicationSet, controllers } = built;
  // What step 6 of the bootstrap applies by hand: the bootstrap project and Application, nothing else.
  const bootstrapObjects = built.manifests
    .filter(
      (m) =>
        (m.kind === 'AppProject' && m.metadata.name === BOOTSTRAP_PROJECT) ||
        (m.kind === 'Application' && m.metadata.name === BOOTSTRAP_APPLICATION),
    )
    // The project first: the Application names it.
    .sort((a, b) => Number(a.kind !== 'AppProject') - Number(b.kind !== 'AppProject'));
  const sections: DocSection[] = [
    {
      title: 'Objects',
      order: 10,
      body: markdownTable(
        ['file', 'kind', 'name', 'sync wave'],
        [...built.manifests, built.healthConfig]
          .sort((a, b) => Number(wave(a)) - Number(wave(b)))
          .map((m) => [code(fileOf(m)), m.kind, m.metadata.name, wave(m)]),
      ),
    },
    {
      title: 'Clusters',
      order: 20,
      body: [
        `The ApplicationSet ${code(applicationSet.metadata.name!)} creates one Application per cluster of the fleet (list generator), named after it, syncing ${code(CLUSTER_DIRECTORY)} (without ${code(CLUSTER_FILES_EXCLUDE)}, which its foundation Application \`<cluster>-foundation\` syncs first) to the Argo CD cluster registered under the same name.`,
        '',
        markdownTable(
          ['cluster', 'Application', 'source path', 'destination', 'controller Application', 'chart'],
          built.clusters.map((cluster, index) => {
            const controller = controllers[index]!;
            return [
              cluster.name,
              cluster.name,
              code(`clusters/${cluster.name}`),
              `${cluster.name} / ${applicationSet.spec.template.spec.destination.namespace}`,
              controller.metadata.name!,
              `${CONTROLLER_CHART.name} ${controller.spec.source!.targetRevision} (${CONTROLLER_CHART.appVersion})`,
            ];
          }),
        ),
        '',
        `Files loaded: recursive, include ${code(CLUSTER_FILES_INCLUDE)} (Argo CD's include glob matches the path relative to the folder and its ${code('*')} crosses ${code('/')}, so nested YAML is selected; README.md and JSON documents are not).`,
        '',
        `The ApplicationSet reverts any edit of a generated Application except ${
          (applicationSet.spec.ignoreApplicationDifferences ?? [])
            .flatMap((d) => d.jsonPointers ?? [])
            .map(code)
            .join(', ') || 'nothing'
        }: on-call pauses a cluster's auto-sync there for an emergency change and resumes it (each cluster README, "Rollback and emergency changes"; docs/gitops.md).`,
      ].join('\n'),
    },
    {
      title: 'Project pms',
      order: 30,
      body: [
        `Sources: ${project.spec!.sourceRepos!.map(code).join(', ')}. Orphaned resources: warning.`,
        '',
        markdownTable(
          ['cluster', 'namespaces'],
          built.clusters.map((c) => [
            c.name,
            project
              .spec!.destinations!.filter((d) => d.name === c.name)
              .map((d) => code(d.namespace!))
              .join(', '),
          ]),
        ),
        '',
        `Cluster-scoped kinds: ${project.spec!.clusterResourceWhitelist!.map((k) => code(k.group ? `${k.group}/${k.kind}` : k.kind)).join(', ')}.`,
        '',
        `Namespaced kinds: ${project.spec!.namespaceResourceWhitelist!.map((k) => code(k.group ? `${k.group}/${k.kind}` : k.kind)).join(', ')}.`,
        '',
        'Derived at render time from the rendered cluster objects plus the objects of the controller, ACK and external-dns charts; anything else is refused by Argo CD.',
      ].join('\n'),
    },
    {
      title: 'ACK controllers',
      order: 35,
      body: [
        `Per cluster, the ACK controllers its ACK objects need (one per API group rendered), Helm charts from ${code(ACK_CHARTS_REPOSITORY)} (OCI) into ${code(ACK_SYSTEM_NAMESPACE)}, namespace-scoped: they watch and get RBAC only in the namespace of the ACK objects, and reconcile only the kinds listed. Their chart CRDs are skipped; the CRDs Application (wave ${ACK_CRDS_WAVE}) installs them from each controller's Git tag, the ACK runtime CRDs once.`,
        '',
        markdownTable(
          ['Application', 'chart', 'reconciles', 'watches', 'IRSA role'],
          built.ack.flatMap((a) => [
            ...(a.crds
              ? [
                  [
                    a.crds.metadata.name!,
                    'CRDs: ' +
                      a.crds.spec
                        .sources!.map((s) =>
                          code(
                            `${s.repoURL.replace('https://github.com/aws-controllers-k8s/', '').replace('.git', '')}@${s.targetRevision}/${s.path}/${s.directory!.include}`,
                          ),
                        )
                        .join(', '),
                    '',
                    '',
                    '',
                  ],
                ]
              : []),
            ...a.usages.map((u, index) => {
              const app = a.controllers[index]!;
              return [
                app.metadata.name!,
                `${ackChartName(u.controller)} ${app.spec.source!.targetRevision}`,
                u.kinds.map((k) => code(`${ackGroup(u.controller)}/${k}`)).join(', '),
                code(valuesOf(app).watchNamespace),
                code(roleArnOf(app)),
              ];
            }),
          ]),
        ),
        '',
        '**Bootstrap prerequisite: the controllers’ IAM roles.** ACK cannot create the roles its own controllers run with, so create them before syncing `argocd/`: the commands for each cluster are step 1 of "First sync" in its README (prerequisite `ack-controller-roles`, after the cluster\'s IAM OIDC provider, `eks-oidc-provider`). Each role trusts the cluster’s OIDC provider (`sts:AssumeRoleWithWebIdentity`, `aud` = `sts.amazonaws.com`) for exactly the subject listed:',
        '',
        markdownTable(
          ['cluster', 'role', 'trusted subject', 'permissions'],
          built.ack.flatMap((a) =>
            a.usages.map((u, index) => [
              a.cluster,
              code(roleArnOf(a.controllers[index]!)),
              code(ackServiceAccountSubject(u.controller)),
              u.controller.iam.managedPolicyArn
                ? `managed ${code(u.controller.iam.managedPolicyArn)}`
                : `inline: ${u.controller.iam.inlineActions.map(code).join(', ')}`,
            ]),
          ),
        ),
      ].join('\n'),
    },
    {
      title: 'external-dns',
      order: 36,
      body: [
        `Per cluster, external-dns ${EXTERNAL_DNS_CHART.appVersion} (chart ${code(`${EXTERNAL_DNS_CHART.name} ${EXTERNAL_DNS_CHART.version}`)} from ${code(EXTERNAL_DNS_CHART.repoURL)}, CRD DNSEndpoint included) publishes the host's weighted records: the ALB's from the Ingress, the legacy load balancers' from DNSEndpoints (each cluster README, "DNS records and migration"). Its values are checked against the chart's schema facts and the PMS rules (apps/argocd/src/external-dns.ts); its IAM role is an ACK Role in the cluster's folder, allowed to change record sets of the cluster's zone only.`,
        '',
        markdownTable(
          ['Application', 'zone (--zone-id-filter)', 'domain', 'owner id', 'policy', 'sources', 'IAM role'],
          built.externalDns.map((app) => {
            const v = externalDnsValuesOf(app);
            return [
              app.metadata.name!,
              v.extraArgs['zone-id-filter'].map(code).join(', '),
              v.domainFilters.map(code).join(', '),
              code(v.txtOwnerId),
              code(v.policy),
              v.sources.map(code).join(', '),
              code(
                v.serviceAccount.annotations['eks.amazonaws.com/role-arn'] ??
                  '(EKS Pod Identity association)',
              ),
            ];
          }),
        ),
        '',
        '`sync` because the migration ends by deleting the legacy records (`upsert-only`, the chart default, never deletes); the TXT registry limits deletes to records carrying the cluster’s owner id.',
      ].join('\n'),
    },
    {
      title: 'Helm releases (backing services, metrics-server)',
      order: 37,
      body: [
        `Per cluster, the releases its rendered objects need besides its folder (\`BuiltCluster.releases\`): the backing services' operators and chart, and metrics-server for the HorizontalPodAutoscalers. One Application each, \`<cluster>-<release>\`; wave ${SyncWave.platform}, after the cluster's foundation Application (its namespaces and StorageClass, which the Strimzi operator and the Valkey chart use) and before the cluster Application (whose objects need the releases' CRDs, webhooks, controllers and backing services). Operators are not pruned automatically (a dropped CRD would delete its databases). What must hold outside Git (EKS add-ons, DNS records) is in each cluster's README, sections "First sync" and "Cluster prerequisites".`,
        '',
        markdownTable(
          ['Application', 'chart', 'version (app)', 'repository', 'namespace', 'wave', 'sync options'],
          built.releases.flatMap((r) =>
            r.releases.map((release, index) => {
              const app = r.applications[index]!;
              return [
                app.metadata.name!,
                code(release.chart.name),
                `${release.chart.version} (${release.chart.appVersion})`,
                code(release.chart.repoURL),
                code(release.namespace),
                String(releaseWave(release)),
                (app.spec.syncPolicy?.syncOptions ?? []).map(code).join(', ') +
                  (app.spec.syncPolicy?.automated?.prune ? '' : ', no prune'),
              ];
            }),
          ),
        ),
      ].join('\n'),
    },
    {
      title: 'Health checks',
      order: 38,
      body: [
        `${code(`${built.healthConfig.metadata.namespace}/${built.healthConfig.metadata.name}`)} (${code(fileOf(built.healthConfig))}) carries a Lua health check for each kind Argo CD cannot assess itself, so a sync wave waits for it: every ACK kind the clusters render, and ${code('Application')} (the waves of this folder). The bootstrap Application applies it server-side, with ${code(ARGOCD_CM_SYNC_OPTIONS)}: only these keys are written next to the installation's own, and the object is never pruned or deleted.`,
        '',
        markdownTable(
          ['key', 'Healthy', 'Progressing', 'Degraded'],
          Object.keys(built.healthConfig.data as Record<string, string>).map((key) => [
            code(key),
            key.endsWith('_Application')
              ? 'the Application is Healthy'
              : key.endsWith('acm.services.k8s.aws_Certificate')
                ? 'ACK synced and ACM status ISSUED'
                : 'ACK synced (`Ready` True)',
            key.endsWith('_Application')
              ? 'until it reports a health'
              : key.endsWith('acm.services.k8s.aws_Certificate')
                ? 'PENDING_VALIDATION (names the DNS record), or not yet synced'
                : 'not yet synced, or `ACK.Recoverable` (e.g. AccessDenied)',
            key.endsWith('_Application')
              ? 'the Application is Degraded'
              : key.endsWith('acm.services.k8s.aws_Certificate')
                ? '`ACK.Terminal`, or FAILED, VALIDATION_TIMED_OUT, REVOKED, EXPIRED, INACTIVE'
                : '`ACK.Terminal` True',
          ]),
        ),
      ].join('\n'),
    },
    {
      title: 'Sync',
      order: 40,
      body: [
        `Every Application: automated sync with prune (except the ACK CRDs and the operators' releases) and self-heal (empty renders are never synced), retry ${SYNC_RETRY.limit} times from ${SYNC_RETRY.backoff.duration} doubling up to ${SYNC_RETRY.backoff.maxDuration}.`,
        '',
        `- Cluster Applications: ${CLUSTER_SYNC_OPTIONS.map(code).join(', ')}.`,
        `- Controller Applications: ${CONTROLLER_SYNC_OPTIONS.map(code).join(', ')}.`,
        `- ACK controller Applications: ${ACK_SYNC_OPTIONS.map(code).join(', ')}.`,
        `- external-dns Applications: ${EXTERNAL_DNS_SYNC_OPTIONS.map(code).join(', ')} (it creates \`external-dns\` with restricted Pod Security).`,
        `- ACK CRDs Applications: ${ACK_CRDS_SYNC_OPTIONS.map(code).join(', ')}, without prune (deleting a CRD deletes every object of its kind).`,
        '- Helm release Applications: see Helm releases.',
        '',
        'Fields left to their owners (`ignoreDifferences`, also respected when syncing):',
        '',
        markdownTable(
          ['Application', 'object', 'field', 'owner'],
          [
            ...(applicationSet.spec.template.spec.ignoreDifferences ?? []).map((d) => [
              'clusters',
              `${d.kind} ${d.namespace ?? ''}/${d.name}`,
              d.jsonPointers!.join(', '),
              'HorizontalPodAutoscaler',
            ]),
            ...CONTROLLER_IGNORE_DIFFERENCES.map((d) => [
              'controller',
              `${d.kind} ${d.namespace ? `${d.namespace}/` : ''}${d.name}`,
              [...(d.jsonPointers ?? []), ...(d.jqPathExpressions ?? [])].join(', '),
              'key material generated by the chart at install',
            ]),
          ],
        ),
        '',
        `Waves in \`argocd/\`: projects and \`argocd-cm\` (${SyncWave.foundation}), the clusters' foundation Applications (${FOUNDATION_WAVE}: \`${FOUNDATION_FILES}\`), ACK CRDs (${ACK_CRDS_WAVE}), controller Applications — load balancer, external-dns, ACK, the operators and metrics-server (${SyncWave.platform}), ApplicationSet (${SyncWave.workloads}). Argo CD waits for a wave to be healthy before the next within one Application; the Application health check (section Health checks) makes the bootstrap Application wait for its child Applications. The ApplicationSet lists the fleet (list generator), so a cluster's Application is created only when the bootstrap Application applies the ApplicationSet, after the waves before it are Healthy: each cluster's sync plan (\`pnpm sync-plan <cluster>\`, \"First sync\" in its README) is checked by the render.`,
      ].join('\n'),
    },
    {
      title: 'Bootstrap',
      order: 50,
      body: [
        '1. Install Argo CD in namespace `argocd` (the health checks come with `argocd/`, section Health checks).',
        `2. Register each cluster under its folder name (${built.clusters.map((c) => code(c.name)).join(', ')}): \`argocd cluster add <kube-context> --name <name>\`.`,
        `3. Make sure the repository URL ${code(GITOPS_REPOSITORY.url)} (apps/argocd/src/repository.ts) is the real remote and readable by Argo CD.`,
        `4. Register ${code(ACK_CHARTS_REPOSITORY)} as a Helm repository with OCI enabled (\`argocd repo add ${ACK_CHARTS_REPOSITORY} --type helm --name aws-controllers-k8s --enable-oci\`), likewise every OCI chart registry of the Helm releases (${[
          ...new Set(
            built.releases
              .flatMap((r) => r.releases.map((x) => x.chart.repoURL))
              .filter((u) => !u.includes('://')),
          ),
        ]
          .map(code)
          .join(', ')}).`,
        '5. For every cluster, work through step 1 of "First sync" in `clusters/<cluster>/README.md`: the IAM OIDC provider and the ACK controllers’ IAM roles (section ACK controllers), and the cluster prerequisites that must hold before the first sync.',
        `6. \`kubectl apply --server-side -n ${ARGOCD_NAMESPACE} ${bootstrapObjects.map((m) => `-f ${fileOf(m)}`).join(' ')}\` once: only the bootstrap project and Application. The bootstrap Application then syncs the rest of \`argocd/\` wave by wave (\`argocd-cm\` first, server-side, so it only gains the health keys) and keeps it in sync from Git. Applying all of \`argocd/\` by hand would create every Application at once, outside the waves the clusters' sync plans rely on.`,
      ].join('\n'),
    },
  ];
  return renderReadme(
    'Argo CD',
    `Generated by \`pnpm render\` from \`apps/argocd\` and the cluster apps' settings; do not edit by hand. Git: ${code(GITOPS_REPOSITORY.url)} @ ${code(GITOPS_REPOSITORY.revision)}. How it fits together: docs/gitops.md.`,
    sections,
  );
}
