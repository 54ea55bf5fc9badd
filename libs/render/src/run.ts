import { issuesOf, type RenderTarget } from '@pms/core';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { diffTree, isClean, writeTreeAtomically, type TreeDiff } from './tree.js';

/** The outcome of building one target. */
export type BuildResult =
  | { readonly target: RenderTarget; readonly ok: true; readonly files: ReadonlyMap<string, string> }
  | { readonly target: RenderTarget; readonly ok: false; readonly message: string };

/** Builds every target in memory; never throws for bad input, never writes. */
export function buildTargets(targets: readonly RenderTarget[]): BuildResult[] {
  return targets.map((target) => {
    try {
      return { target, ok: true as const, files: target.build() };
    } catch (error) {
      const issues = issuesOf(error);
      const message = issues
        ? error instanceof Error
          ? error.message
          : String(error)
        : `unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`;
      return { target, ok: false as const, message };
    }
  });
}

/** Options of `renderTargets`. */
export interface RenderOptions {
  /**
   * Folders (relative to the root) that only the given targets may fill, e.g. `clusters`: anything else in
   * them is the output of an app that no longer exists, removed in `write` mode and reported in `check` mode.
   * Pass it only when rendering every target.
   * @default none
   */
  readonly exclusiveParents?: readonly string[];
}

/** Mode of a render run: write the output, or only compare it with what is on disk. */
export type RenderMode = 'write' | 'check';

/** Summary of one render run. */
export interface RenderReport {
  readonly ok: boolean;
  /** Lines to print, one or more per target. */
  readonly lines: string[];
  /** Per written (or checked) target, what changed relative to disk. */
  readonly diffs: ReadonlyMap<string, TreeDiff>;
}

/**
 * Builds all targets, then — only if every one of them built and validated — writes each into its
 * folder atomically (`write`) or compares it with the folder (`check`, the drift check). On any failure
 * nothing is written and the report says which target failed and why.
 */
export function renderTargets(
  root: string,
  targets: readonly RenderTarget[],
  mode: RenderMode = 'write',
  options: RenderOptions = {},
): RenderReport {
  const results = buildTargets(targets);
  const failures = results.filter((r): r is Extract<BuildResult, { ok: false }> => !r.ok);
  if (failures.length > 0) {
    const lines = failures.map(
      (f) =>
        `✗ ${f.target.name}: render failed${f.target.settingsFile ? ` (settings: ${f.target.settingsFile})` : ''}\n${indent(f.message)}`,
    );
    lines.push(`nothing was written: ${failures.length} of ${targets.length} target(s) failed`);
    return { ok: false, lines, diffs: new Map() };
  }
  const diffs = new Map<string, TreeDiff>();
  const lines: string[] = [];
  let ok = true;
  for (const result of results) {
    if (!result.ok) continue;
    const dir = join(root, result.target.outDir);
    const diff = mode === 'write' ? writeTreeAtomically(dir, result.files) : diffTree(dir, result.files);
    diffs.set(result.target.name, diff);
    const summary = describe(diff);
    if (mode === 'check' && !isClean(diff)) {
      ok = false;
      lines.push(`✗ ${result.target.outDir} is not current (${summary}):`);
      for (const [label, paths] of [
        ['added', diff.added],
        ['removed', diff.removed],
        ['changed', diff.changed],
      ] as const) {
        for (const path of paths) lines.push(`    ${label.padEnd(7)} ${result.target.outDir}/${path}`);
      }
    } else {
      lines.push(
        `✓ ${result.target.outDir}: ${result.files.size} files${isClean(diff) ? ', unchanged' : `, ${summary}`}`,
      );
    }
  }
  for (const orphan of findOrphans(root, targets, options.exclusiveParents ?? [])) {
    if (mode === 'write') {
      rmSync(join(root, orphan), { recursive: true, force: true });
      lines.push(`✓ ${orphan}: removed (no app renders it)`);
    } else {
      ok = false;
      lines.push(`✗ ${orphan} is not rendered by any app: delete it, or restore the app that rendered it`);
    }
  }
  if (!ok) lines.push('run `pnpm render` and commit the result');
  return { ok, lines, diffs };
}

function describe(diff: TreeDiff): string {
  return `${diff.added.length} added, ${diff.removed.length} removed, ${diff.changed.length} changed`;
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => `    ${line}`)
    .join('\n');
}

/** Entries of the exclusive parents that no target renders (hidden entries, such as in-flight renders, excepted). */
export function findOrphans(
  root: string,
  targets: readonly RenderTarget[],
  parents: readonly string[],
): string[] {
  const owned = new Set(targets.map((target) => target.outDir));
  return parents.flatMap((parent) =>
    existsSync(join(root, parent))
      ? readdirSync(join(root, parent))
          .filter((entry) => !entry.startsWith('.'))
          .map((entry) => `${parent}/${entry}`)
          .filter((path) => !owned.has(path))
          .sort()
      : [],
  );
}
