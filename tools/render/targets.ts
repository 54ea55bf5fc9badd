import type { RenderTarget } from '@pms/core';
import { readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
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
