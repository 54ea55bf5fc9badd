/**
 * @pms/render — the file-system side of rendering: atomic writes, pruning, drift checks and the CLI
 * used by the apps. Only apps and tools depend on it; concern libraries stay pure.
 */
export * from './workspace.js';
export * from './tree.js';
export * from './run.js';
export * from './cli.js';
