/**
 * `pnpm boundaries`: enforces tags, dependency constraints, the concern order, acyclicity, purity of libraries
 * and import paths against the Nx project graph (see rules.ts).
 */
import { findWorkspaceRoot } from '@pms/render';
import { checkBoundaries } from './check.js';
import { DEP_CONSTRAINTS } from './rules.js';
import { readProjectGraph, readSources } from './workspace.js';

const root = findWorkspaceRoot();
const { projects, dependencies } = readProjectGraph(root);
const { imports, globals } = readSources(
  root,
  projects.map((p) => p.root),
);
const violations = checkBoundaries(projects, dependencies, imports, DEP_CONSTRAINTS, globals);
if (violations.length === 0) {
  process.stdout.write(
    `✓ module boundaries: ${projects.length} projects, ${[...dependencies.values()].flat().length} dependencies, no violations\n`,
  );
} else {
  for (const v of violations) process.stderr.write(`✗ ${v.where}: ${v.message}\n`);
  process.stderr.write(`${violations.length} module-boundary violation(s)\n`);
  process.exitCode = 1;
}
