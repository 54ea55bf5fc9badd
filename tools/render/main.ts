/**
 * The render command shared by both entry points (`bin.mjs`, the fast path behind `pnpm render`, and `cli.ts`,
 * run through tsx): `[app…] [--check]` renders every app or the named ones; `--check` writes nothing and fails
 * when the committed output differs from a fresh render.
 */
import type { RenderTarget } from '@pms/core';
import { runRenderCli } from '@pms/render';

/** Folder whose every entry belongs to a cluster app: a folder no app renders is left over and removed. */
const CLUSTERS_DIR = 'clusters';

export function renderMain(root: string, targets: readonly RenderTarget[], args: readonly string[]): void {
  const only = args.filter((arg) => !arg.startsWith('--'));
  const unknown = only.filter((name) => !targets.some((t) => t.name === name));
  if (unknown.length > 0) {
    process.stderr.write(
      `unknown app(s): ${unknown.join(', ')}; known: ${targets.map((t) => t.name).join(', ')}\n`,
    );
    process.exitCode = 2;
    return;
  }
  if (only.length > 0) {
    runRenderCli(
      root,
      targets.filter((t) => only.includes(t.name)),
      args,
    );
  } else {
    runRenderCli(root, targets, args, { exclusiveParents: [CLUSTERS_DIR] });
  }
}
