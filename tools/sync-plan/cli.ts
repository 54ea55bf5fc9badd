/**
 * `pnpm sync-plan <cluster>`: the order in which Argo CD applies the cluster's objects across all its Applications,
 * each object's prerequisites and where each is satisfied; exit 0 without violation, 1 with violations (listed), 2
 * for a bad invocation. The plan is what the render checks (`pmsSyncPlan` of `@pms/platform`).
 */
import { issuesOf, type RenderTarget } from '@pms/core';
import { formatSyncPlan, pmsSyncPlan, type PmsClusterSettings } from '@pms/platform';
import { findWorkspaceRoot } from '@pms/render';
import { pathToFileURL } from 'node:url';
import { loadTargets } from '../render/targets.js';

/** Where `main` writes. */
export interface SyncPlanIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

/** The plan command over given targets; returns the exit code. */
export function syncPlanMain(
  argv: readonly string[],
  targets: readonly RenderTarget[],
  io: SyncPlanIo,
): number {
  const clusters = targets
    .filter((t) => t.settings !== undefined)
    .map((t) => t.name)
    .sort();
  const args = argv.filter((a) => !a.startsWith('--'));
  const unknownFlags = argv.filter((a) => a.startsWith('--'));
  if (args.length !== 1 || unknownFlags.length > 0) {
    io.stderr(
      `usage: pnpm sync-plan <cluster>\n  clusters: ${clusters.join(', ')}\n` +
        (unknownFlags.length > 0 ? `  unknown option(s): ${unknownFlags.join(', ')}\n` : ''),
    );
    return 2;
  }
  const cluster = args[0]!;
  const target = targets.find((t) => t.name === cluster && t.settings !== undefined);
  if (!target) {
    io.stderr(`unknown cluster ${JSON.stringify(cluster)}; known: ${clusters.join(', ')}\n`);
    return 2;
  }
  try {
    const sources = targets.map((t) => t.syncSources?.(cluster)).find((s) => s !== undefined);
    if (!sources) {
      io.stderr(
        `no Argo CD app syncs ${cluster}: add it to the fleet in apps/argocd/src/fleet.ts (no plan without its Applications)\n`,
      );
      return 1;
    }
    const plan = pmsSyncPlan(target.settings as PmsClusterSettings, sources);
    io.stdout(`${formatSyncPlan(plan)}\n`);
    return plan.violations.length === 0 ? 0 : 1;
  } catch (error) {
    const issues = issuesOf(error);
    if (!issues) throw error;
    io.stderr(`${cluster} does not build, so it has no plan:\n${(error as Error).message}\n`);
    return 1;
  }
}

/** Entry point: loads every app's target, as `pnpm render` does. */
export async function main(argv: readonly string[], io: SyncPlanIo): Promise<number> {
  return syncPlanMain(argv, await loadTargets(findWorkspaceRoot()), io);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.exitCode = await main(process.argv.slice(2), {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
  });
}
