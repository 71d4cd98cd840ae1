import { defineConfig } from 'vitest/config';

/**
 * The tests Stryker runs against each mutant (npm run test:mutation): those
 * that exercise the mutated modules in this process. Tests that run the CLI
 * in a child process cannot see a mutant (it lives in this process), and the
 * suites that start servers or replay promtool scenarios would make each of
 * thousands of runs take seconds.
 */
export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts', 'test/golden.test.ts', 'test/promql-types.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
