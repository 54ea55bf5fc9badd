import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { tsconfigPaths: true },
  test: {
    include: ['{apps,libs,tools}/**/*.test.ts'],
    pool: 'forks',
    reporters: ['default', './tools/test/summary-reporter.ts'],
    testTimeout: 60_000,
  },
});
