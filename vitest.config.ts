import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['simulator/**/*.test.ts', 'contracts/**/*.test.ts', 'scenarios/**/*.test.ts', 'test/**/*.test.ts'],
    pool: 'forks',
    reporters: ['default', './test/summary-reporter.ts'],
    testTimeout: 20_000,
    hookTimeout: 20_000,
    coverage: {
      provider: 'v8',
      include: ['simulator/**/*.ts', 'scenarios/**/*.ts', 'contracts/**/*.ts'],
      // The bin shims only choose between dist/ and the sources; test/cli-process.test.ts runs them.
      // The dashboard's browser code runs in Chromium (test/browser/dashboard.test.ts), out of v8's sight.
      exclude: ['**/*.test.ts', '**/*.fixture.ts', 'simulator/bin/**', 'scenarios/bin/**', 'simulator/dashboard/app/**'],
      reporter: ['text-summary', 'json-summary', 'html'],
      reportsDirectory: 'reports/coverage',
      // Floors, never lowered: raised as the suite improves (issue 11 started from 73.9% branches).
      thresholds: { branches: 90, lines: 97, functions: 96, statements: 95 },
    },
  },
});
