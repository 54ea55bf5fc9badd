/**
 * `tsx tools/render/cli.ts [app…] [--check]`: the render through the TypeScript loader, for development and
 * for tools that load targets dynamically. `pnpm render` uses the faster `bin.mjs`; both run `renderMain`.
 */
import { findWorkspaceRoot } from '@pms/render';
import { renderMain } from './main.js';
import { loadAppTargets } from './targets.js';

const root = findWorkspaceRoot();
renderMain(root, await loadAppTargets(root), process.argv.slice(2));
