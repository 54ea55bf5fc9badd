/**
 * A settings file with a syntax error: the compile's failure reads as `file:line:column: message` lines (what
 * `pnpm render` prints instead of esbuild's stack trace; bin.mjs exits 1 before anything is rendered or written).
 */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import { buildErrorLines } from './build-errors.mjs';

const root = mkdtempSync(join(tmpdir(), 'pms-build-errors-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('a compile failure (buildErrorLines)', () => {
  it('names the file, line and column (from 1) of a syntax error in a settings file', async () => {
    const file = 'apps/pms-x/src/settings.ts';
    mkdirSync(join(root, 'apps/pms-x/src'), { recursive: true });
    const line = "  name: 'pms-x',,";
    writeFileSync(join(root, file), ['export const settings = {', line, '};', ''].join('\n'));
    // As compile.mjs compiles the render: the entry in memory, resolved from the root.
    const failure = await build({
      stdin: { contents: `import './${file}';`, resolveDir: root, sourcefile: '<entry>', loader: 'ts' },
      absWorkingDir: root,
      bundle: true,
      platform: 'node',
      write: false,
      logLevel: 'silent',
    }).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(buildErrorLines(failure)).toEqual([
      `${file}:2:${line.indexOf(',,') + 2}: Expected identifier but found ","`,
    ]);
    expect(buildErrorLines(new Error('a bug'))).toBeUndefined();
  });
});
