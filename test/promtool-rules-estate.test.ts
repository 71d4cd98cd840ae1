import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { repoRoot } from './support/compile-case.ts';
import { build, checkRules, testRules } from './support/promtool-rules.ts';

// Built once at load: its test files become one test each (SLO scenarios take seconds apiece).
const estate = await build(join(repoRoot, 'definitions'));

describe('promtool check rules and test rules on the estate (Debian prometheus 2.42)', () => {
  test('accepts every rule file of the estate, with no lint finding', () => {
    expect(estate.diagnostics, 'the estate must build with no diagnostic at all').toEqual([]);
    expect(estate.rules.length).toBeGreaterThan(0);
    expect(estate.tests.length).toBeGreaterThanOrEqual(estate.rules.length);
    checkRules(estate.prometheus, estate.rules);
    console.log(`promtool: ${estate.rules.length} rule files checked`);
  });

  test.each(estate.tests)('passes the estate test file %s', (file) => {
    testRules(estate.prometheus, [file]);
  }, 180_000);
});
