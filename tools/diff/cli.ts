/**
 * `pnpm diff [--base <ref>]`: what a change does to the rendered clusters, as Markdown — risk flags, routing,
 * reachability and field-level object changes — for exactly the render targets the change affects.
 * Exit status: 0 no change, 1 error, 2 changes, 3 risky changes. See docs/pull-requests.md.
 */
import { buildTargets, findWorkspaceRoot } from '@pms/render';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ClusterSettings } from '@pms/core';
import { loadTargets } from '../render/targets.js';
import { parseArgs, USAGE } from './args.js';
import { baseApps, readBase } from './base.js';
import { diffTarget, ExitStatus, exitStatusOf, type TargetDiff } from './diff.js';
import { affectedRenderProjects, defaultBase, mergeBase, renderProjects } from './git.js';
import { renderMarkdown } from './markdown.js';

async function main(argv: readonly string[]): Promise<ExitStatus> {
  const options = parseArgs(argv);
  if (options === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return ExitStatus.unchanged;
  }
  const root = findWorkspaceRoot();
  const baseRef = options.base ?? (await defaultBase(root));
  const baseCommit = await mergeBase(root, baseRef);
  const log = (line: string) => process.stderr.write(`${line}\n`);

  const all = await renderProjects(root);
  const affected = options.all ? all : await affectedRenderProjects(root, baseCommit);
  const inBase = await baseApps(root, baseCommit);
  // A target deleted by the change is not in head's project graph; it is affected by definition.
  const headApps = new Set(all);
  const deleted = inBase.filter((app) => !headApps.has(app));
  log(
    `base ${baseCommit.slice(0, 12)} (${baseRef}); affected: ${affected.join(', ') || 'none'}${deleted.length ? `; deleted: ${deleted.join(', ')}` : ''}`,
  );

  const headTargets = await loadTargets(root, affected);
  // Each build checks itself against every target of the workspace (the fleet), as `pnpm render` does.
  const built = buildTargets(headTargets, await loadTargets(root));
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

  const diffs: TargetDiff[] = [];
  for (const t of targets) {
    const cluster = await clusterSettings(root, t.name);
    diffs.push(
      diffTarget({
        name: t.name,
        outDir: t.outDir,
        base: base.get(t.name),
        head: headFiles.get(t.name),
        ...(cluster ? { cluster } : {}),
      }),
    );
  }
  const status = exitStatusOf(diffs);
  const markdown = renderMarkdown(diffs, status, {
    baseRef,
    baseCommit,
    baseSource: options.baseOutput === 'render' ? 'rendered in a temporary worktree' : 'its committed output',
    unaffected: all.filter((name) => !affected.includes(name)),
  });
  process.stdout.write(markdown);
  if (options.output) writeFileSync(options.output, markdown);
  return status;
}

/** The VPC of a cluster app (`apps/<name>/src/settings.ts` exporting `settings`), if it is one. */
async function clusterSettings(root: string, app: string): Promise<Pick<ClusterSettings, 'vpc'> | undefined> {
  const file = join(root, 'apps', app, 'src', 'settings.ts');
  if (!existsSync(file)) return undefined;
  const module = (await import(pathToFileURL(file).href)) as { settings?: Partial<ClusterSettings> };
  return module.settings?.vpc ? { vpc: module.settings.vpc } : undefined;
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  process.stderr.write(`pnpm diff: ${error instanceof Error ? error.message : String(error)}\n`);
  if (error instanceof Error && /unknown argument|needs a value|--base-output/.test(error.message))
    process.stderr.write(`${USAGE}\n`);
  process.exitCode = ExitStatus.error;
}
