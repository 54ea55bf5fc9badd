/**
 * `pnpm render:affected [--base <ref>] [--head <ref>]`: re-renders only the apps a change affects, with
 * `nx affected -t render` (cached, exact inputs — see nx.json). Refs come from the arguments, else from
 * `NX_BASE`/`NX_HEAD` (what CI sets from the pull request), else `origin/main` (or `main`) and `HEAD`.
 * The comparison is committed `base..head`; uncommitted work is not considered — use `pnpm render` for that.
 * The Nx daemon stays off (no background process, no stale project graph).
 */
import { findWorkspaceRoot } from '@pms/render';
import { join } from 'node:path';
import { $ } from 'zx';
import { defaultBase, NX_ENV, refExists } from '../diff/git.js';

function option(args: readonly string[], name: string): string | undefined {
  const index = args.findIndex((arg) => arg === name || arg.startsWith(`${name}=`));
  if (index === -1) return undefined;
  const arg = args[index]!;
  return arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : args[index + 1];
}

const args = process.argv.slice(2);
const unknown = args.filter(
  (arg, i) =>
    arg.startsWith('--') && !/^--(base|head)(=|$)/.test(arg) && !/^--(base|head)$/.test(args[i - 1] ?? ''),
);
if (unknown.length > 0) {
  process.stderr.write(
    `unknown argument(s): ${unknown.join(' ')}\nusage: pnpm render:affected [--base <ref>] [--head <ref>]\n`,
  );
  process.exit(1);
}
const root = findWorkspaceRoot();
const base = option(args, '--base') ?? process.env['NX_BASE'] ?? (await defaultBase(root));
const head = option(args, '--head') ?? process.env['NX_HEAD'] ?? 'HEAD';
for (const ref of [base, head]) {
  if (!(await refExists(root, ref))) {
    process.stderr.write(
      `render:affected: ${JSON.stringify(ref)} is not a commit (fetch it with enough history, e.g. fetch-depth 0)\n`,
    );
    process.exit(1);
  }
}
process.stderr.write(`render:affected: nx affected -t render --base ${base} --head ${head}\n`);
const nx = join(root, 'node_modules', '.bin', 'nx');
const result = await $({
  cwd: root,
  stdio: 'inherit',
  nothrow: true,
  env: { ...process.env, ...NX_ENV },
})`${nx} affected -t render --base ${base} --head ${head} --outputStyle=static`;
process.exitCode = result.exitCode ?? 1;
