/**
 * `pnpm drift`: the drift check. Renders every app in memory and fails (exit 1) when `clusters/` or
 * `argocd/` differ from it in any byte, listing the files; writes nothing.
 */
import { findWorkspaceRoot, runRenderCli } from '@pms/render';
import { loadTargets } from '../render/targets.js';

runRenderCli(await loadTargets(findWorkspaceRoot()), ['--check']);
