/** Test helper: the repository tree as Argo CD's repo server sees it (hidden and git-ignored folders left out). */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { findWorkspaceRoot } from '@pms/render';

const IGNORED = new Set(['node_modules', 'tmp', 'dist', 'coverage']);

/** Every folder and file below the workspace root, as POSIX paths relative to it. */
export function repositoryTree(root = findWorkspaceRoot()): {
  root: string;
  directories: string[];
  files: string[];
} {
  const directories: string[] = [];
  const files: string[] = [];
  const walk = (relative: string) => {
    for (const entry of readdirSync(join(root, relative), { withFileTypes: true })) {
      if (entry.name.startsWith('.') || IGNORED.has(entry.name)) continue;
      const path = relative ? `${relative}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        directories.push(path);
        walk(path);
      } else {
        files.push(path);
      }
    }
  };
  walk('');
  return { root, directories: directories.sort(), files: files.sort() };
}
