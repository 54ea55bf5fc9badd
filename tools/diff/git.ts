/** The git and Nx queries of `pnpm diff` and `pnpm render:affected` (zx; the Nx daemon and Nx Cloud stay off). */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { $ } from 'zx';

/**
 * Environment for every spawned Nx: no daemon (CI-like, no stale graph), no Nx Cloud, no network, and its
 * project-graph plugins in the Nx process itself. Nx otherwise starts one worker process per plugin to build
 * the graph (plugin isolation; nx/src/project-graph/plugins/isolation/enabled.js reads `NX_ISOLATE_PLUGINS`),
 * which protects Nx from third-party plugins; this workspace uses only Nx's built-in ones, and the workers
 * took half of every `nx show projects`.
 */
export const NX_ENV: Readonly<Record<string, string>> = {
  NX_DAEMON: 'false',
  NX_NO_CLOUD: 'true',
  NX_TUI: 'false',
  NX_ISOLATE_PLUGINS: 'false',
};

/** Runs git in `root` and returns its trimmed stdout; failures throw with git's message. */
export async function git(root: string, ...args: string[]): Promise<string> {
  const out = await $({ cwd: root, quiet: true, nothrow: true })`git ${args}`;
  if (out.exitCode !== 0)
    throw new Error(`git ${args.join(' ')} failed: ${out.stderr.trim() || `exit ${out.exitCode}`}`);
  return out.stdout.trim();
}

/** True when `ref` names a commit in `root`. */
export async function refExists(root: string, ref: string): Promise<boolean> {
  const out = await $({
    cwd: root,
    quiet: true,
    nothrow: true,
  })`git rev-parse --verify --quiet ${`${ref}^{commit}`}`;
  return out.exitCode === 0;
}

/** The default base: `origin/main` when the remote branch is known (CI, clones), else `main`. */
export async function defaultBase(root: string): Promise<string> {
  return (await refExists(root, 'origin/main')) ? 'origin/main' : 'main';
}

/**
 * The commit a change is compared against: the merge-base of `ref` and `head` (as `nx affected` and a pull
 * request's "files changed" view use), so commits that landed on the base branch since are not shown.
 */
export async function mergeBase(root: string, ref: string, head = 'HEAD'): Promise<string> {
  if (!(await refExists(root, ref)))
    throw new Error(
      `base ref ${JSON.stringify(ref)} is not a commit in ${root} (fetch it, or pass --base <ref>)`,
    );
  return git(root, 'merge-base', ref, head);
}

/** Runs the workspace's own Nx with `args`; throws with Nx's output on failure. */
export async function nx(root: string, args: readonly string[]): Promise<string> {
  const bin = join(root, 'node_modules', '.bin', 'nx');
  if (!existsSync(bin)) throw new Error(`${bin} not found: run pnpm install first`);
  const out = await $({
    cwd: root,
    quiet: true,
    nothrow: true,
    env: { ...process.env, ...NX_ENV },
  })`${bin} ${args}`;
  if (out.exitCode !== 0)
    throw new Error(`nx ${args.join(' ')} failed:\n${(out.stderr || out.stdout).trim()}`);
  return out.stdout.trim();
}

/**
 * The projects with a `render` target that a change affects, sorted. With `head`, the change is
 * `base..head`; without it, `base..HEAD` plus uncommitted and untracked files (what `pnpm diff` renders).
 */
export async function affectedRenderProjects(root: string, base: string, head?: string): Promise<string[]> {
  const args = ['show', 'projects', '--affected', '--withTarget', 'render', '--json', '--base', base];
  if (head) args.push('--head', head);
  return parseProjects(await nx(root, args));
}

function parseProjects(stdout: string): string[] {
  const json = stdout.slice(stdout.indexOf('['));
  const names = JSON.parse(json) as unknown;
  if (!Array.isArray(names) || !names.every((n) => typeof n === 'string'))
    throw new Error(`unexpected nx output: ${stdout}`);
  return [...names].sort();
}
