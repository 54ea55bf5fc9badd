/**
 * The base side of the diff: the rendered output of every compared target at the base commit.
 *
 * - `render` (default): checks the base commit out in a temporary `git worktree`, links the working tree's
 *   `node_modules` into it and renders there with the base's own render command (`tools/render/bin.mjs` when
 *   the base has it, else `tsx tools/render/cli.ts`). Always right, even when the base's committed output is
 *   stale or the base is a local branch nobody drift-checked. The worktree is removed afterwards, also on
 *   failure or Ctrl-C.
 * - `committed`: reads the base commit's committed `clusters/` and `argocd/` with `git archive`. Fast and
 *   independent of the installed packages, and exact whenever the base passed the drift check — which CI
 *   guarantees for every commit on `main`, so CI uses it for pull requests into `main`.
 */
import { readTree } from '@pms/render';
import { existsSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { $ } from 'zx';
import { git } from './git.js';

/** How the base output is obtained. */
export type BaseSource = 'render' | 'committed';

/** A target to read at the base: its app name and output folder. */
export interface BaseTarget {
  readonly name: string;
  readonly outDir: string;
}

/** The apps of the base commit that have a render target (`apps/<app>/src/target.ts`). */
export async function baseApps(root: string, commit: string): Promise<string[]> {
  const files = await git(root, 'ls-tree', '-r', '--name-only', commit, '--', 'apps');
  return files
    .split('\n')
    .map((path) => /^apps\/([^/]+)\/src\/target\.ts$/.exec(path)?.[1])
    .filter((app): app is string => app !== undefined)
    .sort();
}

/**
 * The files of each target at the base (`undefined` for a target the base does not have), keyed by name.
 * `apps` are the base's apps (from `baseApps`), so targets that are new in head are not asked for.
 */
export async function readBase(
  root: string,
  commit: string,
  targets: readonly BaseTarget[],
  apps: readonly string[],
  source: BaseSource,
): Promise<Map<string, Map<string, string> | undefined>> {
  const present = targets.filter((t) => apps.includes(t.name));
  const result = new Map<string, Map<string, string> | undefined>(targets.map((t) => [t.name, undefined]));
  if (present.length === 0) return result;
  const dir = mkdtempSync(join(tmpdir(), 'pms-diff-base-'));
  const cleanup =
    source === 'render'
      ? () => removeWorktree(root, dir)
      : () => rmSync(dir, { recursive: true, force: true });
  const onSignal = () => {
    cleanup();
    process.exit(130);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    if (source === 'render')
      await renderInWorktree(
        root,
        commit,
        dir,
        present.map((t) => t.name),
      );
    else
      await extractCommitted(
        root,
        commit,
        dir,
        present.map((t) => t.outDir),
      );
    for (const t of present) result.set(t.name, readTree(join(dir, t.outDir)));
    return result;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    cleanup();
  }
}

async function renderInWorktree(
  root: string,
  commit: string,
  dir: string,
  apps: readonly string[],
): Promise<void> {
  await git(root, 'worktree', 'add', '--detach', dir, commit);
  // The base needs the installed packages; a node_modules the base itself tracks (a committed link) is used as is.
  if (!existsSync(join(dir, 'node_modules')))
    symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'), 'dir');
  const { command, args } = baseRenderCommand(dir, apps);
  const out = await $({ cwd: dir, quiet: true, nothrow: true })`${command} ${args}`;
  if (out.exitCode !== 0) {
    throw new Error(
      `rendering the base ${commit.slice(0, 12)} failed (exit ${out.exitCode}):\n${(out.stderr + out.stdout).trim()}`,
    );
  }
}

/** A command line: the executable and its arguments. */
export interface Command {
  readonly command: string;
  readonly args: readonly string[];
}

/**
 * How to render `apps` in a checkout of the base at `dir`: with the base's own fast path
 * (`node tools/render/bin.mjs`, esbuild + plain node) when the base has it, else through the TypeScript
 * loader (`tsx tools/render/cli.ts`), which every base since the render CLI has.
 */
export function baseRenderCommand(dir: string, apps: readonly string[]): Command {
  if (existsSync(join(dir, 'tools', 'render', 'bin.mjs')))
    return { command: process.execPath, args: ['tools/render/bin.mjs', ...apps] };
  return { command: join(dir, 'node_modules', '.bin', 'tsx'), args: ['tools/render/cli.ts', ...apps] };
}

async function extractCommitted(
  root: string,
  commit: string,
  dir: string,
  outDirs: readonly string[],
): Promise<void> {
  const listed = await git(root, 'ls-tree', '--name-only', commit, '--', ...outDirs);
  const existing = outDirs.filter((d) => listed.split('\n').includes(d));
  if (existing.length === 0) return;
  const out = await $({
    cwd: root,
    quiet: true,
    nothrow: true,
  })`git archive --format=tar ${commit} -- ${existing} | tar -x -C ${dir}`;
  if (out.exitCode !== 0)
    throw new Error(`reading the committed output of ${commit.slice(0, 12)} failed: ${out.stderr.trim()}`);
}

function removeWorktree(root: string, dir: string): void {
  // Synchronous, so it also runs from a signal handler. The node_modules link goes with the folder.
  if (existsSync(dir)) {
    try {
      rmSync(join(dir, 'node_modules'), { force: true });
    } catch {
      // the link may not exist yet
    }
  }
  $.sync({ cwd: root, quiet: true, nothrow: true })`git worktree remove --force ${dir}`;
  rmSync(dir, { recursive: true, force: true });
  $.sync({ cwd: root, quiet: true, nothrow: true })`git worktree prune`;
}
