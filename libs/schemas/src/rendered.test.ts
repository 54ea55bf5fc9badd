import { formatIssue } from '@pms/core';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { objectIssues } from './validate.js';

/**
 * Every committed object of every cluster (and of argocd/) validates strictly. The render refuses invalid
 * objects, so this guards the committed output: it catches hand edits and output rendered before a schema
 * tightened.
 */
const root = join(dirname(fileURLToPath(import.meta.url)), '../../..');

function yamlFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return yamlFiles(path);
    return entry.name.endsWith('.yaml') ? [path] : [];
  });
}

const folders = [
  ...readdirSync(join(root, 'clusters'), { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !entry.name.startsWith('.'))
    .map((entry) => `clusters/${entry.name}`),
  'argocd',
];

describe('rendered output validates strictly', () => {
  it.each(folders)('%s', (folder) => {
    const files = yamlFiles(join(root, folder));
    expect(files.length).toBeGreaterThan(0);
    const problems = files.flatMap((file) =>
      objectIssues(folder, parse(readFileSync(file, 'utf8'))).map(
        (issue) => `${relative(root, file)}: ${formatIssue(issue)}`,
      ),
    );
    expect(problems).toEqual([]);
  });
});
