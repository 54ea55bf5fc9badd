import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { diffTree, readTree, writeTreeAtomically } from './tree.js';

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'pms-tree-'));
});

const files = (entries: Record<string, string>) => new Map(Object.entries(entries));

describe('writeTreeAtomically', () => {
  it('writes exactly the rendered files and reports them as added', () => {
    const dir = join(root, 'clusters', 'pms-dev');
    const diff = writeTreeAtomically(dir, files({ 'pms/service/a.yaml': 'a\n', 'README.md': 'r\n' }));
    expect(diff).toEqual({ added: ['README.md', 'pms/service/a.yaml'], removed: [], changed: [] });
    expect([...readTree(dir)]).toEqual([
      ['README.md', 'r\n'],
      ['pms/service/a.yaml', 'a\n'],
    ]);
  });

  it('prunes files that are no longer rendered, including stray files', () => {
    const dir = join(root, 'out');
    writeTreeAtomically(dir, files({ 'a.yaml': 'a\n', 'b/c.yaml': 'c\n' }));
    writeFileSync(join(dir, 'stray.yaml'), 'x\n');
    const diff = writeTreeAtomically(dir, files({ 'a.yaml': 'a2\n' }));
    expect(diff).toEqual({ added: [], removed: ['b/c.yaml', 'stray.yaml'], changed: ['a.yaml'] });
    expect([...readTree(dir).keys()]).toEqual(['a.yaml']);
    expect(existsSync(join(dir, 'b'))).toBe(false);
  });

  it('touches nothing outside its folder and leaves no temporary folders behind', () => {
    mkdirSync(join(root, 'clusters', 'pms-prod'), { recursive: true });
    writeFileSync(join(root, 'clusters', 'pms-prod', 'keep.yaml'), 'keep\n');
    writeTreeAtomically(join(root, 'clusters', 'pms-dev'), files({ 'a.yaml': 'a\n' }));
    expect(readFileSync(join(root, 'clusters', 'pms-prod', 'keep.yaml'), 'utf8')).toBe('keep\n');
    expect(readTree(join(root, 'clusters')).size).toBe(2);
    expect(existsSync(join(root, 'clusters', '.pms-dev.rendering'))).toBe(false);
    expect(existsSync(join(root, 'clusters', '.pms-dev.previous'))).toBe(false);
  });

  it('does not rewrite an unchanged tree', () => {
    const dir = join(root, 'out');
    writeTreeAtomically(dir, files({ 'a.yaml': 'a\n' }));
    expect(writeTreeAtomically(dir, files({ 'a.yaml': 'a\n' }))).toEqual({
      added: [],
      removed: [],
      changed: [],
    });
    expect(diffTree(dir, files({ 'a.yaml': 'a\n' }))).toEqual({ added: [], removed: [], changed: [] });
  });
});
