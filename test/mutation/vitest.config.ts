import { defineConfig, mergeConfig } from 'vitest/config';
import base from '../../vitest.config.ts';

// The suite Stryker runs against each mutant: every in-process test. Tests that spawn the CLI, the
// bundle, the packed package or a crashing server run code Stryker cannot switch mutants in, and the fuzzer asserts only
// the reply's shape over 10,000 requests, so they cost time here and kill next to nothing.
export default mergeConfig(
  base,
  defineConfig({
    test: {
      exclude: [
        'test/cli.test.ts',
        'test/bundle.test.ts',
        'test/package/package.test.ts',
        'test/reliability/crash.test.ts',
        'test/reliability/fuzz.test.ts',
        'test/bench/**',
        '**/node_modules/**',
      ],
      reporters: ['default'],
      // Stryker switches mutants at run time, so test files can share one module graph: without
      // this, every mutant re-imports the simulator once per covering test file.
      isolate: false,
    },
  }),
);
