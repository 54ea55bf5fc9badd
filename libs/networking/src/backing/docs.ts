/** The README section of the backing services: what installs each, its size, its pods' labels and the releases. */
import { markdownTable, type DocSection } from '@pms/core';
import { backingServicesOf, PMS_SERVICES, serviceSelectorOf } from '../catalogue.js';
import type { HelmRelease } from '../releases.js';
import { PMS_STORAGE_CLASS } from './resources.js';
import { BACKING_RESOURCES, type BackingSettings } from './settings.js';
import { UPSTREAM_PROJECTS } from './upstream.js';

/** README order of the section (after the workloads). */
export const BACKING_DOC_ORDER = 31.5;

/** README title of the section. */
export const BACKING_TITLE = 'Backing services';

const code = (text: string) => `\`${text}\``;
const labels = (l: Readonly<Record<string, string>>) =>
  code(
    Object.entries(l)
      .map(([k, v]) => `${k}=${v}`)
      .join(','),
  );

/** Inputs of the section. */
export interface BackingDocInput {
  /** The cluster's backing settings. */
  readonly settings: BackingSettings;
  /** The cluster's Helm releases (backing services and metrics-server). */
  readonly releases: readonly HelmRelease[];
  /**
   * Whether the cluster guards against deletion (`deletionGuardRequired`): the custom resources then carry
   * `Prune=false,Delete=false` and the StorageClass retains released volumes.
   * @default false
   */
  readonly deletionGuard?: boolean;
}

/** The backing services and releases of a cluster. */
export function backingSection(input: BackingDocInput): DocSection {
  const settings = input.settings as Record<string, Record<string, unknown> | undefined>;
  const rows = backingServicesOf(PMS_SERVICES).map((service) => {
    const project = UPSTREAM_PROJECTS[service.installer.project];
    const own = settings[service.name];
    const size = own
      ? [
          own.instances !== undefined ? `${own.instances} instances` : undefined,
          own.replicas !== undefined ? `${own.replicas} nodes` : undefined,
          `${(own.storage as { size: string }).size} each`,
          (() => {
            const r =
              (own.resources as typeof BACKING_RESOURCES.valkey | undefined) ?? BACKING_RESOURCES[project.id];
            return `${r.cpuRequest} / ${r.memoryRequest} (limit ${r.memoryLimit})`;
          })(),
        ]
          .filter(Boolean)
          .join(', ')
      : '**not installed**';
    const how =
      project.kind === 'operator'
        ? `${project.title}: ${project.resources.map((r) => code(r.split(' ')[1]!)).join(' + ')} ${code(service.installer.instance)} (rendered here)`
        : `${project.title} chart, release ${code(service.installer.instance)}`;
    return [service.name, how, size, labels(service.podLabels), labels(serviceSelectorOf(service))];
  });
  const releases = markdownTable(
    ['release', 'chart', 'version (app)', 'namespace', 'sync', 'what'],
    input.releases.map((r) => [
      code(r.id),
      `${code(r.chart.name)} from ${code(r.chart.repoURL)}`,
      `${r.chart.version} (${r.chart.appVersion})`,
      code(r.namespace),
      r.order === 'before-cluster' ? 'before the cluster Application' : 'with it',
      r.purpose,
    ]),
  );
  const facts = Object.values(UPSTREAM_PROJECTS)
    .map((p) => {
      const { repository, tag } = p.pods[0]!.labels[0]!.source;
      return `${p.title} (${repository}@${tag})`;
    })
    .join(', ');
  return {
    title: BACKING_TITLE,
    order: BACKING_DOC_ORDER,
    body: [
      `Installed by Argo CD: the operators and the Valkey chart as Helm Applications (\`argocd/\`), the operators' custom resources from this folder (sync wave -3, before the workloads). Volumes use StorageClass ${code(PMS_STORAGE_CLASS)} (encrypted gp3, EBS CSI driver). The pods' labels, ports and Services are pinned upstream facts (${facts}); the NetworkPolicies select \`pod labels\`, our Service selects \`Service selector\` (a superset, as the VPC CNI requires).`,
      input.deletionGuard
        ? `Deletion protection (this cluster guards against deletion): the custom resources carry Argo CD's \`Prune=false,Delete=false\`, so neither removing them from Git nor deleting the cluster's Application deletes a database or a Kafka cluster, and ${code(PMS_STORAGE_CLASS)} keeps released volumes (\`reclaimPolicy: Retain\`; CloudNativePG's volume claims belong to the \`Cluster\` and go with it). Retiring one takes two changes: remove the guard, then the object.`
        : `No deletion protection in this cluster (not prod, \`deletionProtection\` off): Argo CD prunes a custom resource removed from Git, and ${code(PMS_STORAGE_CLASS)} deletes a released volume (\`reclaimPolicy: Delete\`).`,
      markdownTable(['service', 'installed by', 'size', 'pod labels', 'Service selector'], rows),
      '### Helm releases (one Argo CD Application each)',
      releases,
      'Pod Security: every pod runs under the restricted standard; CloudNativePG and Valkey meet it with their defaults, Strimzi with `STRIMZI_POD_SECURITY_PROVIDER_CLASS=restricted` on its operator. Operators generate no NetworkPolicies (Strimzi: `generateNetworkPolicy: false`).',
    ].join('\n\n'),
  };
}
