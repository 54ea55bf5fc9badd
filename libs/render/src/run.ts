import {
  groupIssues,
  issuesOf,
  type ConfigIssue,
  type RenderContext,
  type RenderTarget,
  type TargetIssues,
} from '@pms/core';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { diffTree, isClean, writeTreeAtomically, type TreeDiff } from './tree.js';

/** The outcome of building one target. */
export type BuildResult =
  | {
      readonly target: RenderTarget;
      readonly ok: true;
      readonly files: ReadonlyMap<string, string>;
      /** Warnings the build recorded. */
      readonly warnings: readonly ConfigIssue[];
    }
  | {
      readonly target: RenderTarget;
      readonly ok: false;
      readonly message: string;
      /** The issues thrown, when the failure is about the input (undefined for an unexpected error). */
      readonly issues?: readonly ConfigIssue[];
      /** Warnings the build recorded before it failed. */
      readonly warnings: readonly ConfigIssue[];
    };

/**
 * Builds every target in memory; never throws for bad input, never writes. Each build gets a context with every
 * target of the workspace (`workspace`, default `targets`: a cluster checks itself against the fleet) and a sink for
 * its warnings.
 */
export function buildTargets(
  targets: readonly RenderTarget[],
  workspace: readonly RenderTarget[] = targets,
): BuildResult[] {
  return targets.map((target) => {
    const warnings: ConfigIssue[] = [];
    const context: RenderContext = { targets: workspace, warn: (issue) => warnings.push(issue) };
    try {
      return { target, ok: true as const, files: target.build(context), warnings };
    } catch (error) {
      const issues = issuesOf(error);
      const message = issues
        ? error instanceof Error
          ? error.message
          : String(error)
        : `unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`;
      return { target, ok: false as const, message, ...(issues ? { issues } : {}), warnings };
    }
  });
}

/**
 * The report of failed builds: identical issues of several targets once, naming the clusters; echoes of a failed
 * target dropped; the settings file named only for a target whose issues include one of its settings' fields.
 */
export function failureLines(failures: readonly Extract<BuildResult, { ok: false }>[]): string[] {
  const lines: string[] = [];
  const echoes: string[] = [];
  const reports: TargetIssues[] = failures.flatMap((f) =>
    f.issues ? [{ target: f.target.name, issues: f.issues }] : [],
  );
  const groups = groupIssues(reports);
  // One block per set of targets, in order of first appearance.
  const blocks = new Map<string, { targets: string[]; lines: string[]; issues: ConfigIssue[] }>();
  for (const group of groups) {
    const key = group.targets.join('\u0000');
    const block = blocks.get(key) ?? { targets: [...group.targets], lines: [], issues: [] };
    block.lines.push(group.line);
    blocks.set(key, block);
  }
  for (const f of failures) {
    if (!f.issues) {
      lines.push(`✗ ${f.target.name}: render failed\n${indent(f.message)}`);
      continue;
    }
    for (const [key, block] of blocks) {
      if (block.targets[0] !== f.target.name) continue;
      blocks.delete(key);
      const note =
        block.targets.length === 1 && f.target.settingsFile && namesSettingsField(f.target, f.issues)
          ? ` (settings: ${f.target.settingsFile})`
          : '';
      lines.push(`✗ ${block.targets.join(', ')}: render failed${note}\n${indent(block.lines.join('\n'))}`);
    }
    const own = groups.some((g) => g.targets.includes(f.target.name));
    if (!own) {
      const echoed = [...new Set(f.issues.map((i) => i.echoes).filter((e): e is string => e !== undefined))];
      echoes.push(
        `✗ ${f.target.name}: render failed: it derives from ${echoed.join(', ')}, which ${echoed.length === 1 ? 'does' : 'do'} not build (reported above)`,
      );
    }
  }
  return [...lines, ...echoes];
}

/** True when an issue of the target's names a field of its settings (the first segment of `field` is a settings key). */
function namesSettingsField(target: RenderTarget, issues: readonly ConfigIssue[]): boolean {
  const settings = target.settings;
  if (settings === null || typeof settings !== 'object') return true;
  const keys = Object.keys(settings);
  return issues.some((issue) => keys.includes(/^[A-Za-z0-9_-]+/.exec(issue.field)?.[0] ?? ''));
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
  /**
   * Every target of the workspace, rendered or not: what each build's context lists (fleet checks).
   * @default the targets rendered
   */
  readonly workspace?: readonly RenderTarget[];
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
  const results = buildTargets(targets, options.workspace ?? targets);
  const failures = results.filter((r): r is Extract<BuildResult, { ok: false }> => !r.ok);
  const warnings = warningLines(results);
  if (failures.length > 0) {
    const lines = [...failureLines(failures), ...warnings];
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
  lines.push(...warnings);
  if (!ok) lines.push('run `pnpm render` and commit the result');
  return { ok, lines, diffs };
}

/** The builds' warnings, `⚠ ` lines, identical ones of several clusters once. */
export function warningLines(results: readonly BuildResult[]): string[] {
  return groupIssues(results.map((r) => ({ target: r.target.name, issues: r.warnings }))).map(
    (group) => `⚠ ${group.line}`,
  );
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
