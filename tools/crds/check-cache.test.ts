import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cacheDir, generationKey, generatorSources, recalled, remember, treeDigest } from './check-cache.js';
import { LOCK_FILE } from './lock.js';

const scratch: string[] = [];
afterEach(() => scratch.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'pms-crds-cache-test-'));
  scratch.push(dir);
  return dir;
}
function write(root: string, path: string, text: string): void {
  mkdirSync(join(root, path, '..'), { recursive: true });
  writeFileSync(join(root, path), text);
}

/** A workspace holding what a key covers, and a generator of one source file. */
function workspace(): { root: string; sources: string[] } {
  const root = tempDir();
  write(root, LOCK_FILE, '{"generator":"g@1.0.0","crds":{}}');
  write(root, 'pnpm-lock.yaml', "lockfileVersion: '9.0'\n");
  write(root, 'package.json', '{}');
  write(root, 'tools/crds/generate.ts', 'export {};\n');
  return { root, sources: [join(root, 'tools/crds/generate.ts')] };
}

describe('the key of a generation', () => {
  it('is the same for the same inputs', () => {
    const { root, sources } = workspace();
    expect(generationKey(root, sources)).toBe(generationKey(root, sources));
  });

  it.each([LOCK_FILE, 'pnpm-lock.yaml', 'package.json', 'tools/crds/generate.ts'])(
    'changes with %s',
    (file) => {
      const { root, sources } = workspace();
      const before = generationKey(root, sources);
      write(root, file, 'changed\n');
      expect(generationKey(root, sources)).not.toBe(before);
    },
  );

  it('covers the generator’s code in tools/crds, not its tests', () => {
    const files = generatorSources().map((path) => path.split(/[\\/]/).pop());
    expect(files).toContain('generate.ts');
    expect(files).toContain('check-cache.ts');
    expect(files.filter((file) => file?.endsWith('.test.ts'))).toEqual([]);
  });
});

describe('the digest of a generated tree', () => {
  it('changes with a file’s bytes, a file’s name and an extra file; none for a missing folder', () => {
    const dir = join(tempDir(), 'generated');
    write(dir, 'a/Kind.ts', 'export {};\n');
    const digest = treeDigest(dir);
    expect(treeDigest(dir)).toBe(digest);
    write(dir, 'a/Kind.ts', 'export {}; // edited\n');
    const edited = treeDigest(dir);
    expect(edited).not.toBe(digest);
    write(dir, 'a/Extra.ts', '');
    expect(treeDigest(dir)).not.toBe(edited);
    expect(treeDigest(join(dir, 'missing'))).toBeUndefined();
  });
});

describe('the cache', () => {
  it('recalls what it remembered under a key, and nothing under another key or from a damaged entry', () => {
    const dir = join(tempDir(), 'cache');
    expect(recalled(dir, 'k1')).toBeUndefined();
    remember(dir, 'k1', { digest: 'd1', versions: 3 });
    expect(recalled(dir, 'k1')).toEqual({ digest: 'd1', versions: 3 });
    expect(recalled(dir, 'k2')).toBeUndefined();
    writeFileSync(join(dir, 'k2.json'), '{"digest":');
    expect(recalled(dir, 'k2')).toBeUndefined();
  });

  it('lives under node_modules/.cache unless PMS_CRDS_CACHE_DIR names another folder', () => {
    expect(cacheDir('/w', {})).toBe(join('/w', 'node_modules', '.cache', 'pms-crds'));
    expect(cacheDir('/w', { PMS_CRDS_CACHE_DIR: '/elsewhere' })).toBe('/elsewhere');
  });
});
