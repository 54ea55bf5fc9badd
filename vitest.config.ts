import { defineConfig } from 'vitest/config';

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
 * Unit tests that replace modules with `vi.mock`: a mock lives in the module registry, so these files need a
 * registry of their own (isolation). Once they use seams instead, delete this list and its project: the
 * files then run in `unit` like every other unit test.
 */
const MODULE_MOCKS = ['libs/platform/src/wiring.test.ts', 'libs/ingress/src/health-check.test.ts'];

export default defineConfig({
  resolve: { tsconfigPaths: true },
  test: {
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
          include: ['{apps,libs,tools}/**/*.test.ts'],
          exclude: [...END_TO_END, ...MODULE_MOCKS],
          // One module registry per worker, shared by its test files: the libraries (cdk8s, the schema
          // validators) load once per worker instead of once per file. Unit tests keep no state between
          // files; module replacement (`vi.mock`) is what needs isolation, see MODULE_MOCKS.
          isolate: false,
        },
      },
      {
        extends: true,
        // Named to sort before `unit`: vitest queues projects by name, and these two files, each loading the
        // libraries afresh, then run beside the longest end-to-end file instead of after every unit test.
        test: { name: 'isolated', include: MODULE_MOCKS, isolate: true },
      },
      {
        extends: true,
        // No module replacement here either: the files share a module registry per worker like unit tests.
        test: { name: 'e2e', include: END_TO_END, pool: 'forks', isolate: false, hookTimeout: 60_000 },
      },
    ],
  },
});
