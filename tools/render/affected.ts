/** `pnpm render:affected`: the command line of render-affected.ts, with this process's folder, environment and streams. */
import { renderAffected } from './render-affected.js';

process.exitCode = await renderAffected(process.argv.slice(2), {
  cwd: process.cwd(),
  // Nx writes to pipes here: keep its colours when the terminal has them.
  env: process.stdout.isTTY ? { FORCE_COLOR: '1', ...process.env } : process.env,
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
});
