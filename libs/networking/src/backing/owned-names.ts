/**
 * The names a backing service's operator or chart gives its own objects in the instance's namespace
 * (`UPSTREAM_PROJECTS[…].ownedNames`), as one predicate: none of our objects may take them.
 */
import { apiGroup, type Manifest } from '@pms/core';
import type { BackingService } from '../catalogue.js';
import { instanceVars } from './pods.js';
import { fillTemplate, UPSTREAM_PROJECTS } from './upstream.js';

/** The names one installer owns. */
export interface OwnedNames {
  /** Who creates them, for messages: `CloudNativePG (Cluster postgres-cnpg)`. */
  readonly owner: string;
  /** True when an object named `name` could be one of them. */
  readonly takes: (name: string) => boolean;
  /** True for the custom resources this repository renders for the instance (ours, named after it). */
  readonly isInstanceResource: (object: Pick<Manifest, 'apiVersion' | 'kind' | 'metadata'>) => boolean;
  /** The names, for messages: `"postgres-cnpg", "postgres-cnpg-…" and "cnpg-default-monitoring"`. */
  readonly describe: () => string;
}

/** The names a backing service's installer owns (undefined for a project without facts). */
export function ownedNamesOf(service: BackingService): OwnedNames | undefined {
  const project = UPSTREAM_PROJECTS[service.installer.project];
  if (!project) return undefined;
  const vars = instanceVars(service.installer);
  const prefixes = project.ownedNames.prefixes.map((p) => fillTemplate(p, vars));
  const exact = project.ownedNames.exact;
  // `group/version Kind` of the custom resources rendered for the instance (the instance's own name only).
  const kinds = new Set(project.resources.map((r) => `${r.split(' ')[0]!.split('/')[0]}/${r.split(' ')[1]}`));
  return {
    owner: `${project.title} (${project.kind === 'operator' ? 'instance' : 'release'} ${service.installer.instance})`,
    takes: (name) => exact.includes(name) || prefixes.some((p) => name === p || name.startsWith(`${p}-`)),
    isInstanceResource: (object) =>
      object.metadata.name === service.installer.instance && kinds.has(`${apiGroup(object)}/${object.kind}`),
    describe: () =>
      [...prefixes.flatMap((p) => [`"${p}"`, `"${p}-…"`]), ...exact.map((n) => `"${n}"`)].join(', '),
  };
}
