/**
 * In-process timings of the render engine, run inside a fresh compiled child process (see child.ts): the
 * first (cold) build of each cluster, warm builds, the share of schema validation, and per-cluster cost at
 * 10 and 100 clusters. Module loading is timed by compiled.mjs before this runs.
 *
 * `buildPmsCluster` builds once per settings object, so every timed build gets a fresh copy of the settings.
 */
import { manifestsToFiles } from '@pms/core';
import { buildPmsCluster, type PmsClusterSettings } from '@pms/platform';
import { compileCustomKinds, validateManifests } from '@pms/schemas';
import { realClusters } from './clusters.js';
import { syntheticFleet } from './fleet.js';
import { median, round } from './stats.js';

const time = <T>(fn: () => T): [T, number] => {
  const t0 = performance.now();
  const value = fn();
  return [value, performance.now() - t0];
};

/** Build, validate and serialise one cluster: what a render target does before writing. */
const renderCluster = (settings: PmsClusterSettings) =>
  manifestsToFiles(settings.name, buildPmsCluster(settings).manifests);

export function runEngineProfile(): Record<string, unknown> {
  const clusters = realClusters();

  // First use of the custom-resource kinds' validators, before any build: what a render pays once for them.
  const customKindsFirstUseMs = round(time(() => compileCustomKinds())[1]);

  // First build of each real cluster (cold: lazy schema compilation, JIT warm-up) ...
  const cold: Record<string, number> = {};
  for (const settings of clusters) cold[settings.name] = round(time(() => renderCluster(settings))[1]);

  // ... then warm builds of the three clusters, and validation alone on their objects.
  const warmThree: number[] = [];
  const validateThree: number[] = [];
  let objects = 0;
  for (let run = 0; run < 7; run++) {
    const copies = clusters.map((s) => structuredClone(s));
    const [built, ms] = time(() => copies.map((s) => buildPmsCluster(s)));
    warmThree.push(ms);
    objects = built.reduce((n, b) => n + b.manifests.length, 0);
    validateThree.push(
      time(() => built.forEach((b, i) => validateManifests(copies[i]!.name, b.manifests)))[1],
    );
  }

  // Synthetic fleets in-process: per-cluster cost at 10 and 100 clusters (warm).
  const fleetPerCluster: Record<string, number> = {};
  for (const size of [10, 100]) {
    const fleet = clusters.flatMap((base, b) =>
      syntheticFleet(base, size).filter((_, i) => i % clusters.length === b),
    );
    const [, ms] = time(() => fleet.forEach(renderCluster));
    fleetPerCluster[String(size)] = round(ms / size, 2);
    fleetPerCluster[`${size}.totalMs`] = round(ms);
  }

  return {
    customKindsFirstUseMs,
    coldBuildMs: cold,
    warmThreeClustersMs: round(median(warmThree)),
    validationOfThreeClustersMs: round(median(validateThree)),
    objectsInThreeClusters: objects,
    fleetPerClusterMs: fleetPerCluster,
  };
}
