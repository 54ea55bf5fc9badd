import type { RenderTarget } from '@pms/core';
import { renderTargets, type RenderMode } from './run.js';
import { findWorkspaceRoot } from './workspace.js';

/**
 * Entry point of `pnpm render` (through tools/render/main.ts): renders (or with `--check`, drift-checks)
 * the targets, prints one line per target and exits non-zero on any failure.
 */
export function runRenderCli(
  targets: readonly RenderTarget[],
  argv: readonly string[] = process.argv.slice(2),
): void {
  const mode: RenderMode = argv.includes('--check') ? 'check' : 'write';
  const report = renderTargets(findWorkspaceRoot(), targets, mode);
  const out = report.ok ? process.stdout : process.stderr;
  out.write(`${report.lines.join('\n')}\n`);
  if (!report.ok) process.exitCode = 1;
}
