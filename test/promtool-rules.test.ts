import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { goldenCases, goldenRoot } from './support/compile-case.ts';
import { build, checkRules, testRules } from './support/promtool-rules.ts';
import { runTool } from './support/tools.ts';

// The estate's rules and scenarios are in promtool-rules-estate.test.ts, so the two run side by side.
const validCases = goldenCases().filter((name) => !name.startsWith('invalid-'));

/** Every valid golden case, built; the ones that write rule files are chosen by what they output, not by name. */
const builtCases = await Promise.all(validCases.map(async (name) => ({ name, built: await build(join(goldenRoot, name, 'definitions')) })));
const withRules = builtCases.filter(({ built }) => built.rules.length > 0);
const withTests = builtCases.filter(({ built }) => built.tests.length > 0);

describe('promtool check rules and test rules (Debian prometheus 2.42)', () => {
  test('the golden cases that write rules include the ones whose names do not say so', () => {
    const names = withRules.map((c) => c.name);
    expect(names.length).toBeGreaterThan(8);
    for (const name of ['alertmanager-routing', 'grafana-generated', 'lint-rules-warnings', 'scaling-hpa-resource', 'scaling-keda-prometheus-cron']) {
      expect(names).toContain(name);
    }
    expect(withTests.length).toBeGreaterThan(8);
  });

  test.each(withRules.map((c) => [c.name, c.built] as const))('accepts the rule files of golden case %s (check rules --lint-fatal)', (_, built) => {
    checkRules(built.prometheus, built.rules);
  });

  // One test per file: a case of several SLOs holds minutes of scenarios.
  test.each(withTests.flatMap((c) => c.built.tests.map((file) => [c.name, file, c.built] as const)))('passes the test files of golden case %s: %s (test rules)', (_, file, built) => {
    testRules(built.prometheus, [file]);
  }, 180_000);

  test('a wrong expectation fails promtool test rules with its message, so these runs can fail', async () => {
    const built = await build(join(goldenRoot, 'rules-alerts-templates/definitions'));
    const file = join(built.prometheus, 'tests/checkout.yml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('summary: Checkout is down', 'summary: Checkout is up'));
    const result = runTool('promtool', ['test', 'rules', 'tests/checkout.yml'], built.prometheus);
    expect(result.status).toBe(1);
    expect(`${result.stdout}${result.stderr}`).toContain('Checkout is down');
  });
});
