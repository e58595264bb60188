// Mutation testing (`npm run mutation`): a benchmark of the suite's strength, not part of `npm test`.
// Incremental, so a rerun tests only mutants in changed code or covered by changed tests.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'test/mutation/vitest.config.ts' },
  plugins: ['@stryker-mutator/vitest-runner'],
  coverageAnalysis: 'perTest',
  // Static mutants (module-level code) need every test rerun with fresh modules; hours on 2 cores for little.
  ignoreStatic: true,
  mutate: [
    'simulator/ledger/**/*.ts',
    'simulator/storage/**/*.ts',
    'simulator/core/**/*.ts',
    'simulator/signature/**/*.ts',
    'simulator/faults/**/*.ts',
    'simulator/products/**/*.ts',
    'simulator/parties/**/*.ts',
    'simulator/clock/**/*.ts',
    'scenarios/runner.ts',
    '!**/*.test.ts',
    '!**/*.fixture.ts',
  ],
  ignorePatterns: ['dist', 'coverage', '.dana-sim', 'reports', 'bench-results.json', '.stryker-tmp*'],
  incremental: true,
  incrementalFile: 'reports/mutation/stryker-incremental.json',
  reporters: ['clear-text', 'progress', 'json', 'html'],
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  htmlReporter: { fileName: 'reports/mutation/mutation.html' },
  concurrency: 2,
  timeoutMS: 5000,
  timeoutFactor: 1.5,
  thresholds: { high: 90, low: 80, break: null },
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
};
