import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Every check by name, so the log shows the real-tool runs.
    reporters: ['verbose'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
