import { Checks } from '@pms/core';
import { WORKLOADS, type NetworkingSettings } from './settings.js';

/** Checks the networking settings; issues are recorded on `checks` (prefix `networking`). */
export function validateNetworkingSettings(settings: NetworkingSettings, checks: Checks): void {
  for (const name of WORKLOADS) {
    const workload = settings.workloads?.[name];
    const at = checks.nested(`workloads.${name}`);
    if (!workload) {
      at.fail('', workload, 'settings with image and scaling for every workload');
      continue;
    }
    at.matches(
      'image.repository',
      workload.image?.repository,
      /^[a-z0-9]+([._-][a-z0-9]+)*(\.[a-z0-9-]+)*(:\d+)?(\/[a-z0-9]+([._-][a-z0-9]+)*)+$|^[a-z0-9]+([._/-][a-z0-9]+)*$/,
      'an image repository without tag or digest, e.g. 123456789012.dkr.ecr.eu-central-1.amazonaws.com/pms/apigateway',
    );
    const tag = workload.image?.tag;
    if (typeof tag !== 'string' || !/^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/.test(tag) || tag === 'latest') {
      at.fail('image.tag', tag, 'a pinned tag such as 1.8.3 (not "latest", not empty)', tag === 'latest' ? '"latest" is not pinned' : undefined);
    }
    const scaling = workload.scaling;
    if (at.integer('scaling.minReplicas', scaling?.minReplicas, 1, 100) &&
      at.integer('scaling.maxReplicas', scaling?.maxReplicas, 1, 500)) {
      at.require(
        scaling.maxReplicas >= scaling.minReplicas,
        'scaling.maxReplicas',
        scaling.maxReplicas,
        `at least scaling.minReplicas (${scaling.minReplicas})`,
      );
    }
    if (scaling?.targetCpuUtilization !== undefined) {
      at.integer('scaling.targetCpuUtilization', scaling.targetCpuUtilization, 10, 95, 'percent');
    }
  }
}
