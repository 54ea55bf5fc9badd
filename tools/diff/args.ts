/** Command line of `pnpm diff`. */
import type { BaseSource } from './base.js';

/** Parsed options. */
export interface DiffOptions {
  /** Base ref (`--base`); undefined → `origin/main` when known, else `main`. */
  readonly base?: string;
  /** How the base output is obtained (`--base-output render|committed`); default `render`. */
  readonly baseOutput: BaseSource;
  /** Also write the Markdown to this file (`--output <file>`), e.g. for a CI comment. */
  readonly output?: string;
  /** Compare every render target instead of the affected ones (`--all`). */
  readonly all: boolean;
}

/** Usage text, printed with `--help` and after a bad argument. */
export const USAGE = `usage: pnpm diff [--base <ref>] [--base-output render|committed] [--output <file>] [--all]

Compares the rendered output of <ref> (default: origin/main, else main; the merge-base with HEAD is used)
with a fresh render of the working tree, for the render targets the change affects, and prints Markdown.
Exit status: 0 no change, 1 error, 2 changes, 3 risky changes (risk flags).`;

/** Parses `argv`; throws an Error with a message for bad input. */
export function parseArgs(argv: readonly string[]): DiffOptions | 'help' {
  let base: string | undefined;
  let baseOutput: BaseSource = 'render';
  let output: string | undefined;
  let all = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [flag, inline] = arg.includes('=')
      ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)]
      : [arg, undefined];
    const value = () => {
      const v = inline ?? argv[++i];
      if (v === undefined || v === '') throw new Error(`${flag} needs a value`);
      return v;
    };
    if (flag === '--help' || flag === '-h') return 'help';
    else if (flag === '--base') base = value();
    else if (flag === '--output') output = value();
    else if (flag === '--all') all = true;
    else if (flag === '--base-output') {
      const v = value();
      if (v !== 'render' && v !== 'committed')
        throw new Error(`--base-output ${JSON.stringify(v)}: allowed: render, committed`);
      baseOutput = v;
    } else if (flag === '--') continue;
    else throw new Error(`unknown argument ${JSON.stringify(arg)}`);
  }
  return { ...(base ? { base } : {}), baseOutput, ...(output ? { output } : {}), all };
}
