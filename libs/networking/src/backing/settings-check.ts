/** Checks of the backing services' settings (`networking.backing` in a cluster's settings). */
import { closeMatches, type Checks, type Environment } from '@pms/core';
import {
  backingServicesOf,
  CATALOGUE_FILE,
  type BackingService,
  type ServiceDefinition,
} from '../catalogue.js';
import { validateResources } from '../validate.js';
import type { BackingSettings, StorageSettings } from './settings.js';
import { UPSTREAM_PROJECTS } from './upstream.js';

/** A volume size: whole Gi from 1 to 16384 (an EBS gp3 volume's range). */
const SIZE = /^[1-9]\d{0,4}Gi$/;
const MAX_GI = 16384;

function validateStorage(storage: StorageSettings | undefined, at: Checks): void {
  const size = storage?.size;
  if (typeof size !== 'string' || !SIZE.test(size) || Number(size.slice(0, -2)) > MAX_GI) {
    at.fail({
      field: 'storage.size',
      value: size,
      allowed: `a size in Gi from 1Gi to ${MAX_GI}Gi (an EBS gp3 volume), e.g. 20Gi`,
    });
  }
}

/** What a backing service's settings look like, for messages. */
function expectedShape(service: BackingService): string {
  switch (service.installer.project) {
    case 'cloudnative-pg':
      return '{ instances, storage: { size } } (CloudNativePG Cluster)';
    case 'strimzi':
      return '{ replicas, storage: { size } } (Strimzi Kafka node pool)';
    default:
      return '{ storage: { size } }';
  }
}

/**
 * Checks `networking.backing` (issues under `checks`, prefix `networking`): known services only (with a "did you
 * mean"), each with the settings of its project: instance or node counts, a storage size, resources. A service left
 * out is not checked here: it is simply not installed (`uninstalledDependencies` refuses that when it is needed).
 * `environment` adds the prod rules (failover needs replicas).
 */
export function validateBackingSettings(
  settings: BackingSettings | undefined,
  services: readonly ServiceDefinition[],
  checks: Checks,
  environment?: Environment,
): void {
  const at = checks.nested('backing');
  const file = `apps/${checks.cluster}/src/settings.ts`;
  if (settings === undefined || settings === null || typeof settings !== 'object') {
    at.fail({
      field: '',
      value: settings,
      allowed: `the backing services installed on the cluster, by name (${backingServicesOf(services)
        .map((s) => s.name)
        .join(', ')}), under networking.backing in ${file}`,
    });
    return;
  }
  const backing = backingServicesOf(services);
  const names = backing.map((s) => s.name);
  for (const name of Object.keys(settings)) {
    if (!names.includes(name)) {
      const near = closeMatches(name, names);
      at.fail({
        field: name,
        value: (settings as Record<string, unknown>)[name],
        allowed: `a backing service of the catalogue (${CATALOGUE_FILE}): ${names.join(', ')}`,
        problem: `"${name}" is no backing service${near.length > 0 ? `; did you mean "${near[0]}"?` : ''}`,
      });
    }
  }
  for (const service of backing) {
    const value = (settings as Record<string, unknown>)[service.name] as Record<string, unknown> | undefined;
    if (value === undefined) continue;
    const one = at.nested(service.name);
    if (value === null || typeof value !== 'object') {
      one.fail({ field: '', value, allowed: expectedShape(service) });
      continue;
    }
    validateStorage(value.storage as StorageSettings | undefined, one);
    if (value.resources !== undefined) validateResources(value.resources as never, one);
    const prod = environment === 'prod';
    const title = UPSTREAM_PROJECTS[service.installer.project]?.title ?? service.installer.project;
    if (service.installer.project === 'cloudnative-pg') {
      if (one.integer('instances', value.instances, 1, 9) && prod && (value.instances as number) < 3) {
        one.fail({
          field: 'instances',
          value: value.instances,
          allowed: 'at least 3 in prod',
          problem: `${title} fails over to a replica; with fewer than 3 instances a failover leaves the new primary without a replica`,
        });
      }
    } else if (service.installer.project === 'strimzi') {
      if (one.integer('replicas', value.replicas, 1, 9)) {
        const replicas = value.replicas as number;
        if (replicas % 2 === 0) {
          one.fail({
            field: 'replicas',
            value: replicas,
            allowed: 'an odd number (the nodes are KRaft controllers: a quorum needs a majority)',
            problem: `a quorum of ${replicas} controllers tolerates ${Math.floor((replicas - 1) / 2)} failure(s), no more than one of ${replicas - 1} would`,
          });
        } else if (prod && replicas < 3) {
          one.fail({
            field: 'replicas',
            value: replicas,
            allowed: 'at least 3 in prod',
            problem: 'one node is one broker and one controller: any restart stops Kafka',
          });
        }
      }
    }
  }
}
