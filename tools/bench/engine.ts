/**
 * In-process timings of the render engine, run inside a fresh child process (see child.ts): what loading
 * each layer costs, the first (cold) build of a cluster, warm builds, and the share of schema validation.
 */
import { median, round } from './stats.js';

const time = async <T>(fn: () => T | Promise<T>): Promise<[T, number]> => {
  const t0 = performance.now();
  const value = await fn();
  return [value, performance.now() - t0];
};

export async function runEngineProfile(): Promise<Record<string, unknown>> {
  // Import cost, layer by layer (each import only pays for what earlier ones did not load).
  const [, cdk8sPlusMs] = await time(() => import('cdk8s-plus-27'));
  const [schemas, schemasMs] = await time(() => import('@pms/schemas'));
  const [platform, platformMs] = await time(() => import('@pms/platform'));
  const [{ realClusters }, settingsMs] = await time(() => import('./clusters.js'));
  const [{ syntheticFleet }] = await time(() => import('./fleet.js'));
  const { manifestsToFiles } = await import('@pms/core');
  const clusters = realClusters();

  // First build of each real cluster (cold: lazy schema compilation, JIT warm-up) ...
  const cold: Record<string, number> = {};
  for (const settings of clusters) {
    const [, ms] = await time(() =>
      manifestsToFiles(settings.name, platform.buildPmsCluster(settings).manifests),
    );
    cold[settings.name] = round(ms);
  }
  // ... then warm builds of the three clusters, and validation alone on their objects.
  const warmThree: number[] = [];
  const validateThree: number[] = [];
  let objects = 0;
  for (let run = 0; run < 7; run++) {
    const [built, ms] = await time(() => clusters.map((s) => platform.buildPmsCluster(s)));
    warmThree.push(ms);
    objects = built.reduce((n, b) => n + b.manifests.length, 0);
    const [, vms] = await time(() =>
      built.forEach((b, i) => schemas.validateManifests(clusters[i]!.name, b.manifests)),
    );
    validateThree.push(vms);
  }

  // Synthetic fleets in-process: per-cluster cost at 10 and 100 clusters (warm).
  const fleetPerCluster: Record<string, number> = {};
  for (const size of [10, 100]) {
    const fleet = clusters.flatMap((base, b) =>
      syntheticFleet(base, size).filter((_, i) => i % clusters.length === b),
    );
    const [, ms] = await time(() =>
      fleet.forEach((s) => manifestsToFiles(s.name, platform.buildPmsCluster(s).manifests)),
    );
    fleetPerCluster[String(size)] = round(ms / size, 2);
    fleetPerCluster[`${size}.totalMs`] = round(ms);
  }

  return {
    importMs: {
      cdk8sPlus27: round(cdk8sPlusMs),
      schemas: round(schemasMs),
      platformAndConcerns: round(platformMs),
      settings: round(settingsMs),
    },
    coldBuildMs: cold,
    warmThreeClustersMs: round(median(warmThree)),
    validationOfThreeClustersMs: round(median(validateThree)),
    objectsInThreeClusters: objects,
    fleetPerClusterMs: fleetPerCluster,
  };
}
