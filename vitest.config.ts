import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const ROOT = dirname(fileURLToPath(import.meta.url));

/**
 * The files that decide how an import resolves (the `@pms/*` path aliases), by content. vitest's file-system
 * module cache keys a transformed module by its own content, its id and vite's configuration, but the module's
 * code has its imports already resolved (`__vite_ssr_import__("/libs/core/src/index.ts")`), and vite's
 * configuration says only that tsconfig paths are on, not what they are: the aliases go into every key.
 * (vitest.dev/config/experimental, "Known Issues", and its cache key generator.)
 */
const RESOLUTION_FILES = ['tsconfig.base.json', 'tsconfig.json'];
const resolutionKey = createHash('sha256')
  .update(RESOLUTION_FILES.map((file) => readFileSync(join(ROOT, file), 'utf8')).join('\0'))
  .digest('hex');

/**
 * Tests that start processes (node, git, Nx, esbuild), build temporary repositories or render whole
 * workspaces: the end-to-end project. Everything else is a unit test.
 */
const END_TO_END = [
  'tools/render/render.test.ts',
  'tools/render/affected.test.ts',
  'tools/render/bundle-cache.test.ts',
  'tools/diff/workflow.test.ts',
  'tools/diff/cli.test.ts',
];

/**
 * The README recipes applied to a copy of the repository, which then runs the whole unit project: its own
 * project (`pnpm test:recipes`, run by `pnpm check` after `pnpm test`), so `pnpm test` stays the fast loop.
 */
const RECIPES = ['tools/recipes/recipes.test.ts'];

export default defineConfig({
  resolve: { tsconfigPaths: true },
  plugins: [
    {
      name: 'pms:module-cache-key',
      configureVitest: ({ experimental_defineCacheKeyGenerator }) =>
        experimental_defineCacheKeyGenerator(() => resolutionKey),
    },
  ],
  test: {
    // Modules are transformed once and kept under node_modules/.experimental-vitest-cache, keyed by their
    // content (and the path aliases, above), so a later run only transforms what changed. A lockfile change
    // clears it; `vitest --clearCache` too.
    experimental: { fsModuleCache: true },
    // Unit tests run in worker threads (cheaper to start than processes); the end-to-end tests in processes.
    pool: 'threads',
    // vitest's default on a run is one worker per CPU minus one: a single worker on a two-core machine. The
    // end-to-end tests mostly wait for the processes they start, so both cores get a worker.
    maxWorkers: 2,
    testTimeout: 60_000,
    reporters: ['default', './tools/test/summary-reporter.ts'],
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          // `*.test-d.ts` (type-level tests of the builders and the CRD models) are not matched: `pnpm typecheck`
          // checks them, as part of the program tsconfig.json includes.
          include: ['{apps,libs,tools}/**/*.test.ts'],
          exclude: [...END_TO_END, ...RECIPES],
          // One module registry per worker, shared by its test files: the libraries (cdk8s, the schema
          // validators) load once per worker instead of once per file. Unit tests keep no state between
          // files and replace no modules (no `vi.mock`: seams such as checkRenderedCluster instead), which is
          // what a shared registry needs.
          isolate: false,
        },
      },
      {
        extends: true,
        // No module replacement here either: the files share a module registry per worker like unit tests.
        test: { name: 'e2e', include: END_TO_END, pool: 'forks', isolate: false, hookTimeout: 60_000 },
      },
      {
        extends: true,
        test: { name: 'recipes', include: RECIPES, pool: 'forks', testTimeout: 600_000, hookTimeout: 60_000 },
      },
    ],
  },
});
