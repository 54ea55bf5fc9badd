import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, sep } from 'node:path';

/** Every file below `dir` as relative POSIX path → content (empty when `dir` does not exist). */
export function readTree(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  if (!existsSync(dir)) return files;
  const walk = (current: string) => {
    for (const entry of readdirSync(current, { withFileTypes: true })) {
      const path = join(current, entry.name);
      if (entry.isDirectory()) walk(path);
      else files.set(relative(dir, path).split(sep).join('/'), readFileSync(path, 'utf8'));
    }
  };
  walk(dir);
  return new Map([...files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** What differs between the files on disk and the files a render produced. */
export interface TreeDiff {
  readonly added: string[];
  readonly removed: string[];
  readonly changed: string[];
}

/** Compares a rendered tree with a folder on disk. */
export function diffTree(dir: string, files: ReadonlyMap<string, string>): TreeDiff {
  const existing = readTree(dir);
  const added: string[] = [];
  const changed: string[] = [];
  for (const [path, content] of files) {
    const before = existing.get(path);
    if (before === undefined) added.push(path);
    else if (before !== content) changed.push(path);
  }
  const removed = [...existing.keys()].filter((path) => !files.has(path));
  return { added: added.sort(), removed, changed: changed.sort() };
}

/** True when the diff is empty. */
export function isClean(diff: TreeDiff): boolean {
  return diff.added.length + diff.removed.length + diff.changed.length === 0;
}

/**
 * Replaces `dir` with exactly `files`: writes them into a sibling temporary folder, then swaps it into
 * place with renames, so a reader sees either the old tree or the new one. Files no longer rendered
 * disappear (pruning); nothing outside `dir` is touched. Returns what changed.
 */
export function writeTreeAtomically(dir: string, files: ReadonlyMap<string, string>): TreeDiff {
  const diff = diffTree(dir, files);
  if (isClean(diff)) return diff;
  const parent = dirname(dir);
  const staging = join(parent, `.${basename(dir)}.rendering`);
  const previous = join(parent, `.${basename(dir)}.previous`);
  rmSync(staging, { recursive: true, force: true });
  rmSync(previous, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  for (const [path, content] of files) {
    const target = join(staging, path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, content);
  }
  if (existsSync(dir)) renameSync(dir, previous);
  renameSync(staging, dir);
  rmSync(previous, { recursive: true, force: true });
  return diff;
}
