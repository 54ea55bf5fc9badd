/**
 * `pnpm render [app…] [--check]`: renders every app (or the named ones) in one process.
 * `--check` writes nothing and fails when the committed output differs from a fresh render.
 */
import { findWorkspaceRoot, runRenderCli } from '@pms/render';
import { loadTargets } from './targets.js';

const args = process.argv.slice(2);
const only = args.filter((arg) => !arg.startsWith('--'));
const targets = await loadTargets(findWorkspaceRoot(), only.length > 0 ? only : undefined);
const unknown = only.filter((name) => !targets.some((t) => t.name === name));
if (unknown.length > 0) {
  process.stderr.write(
    `unknown app(s): ${unknown.join(', ')}; known: ${targets.map((t) => t.name).join(', ')}\n`,
  );
  process.exit(2);
}
runRenderCli(targets, args);
