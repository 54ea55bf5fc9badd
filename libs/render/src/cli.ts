import type { RenderTarget } from '@pms/core';
import { renderTargets, type RenderMode, type RenderOptions } from './run.js';

/**
 * Entry point of `pnpm render` (through tools/render/main.ts): renders (or with `--check`, drift-checks) the
 * targets into the workspace at `root`, prints one line per target and exits non-zero on any failure.
 */
export function runRenderCli(
  root: string,
  targets: readonly RenderTarget[],
  argv: readonly string[],
  options: RenderOptions = {},
): void {
  const mode: RenderMode = argv.includes('--check') ? 'check' : 'write';
  const report = renderTargets(root, targets, mode, options);
  const out = report.ok ? process.stdout : process.stderr;
  out.write(`${report.lines.join('\n')}\n`);
  if (!report.ok) process.exitCode = 1;
}
