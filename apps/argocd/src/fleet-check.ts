/**
 * "Add a cluster" must not silently skip Argo CD: the fleet (`fleet.ts`) has to list exactly the cluster apps
 * of the workspace (`apps/<name>/src/settings.ts`). A cluster app missing from the fleet would still render
 * `clusters/<name>/`, and the ApplicationSet would create its Application, but the AppProject would have no
 * destination for it (every sync refused) and it would get no controller Applications.
 */
import { ConfigError } from '@pms/core';
import { FLEET_FILE } from '@pms/platform';

export { FLEET_FILE };

/**
 * Throws a `ConfigError` naming every cluster app missing from the fleet and every fleet entry without a
 * cluster app, and saying where to register them.
 */
export function checkFleetMatchesClusterApps(
  fleetNames: readonly string[],
  clusterApps: readonly string[],
): void {
  const missing = clusterApps.filter((name) => !fleetNames.includes(name)).sort();
  const extra = fleetNames.filter((name) => !clusterApps.includes(name)).sort();
  if (missing.length === 0 && extra.length === 0) return;
  const problems = [
    ...(missing.length > 0
      ? [
          `cluster app(s) ${missing.map((n) => `apps/${n}`).join(', ')} not registered: import their settings and add them to the fleet in ${FLEET_FILE}`,
        ]
      : []),
    ...(extra.length > 0
      ? [`${extra.join(', ')} listed in ${FLEET_FILE} without an apps/<name>/src/settings.ts`]
      : []),
  ];
  throw new ConfigError({
    cluster: 'argocd',
    field: 'fleet',
    value: [...fleetNames],
    problem: problems.join('; '),
    allowed: `exactly the cluster apps of the workspace (${[...clusterApps].sort().join(', ')}); register a new cluster in ${FLEET_FILE}`,
  });
}
