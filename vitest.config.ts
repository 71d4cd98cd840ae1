import { BaseSequencer, type TestSpecification } from 'vitest/node';
import { defineConfig } from 'vitest/config';

/**
 * The files that run real tools for minutes, longest first (measured on a
 * 2-core machine: the golden cases' SLO scenarios about 390 s, the
 * operator delivery 120 s, the SLO imports 115 s, the package 95 s, the
 * estate's scenarios 125 s, the SLO modes 85 s). Started first, they share
 * the two workers with the short files instead of one of them starting last
 * (vitest otherwise orders a fresh clone's files by size, and these are small).
 */
const slowestFirst = [
  'test/promtool-rules.test.ts',
  'test/promtool-rules-estate.test.ts',
  'test/delivery.test.ts',
  'test/import-slo.test.ts',
  'test/package.test.ts',
  'test/slo.test.ts',
];

class SlowestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const rank = (spec: TestSpecification) => {
      const index = slowestFirst.findIndex((file) => spec.moduleId.endsWith(file));
      return index === -1 ? slowestFirst.length : index;
    };
    const sorted = await super.sort(files);
    return sorted.map((spec, order) => ({ spec, order })).sort((a, b) => rank(a.spec) - rank(b.spec) || a.order - b.order).map(({ spec }) => spec);
  }
}

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Every check by name, so the log shows the real-tool runs.
    reporters: ['verbose'],
    // Most of a test's time is a real tool in a child process: one file per
    // core (vitest's default leaves one of two cores idle).
    maxWorkers: 2,
    sequence: { sequencer: SlowestFirst },
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
