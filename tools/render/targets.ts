import type { RenderTarget } from '@pms/core';
import type { buildTargets } from '@pms/render';
import { readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { appsWithTargets } from './apps.mjs';
import { loadBundle } from './bundle-cache.mjs';
import type { AppTarget } from './main.js';

/**
 * Every app's render target, found as `apps/<app>/src/target.ts` (sorted by app name), so a new cluster
 * app is rendered by `pnpm render` without registering it anywhere.
 */
export async function loadTargets(root: string, only?: readonly string[]): Promise<RenderTarget[]> {
  return (await loadAppTargets(root, only)).map((a) => a.target);
}

/** Like `loadTargets`, with the app each target comes from. */
export async function loadAppTargets(root: string, only?: readonly string[]): Promise<AppTarget[]> {
  const apps = readdirSync(join(root, 'apps'))
    .filter((app) => existsSync(join(root, 'apps', app, 'src', 'target.ts')))
    .filter((app) => !only || only.includes(app))
    .sort();
  const modules = await Promise.all(
    apps.map((app) => import(pathToFileURL(join(root, 'apps', app, 'src', 'target.ts')).href)),
  );
  return modules.map((module: { target: RenderTarget }, i) => ({ app: apps[i]!, target: module.target }));
}

/** The settings of every cluster app (`apps/<app>/src/settings.ts`), sorted by app name. */
export async function loadClusterSettings<T = unknown>(root: string): Promise<T[]> {
  const apps = readdirSync(join(root, 'apps'))
    .filter((app) => existsSync(join(root, 'apps', app, 'src', 'settings.ts')))
    .sort();
  const modules = await Promise.all(
    apps.map((app) => import(pathToFileURL(join(root, 'apps', app, 'src', 'settings.ts')).href)),
  );
  return modules.map((module: { settings: T }) => module.settings);
}

/** One app of a compiled workspace: its render target and, for a cluster app, its settings. */
export interface CompiledApp {
  readonly app: string;
  readonly target: RenderTarget;
  /** `settings` of `apps/<app>/src/settings.ts`, when the app has one (a cluster app). */
  readonly settings?: unknown;
}

/** A workspace's apps compiled as `pnpm render` compiles them, with the render functions of the same bundle. */
export interface CompiledApps {
  readonly apps: readonly CompiledApp[];
  /**
   * `buildTargets` of @pms/render from the bundle: the targets' errors are the bundle's classes, which only
   * the bundle's own copy of the libraries recognises as configuration issues.
   */
  readonly buildTargets: typeof buildTargets;
}

/**
 * Every app of `root` (every app with `src/target.ts`: a cluster's build checks itself against the whole
 * workspace, so all are compiled, as `pnpm render` compiles them), compiled and loaded the way `pnpm render`
 * loads them (bundle-cache.mjs): the code on disk now, never a module loaded earlier in this process, which is
 * what a long-running caller (a test) that changes the tree between calls needs.
 */
export async function loadCompiledApps(root: string): Promise<CompiledApps> {
  const apps = appsWithTargets(root);
  const hasSettings = (app: string) => existsSync(join(root, 'apps', app, 'src', 'settings.ts'));
  const entry = [
    `export { buildTargets } from '@pms/render';`,
    ...apps.map((app, i) => `import { target as t${i} } from './apps/${app}/src/target.ts';`),
    ...apps.map((app, i) =>
      hasSettings(app) ? `import { settings as s${i} } from './apps/${app}/src/settings.ts';` : '',
    ),
    `export const apps = [${apps
      .map(
        (app, i) =>
          `{ app: ${JSON.stringify(app)}, target: t${i}${hasSettings(app) ? `, settings: s${i}` : ''} }`,
      )
      .join(', ')}];`,
  ].join('\n');
  const { exports } = await loadBundle<CompiledApps>({ root, entry });
  return exports;
}
