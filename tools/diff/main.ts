/**
 * `pnpm diff [--base <ref>]`: what a change does to the rendered clusters, as Markdown — risk flags, routing,
 * reachability and field-level object changes — for exactly the render targets the change affects.
 * Exit status: 0 no change, 1 error, 2 changes, 3 risky changes. See docs/pull-requests.md.
 *
 * `main` is the whole command with its surroundings passed in (where it runs, where its output goes), so it
 * runs in-process as well as from cli.ts.
 */
import { findWorkspaceRoot } from '@pms/render';
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { ClusterSettings } from '@pms/core';
import { appsWithTargets } from '../render/apps.mjs';
import { loadCompiledApps } from '../render/targets.js';
import { parseArgs, USAGE } from './args.js';
import { baseApps, readBase } from './base.js';
import { diffTarget, ExitStatus, exitStatusOf, type TargetDiff } from './diff.js';
import { affectedRenderProjects, defaultBase, mergeBase } from './git.js';
import { renderMarkdown } from './markdown.js';

/** Where `pnpm diff` runs and where its output goes. */
export interface DiffIo {
  /** The folder it runs in: the workspace is the one containing it; `--output` is relative to it. */
  readonly cwd: string;
  /** Receives the report (Markdown). */
  readonly stdout: (text: string) => void;
  /** Receives progress lines and errors. */
  readonly stderr: (text: string) => void;
}

/** The process's own working folder, stdout and stderr. */
export function processIo(): DiffIo {
  return {
    cwd: process.cwd(),
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
  };
}

/** Runs `pnpm diff` with `argv` (the arguments after the command); resolves to the exit status, never throws. */
export async function main(argv: readonly string[], io: DiffIo): Promise<ExitStatus> {
  try {
    return await diff(argv, io);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    io.stderr(`pnpm diff: ${message}\n`);
    if (/unknown argument|needs a value|--base-output/.test(message)) io.stderr(`${USAGE}\n`);
    return ExitStatus.error;
  }
}

async function diff(argv: readonly string[], io: DiffIo): Promise<ExitStatus> {
  const options = parseArgs(argv);
  if (options === 'help') {
    io.stdout(`${USAGE}\n`);
    return ExitStatus.unchanged;
  }
  const root = findWorkspaceRoot(io.cwd);
  const baseRef = options.base ?? (await defaultBase(root));
  const baseCommit = await mergeBase(root, baseRef);
  const log = (line: string) => io.stderr(`${line}\n`);

  // Head's render targets are found as `pnpm render` finds them (apps/<app>/src/target.ts), as baseApps
  // finds the base's; Nx says which of them the change affects. The Nx graph and the git listing are
  // independent: they run side by side.
  const all = appsWithTargets(root);
  const [affectedOnly, inBase] = await Promise.all([
    options.all ? undefined : affectedRenderProjects(root, baseCommit),
    baseApps(root, baseCommit),
  ]);
  const affected = affectedOnly ?? all;
  // A target deleted by the change is not in head's project graph; it is affected by definition.
  const deleted = inBase.filter((app) => !all.includes(app));
  log(
    `base ${baseCommit.slice(0, 12)} (${baseRef}); affected: ${affected.join(', ') || 'none'}${deleted.length ? `; deleted: ${deleted.join(', ')}` : ''}`,
  );

  // The working tree compiled as `pnpm render` compiles it: the code on disk now, in this process too. Every
  // app is compiled, as `pnpm render` compiles them: each build checks itself against every target of the
  // workspace (the fleet).
  const head = await loadCompiledApps(root);
  const workspace = head.apps.map((a) => a.target);
  const headApps = head.apps.filter((a) => affected.includes(a.app));
  const headTargets = headApps.map((a) => a.target);
  const built = head.buildTargets(headTargets, workspace);
  const failed = built.filter((b) => !b.ok);
  if (failed.length > 0) {
    for (const f of failed) if (!f.ok) log(`✗ ${f.target.name}: render failed\n${f.message}`);
    throw new Error('the working tree does not render; fix it before diffing');
  }
  const targets = [
    ...headTargets.map((t) => ({ name: t.name, outDir: t.outDir })),
    ...deleted.map((name) => ({ name, outDir: name === 'argocd' ? 'argocd' : `clusters/${name}` })),
  ];
  const base = await readBase(root, baseCommit, targets, inBase, options.baseOutput);
  const headFiles = new Map(built.map((b) => [b.target.name, b.ok ? b.files : undefined]));
  const settings = new Map(headApps.map((a) => [a.target.name, a.settings]));

  const diffs: TargetDiff[] = targets.map((t) => {
    const cluster = clusterVpc(settings.get(t.name));
    return diffTarget({
      name: t.name,
      outDir: t.outDir,
      base: base.get(t.name),
      head: headFiles.get(t.name),
      ...(cluster ? { cluster } : {}),
    });
  });
  const status = exitStatusOf(diffs);
  const markdown = renderMarkdown(diffs, status, {
    baseRef,
    baseCommit,
    baseSource: options.baseOutput === 'render' ? 'rendered in a temporary worktree' : 'its committed output',
    unaffected: all.filter((name) => !affected.includes(name)),
  });
  io.stdout(markdown);
  if (options.output) writeFileSync(resolve(io.cwd, options.output), markdown);
  return status;
}

/** The VPC of a cluster app's settings (`apps/<name>/src/settings.ts`), if the app is a cluster. */
function clusterVpc(settings: unknown): Pick<ClusterSettings, 'vpc'> | undefined {
  const vpc = (settings as Partial<ClusterSettings> | undefined)?.vpc;
  return vpc ? { vpc } : undefined;
}
