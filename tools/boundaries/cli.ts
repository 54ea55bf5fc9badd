/** `pnpm boundaries`: enforces tags, dependency constraints, acyclicity and import paths (see rules.ts). */
import { findWorkspaceRoot } from '@pms/render';
import { checkBoundaries } from './check.js';
import { readImports, readProjectGraph } from './workspace.js';

const root = findWorkspaceRoot();
const { projects, dependencies } = readProjectGraph(root);
const violations = checkBoundaries(
  projects,
  dependencies,
  readImports(
    root,
    projects.map((p) => p.root),
  ),
);
if (violations.length === 0) {
  process.stdout.write(
    `✓ module boundaries: ${projects.length} projects, ${[...dependencies.values()].flat().length} dependencies, no violations\n`,
  );
} else {
  for (const v of violations) process.stderr.write(`✗ ${v.where}: ${v.message}\n`);
  process.stderr.write(`${violations.length} module-boundary violation(s)\n`);
  process.exitCode = 1;
}
