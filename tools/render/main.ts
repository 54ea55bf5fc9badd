/**
 * The render command shared by both entry points (`bin.mjs`, the fast path behind `pnpm render`, and `cli.ts`,
 * run through tsx): `[app…] [--check]` renders every app or the named ones; `--check` writes nothing and fails
 * when the committed output differs from a fresh render.
 */
import type { RenderTarget } from '@pms/core';
import { runRenderCli } from '@pms/render';

/** An app and the target its `src/target.ts` exports. */
export interface AppTarget {
  readonly app: string;
  readonly target: RenderTarget;
}

/** Folder whose every entry belongs to a cluster app: a folder no app renders is left over and removed. */
const CLUSTERS_DIR = 'clusters';

/**
 * Problems with how apps map to targets: an app must render under its own name (a copied app that still
 * carries the original's `settings.name` would overwrite the original's folder), and no two apps may share an
 * output folder.
 */
export function appTargetProblems(apps: readonly AppTarget[]): string[] {
  const problems: string[] = [];
  const byOutDir = new Map<string, string>();
  for (const { app, target } of apps) {
    if (target.name !== app) {
      problems.push(
        `apps/${app} renders target "${target.name}" (its settings' name); allowed: "${app}", the app's folder name — ` +
          `set name: '${app}' in apps/${app}/src/settings.ts`,
      );
    }
    const other = byOutDir.get(target.outDir);
    if (other)
      problems.push(
        `apps/${other} and apps/${app} both render into ${target.outDir}; allowed: one app per folder`,
      );
    else byOutDir.set(target.outDir, app);
  }
  return problems;
}

export function renderMain(root: string, apps: readonly AppTarget[], args: readonly string[]): void {
  const problems = appTargetProblems(apps);
  if (problems.length > 0) {
    process.stderr.write(`${problems.map((p) => `✗ ${p}`).join('\n')}\nnothing was written\n`);
    process.exitCode = 1;
    return;
  }
  const targets = apps.map((a) => a.target);
  const only = args.filter((arg) => !arg.startsWith('--'));
  const unknown = only.filter((name) => !apps.some((a) => a.app === name));
  if (unknown.length > 0) {
    process.stderr.write(
      `unknown app(s): ${unknown.join(', ')}; known: ${apps.map((a) => a.app).join(', ')}\n`,
    );
    process.exitCode = 2;
    return;
  }
  // Every build sees every target of the workspace, rendered or not: a cluster checks itself against the fleet.
  if (only.length > 0) {
    runRenderCli(
      root,
      targets.filter((t) => only.includes(t.name)),
      args,
      { workspace: targets },
    );
  } else {
    runRenderCli(root, targets, args, { exclusiveParents: [CLUSTERS_DIR], workspace: targets });
  }
}
