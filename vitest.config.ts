import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/e2e/**', 'node_modules/**'],
    testTimeout: 60_000,
    // Builds dist/ when stale, once, for the tests that run the bundled gil-lens.
    globalSetup: ['test/buildCli.ts'],
  },
});
