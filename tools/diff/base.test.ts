import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { baseRenderCommand } from './base.js';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));
/** A checkout of a base with the given files. */
function checkout(...files: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'pms-diff-base-test-'));
  dirs.push(dir);
  for (const file of files) {
    mkdirSync(join(dir, file, '..'), { recursive: true });
    writeFileSync(join(dir, file), '');
  }
  return dir;
}

describe('baseRenderCommand', () => {
  it('renders a base that has the fast path with node tools/render/bin.mjs', () => {
    const dir = checkout('tools/render/bin.mjs', 'tools/render/cli.ts');
    expect(baseRenderCommand(dir, ['pms-dev', 'argocd'])).toEqual({
      command: process.execPath,
      args: ['tools/render/bin.mjs', 'pms-dev', 'argocd'],
    });
  });

  it('falls back to tsx tools/render/cli.ts for an older base', () => {
    const dir = checkout('tools/render/cli.ts');
    expect(baseRenderCommand(dir, ['pms-dev'])).toEqual({
      command: join(dir, 'node_modules', '.bin', 'tsx'),
      args: ['tools/render/cli.ts', 'pms-dev'],
    });
  });
});
