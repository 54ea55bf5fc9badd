/**
 * `pnpm render:affected [--base <ref>] [--head <ref>]`: re-renders only the apps a change affects, with
 * `nx affected -t render` (cached, exact inputs — see nx.json). Refs come from the arguments, else from
 * `NX_BASE`/`NX_HEAD` (what CI sets from the pull request), else `origin/main` (or `main`) and `HEAD`.
 * The comparison is committed `base..head`; uncommitted work is not considered — use `pnpm render` for that.
 * The Nx daemon stays off (no background process, no stale project graph).
 *
 * `renderAffected` is the whole command with its surroundings passed in, so it also runs in-process.
 */
import { findWorkspaceRoot } from '@pms/render';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { defaultBase, NX_ENV, refExists } from '../diff/git.js';

/** Where `pnpm render:affected` runs, what it reads and where its output goes. */
export interface AffectedIo {
  /** The folder it runs in: the workspace is the one containing it. */
  readonly cwd: string;
  /** The environment: `NX_BASE`/`NX_HEAD` are read from it, and Nx runs with it. */
  readonly env: NodeJS.ProcessEnv;
  /** Receives Nx's output. */
  readonly stdout: (text: string) => void;
  /** Receives errors and Nx's diagnostics. */
  readonly stderr: (text: string) => void;
}

const USAGE = 'usage: pnpm render:affected [--base <ref>] [--head <ref>]';

function option(args: readonly string[], name: string): string | undefined {
  const index = args.findIndex((arg) => arg === name || arg.startsWith(`${name}=`));
  if (index === -1) return undefined;
  const arg = args[index]!;
  return arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : args[index + 1];
}

/** Runs `pnpm render:affected` with `argv`; resolves to the exit status (Nx's), never throws for bad input. */
export async function renderAffected(argv: readonly string[], io: AffectedIo): Promise<number> {
  const unknown = argv.filter(
    (arg, i) =>
      arg.startsWith('--') && !/^--(base|head)(=|$)/.test(arg) && !/^--(base|head)$/.test(argv[i - 1] ?? ''),
  );
  if (unknown.length > 0) {
    io.stderr(`unknown argument(s): ${unknown.join(' ')}\n${USAGE}\n`);
    return 1;
  }
  const root = findWorkspaceRoot(io.cwd);
  const base = option(argv, '--base') ?? io.env['NX_BASE'] ?? (await defaultBase(root));
  const head = option(argv, '--head') ?? io.env['NX_HEAD'] ?? 'HEAD';
  for (const ref of [base, head]) {
    if (!(await refExists(root, ref))) {
      io.stderr(
        `render:affected: ${JSON.stringify(ref)} is not a commit (fetch it with enough history, e.g. fetch-depth 0)\n`,
      );
      return 1;
    }
  }
  io.stderr(`render:affected: nx affected -t render --base ${base} --head ${head}\n`);
  const nx = spawn(
    join(root, 'node_modules', '.bin', 'nx'),
    ['affected', '-t', 'render', '--base', base, '--head', head, '--outputStyle=static'],
    { cwd: root, env: { ...io.env, ...NX_ENV }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  nx.stdout.on('data', (chunk: Buffer) => io.stdout(chunk.toString()));
  nx.stderr.on('data', (chunk: Buffer) => io.stderr(chunk.toString()));
  return new Promise((resolve, reject) => {
    nx.on('error', reject);
    nx.on('close', (code) => resolve(code ?? 1));
  });
}
