/**
 * Is every backing service a workload needs installed on the cluster? Pure functions over the catalogue, the graph,
 * the rendered objects and the cluster's Helm releases, so the render and later tooling (`pnpm sync-plan`) ask the
 * same question: an operator's service is installed when its custom resource is rendered AND the operator's chart
 * is released; a chart's service when its chart is released under the instance's name into `pms`.
 */
import { apiGroup, type ConfigIssue, type Manifest } from '@pms/core';
import { backingServicesOf, CATALOGUE_FILE, PMS_SERVICES, type ServiceDefinition } from '../catalogue.js';
import { describeEdge, type CommunicationGraph } from '../graph.js';
import { PMS_NAMESPACE } from '../namespace.js';
import type { HelmRelease } from '../releases.js';
import { UPSTREAM_PROJECTS } from './upstream.js';

/** What identifies a release in a cluster (also readable from an Argo CD Application). */
export type ReleaseRef = Pick<HelmRelease, 'releaseName' | 'namespace'> & {
  readonly chart: Pick<HelmRelease['chart'], 'name'>;
};

/** One backing service and what installs it on a cluster. */
export interface BackingInstallation {
  /** Catalogue name. */
  readonly service: string;
  /** True when everything its project needs is there. */
  readonly installed: boolean;
  /** What is there and what is missing, e.g. `Cluster pms/postgres-cnpg rendered; cloudnative-pg chart: missing`. */
  readonly evidence: readonly string[];
}

/**
 * Which backing services of the catalogue are installed, given a cluster's rendered objects and its releases: an
 * operator's service needs its custom resource (the project's first resource kind, named after the instance, in
 * `pms`) and a release of the operator's chart; a chart's service a release of its chart named after the instance
 * in `pms`.
 */
export function backingInstallations(
  manifests: readonly Pick<Manifest, 'apiVersion' | 'kind' | 'metadata'>[],
  releases: readonly ReleaseRef[],
  services: readonly ServiceDefinition[] = PMS_SERVICES,
): BackingInstallation[] {
  return backingServicesOf(services).map((service) => {
    const project = UPSTREAM_PROJECTS[service.installer.project];
    if (!project) return { service: service.name, installed: false, evidence: ['no upstream facts'] };
    const instance = service.installer.instance;
    if (project.kind === 'chart') {
      const release = releases.some(
        (r) => r.chart.name === project.chart && r.releaseName === instance && r.namespace === PMS_NAMESPACE,
      );
      return {
        service: service.name,
        installed: release,
        evidence: [
          `${project.chart} chart, release ${instance} in ${PMS_NAMESPACE}: ${release ? 'released' : 'missing'}`,
        ],
      };
    }
    const [apiVersion, kind] = project.resources[0]!.split(' ') as [string, string];
    const group = apiVersion.split('/')[0];
    const resource = manifests.some(
      (m) =>
        m.kind === kind &&
        apiGroup(m) === group &&
        m.metadata.name === instance &&
        m.metadata.namespace === PMS_NAMESPACE,
    );
    const operator = releases.some((r) => r.chart.name === project.chart);
    return {
      service: service.name,
      installed: resource && operator,
      evidence: [
        `${kind} ${PMS_NAMESPACE}/${instance}: ${resource ? 'rendered' : 'missing'}`,
        `${project.chart} chart (the ${project.title} operator): ${operator ? 'released' : 'missing'}`,
      ],
    };
  });
}

/** Props of `uninstalledDependencies`. */
export interface UninstalledDependenciesInput {
  /** Cluster name, for the issues. */
  readonly cluster: string;
  /** The graph whose edges need the services. */
  readonly graph: CommunicationGraph;
  /** Which backing services are installed (`backingInstallations`). */
  readonly installations: readonly BackingInstallation[];
  /** The catalogue. @default PMS_SERVICES */
  readonly services?: readonly ServiceDefinition[];
}

/**
 * One issue per backing service that is not installed: naming the edges of the workloads that need it (both ends),
 * what is missing and the fix (its settings in the cluster's file); a backing service nobody needs is refused
 * too, since its Service and NetworkPolicy would select no pods.
 */
export function uninstalledDependencies(input: UninstalledDependenciesInput): ConfigIssue[] {
  const services = input.services ?? PMS_SERVICES;
  const file = `apps/${input.cluster}/src/settings.ts`;
  return input.installations
    .filter((installation) => !installation.installed)
    .map((installation) => {
      const name = installation.service;
      const service = services.find((s) => s.name === name);
      const project =
        service?.kind === 'backing' ? UPSTREAM_PROJECTS[service.installer.project]?.title : undefined;
      const needs = input.graph.edges.filter(
        (e) => e.to === name && e.from !== name && services.some((s) => s.name === e.from),
      );
      const missing = installation.evidence.filter((e) => e.endsWith('missing')).join('; ');
      return {
        cluster: input.cluster,
        field: `networking.backing.${name}`,
        value: undefined,
        problem:
          needs.length > 0
            ? `${needs.map(describeEdge).join(', ')} (PMS_GRAPH, libs/networking/src/graph.ts) need${needs.length === 1 ? 's' : ''} ${name}, which is not installed on ${input.cluster} (${missing}), so ${[...new Set(needs.map((e) => e.from))].join(', ')} never become${needs.length === 1 ? 's' : ''} ready and the Ingress (sync wave 10) waits for ever`
            : `${name} is declared in PMS_SERVICES (${CATALOGUE_FILE}) but not installed on ${input.cluster} (${missing}): its Service and NetworkPolicy would select no pods`,
        allowed: `the ${project ?? 'installer'} settings of ${name} under networking.backing.${name} in ${file}${needs.length > 0 ? ', or no edge to it in PMS_GRAPH' : `, or no ${name} in PMS_SERVICES`}`,
      };
    });
}
