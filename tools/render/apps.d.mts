/** Types of apps.mjs. */

/** The apps with a render target (`apps/<app>/src/target.ts`), sorted by name. */
export function appsWithTargets(root: string): string[];
