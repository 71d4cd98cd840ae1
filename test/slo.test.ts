import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { toYaml } from '../generators/core/emit.ts';
import { loadProject } from '../scripts/packs/load.ts';
import { compile } from '../generators/compile.ts';
import { ruleFile } from '../generators/rules/rule-files.ts';
import { LONG_TEST_INTERVAL, testFile } from '../generators/rules/test-files.ts';
import { planSlo, sloGroups } from '../generators/model/slo/rules.ts';
import { burnFactor, tiersOf } from '../generators/model/slo/windows.ts';
import { tierTimings } from '../scripts/bench-rules/timing.ts';
import type { Slo } from '../schemas/slo.ts';
import { compileDefinitions, goldenRoot } from './support/compile-case.ts';
import { materialize } from './support/materialize.ts';
import { runTool } from './support/tools.ts';

describe('SLO burn-rate factors', () => {
  test.each([
    ['30d', [14.4, 6, 3, 1]],
    ['28d', [13.44, 5.6, 2.8, 0.933333333333]],
  ] as const)('a %s SLO gets the SRE workbook factors', (period, factors) => {
    const tiers = tiersOf({ id: 'x', objective: 99.9, period, sli: { events: { errors: 'a', total: 'b' } } });
    expect(tiers.map((t) => t.factor)).toEqual(factors);
  });

  test('is budget share x period / long window', () => {
    expect(burnFactor(2, 30 * 86_400_000, 3_600_000)).toBe(14.4);
  });
});

describe('SLO scenario tests', () => {
  test('fail when the generator writes another factor than the scenarios expect', async () => {
    const { project } = await loadProject(join(goldenRoot, 'slo-events-30d/definitions'));
    const { model } = compile(project);
    const service = model!.services.find((s) => s.slos.length > 0)!;
    const { slo, site } = service.slos[0]!;
    const plan = planSlo(slo, service, site);
    const place = (groups: ReturnType<typeof sloGroups>) => groups.map((g) => ({ ...g, evaluation: model!.project.rules.evaluation }));
    const honest = place(sloGroups(plan, model!.project));
    const tampered = place(sloGroups({ ...plan, tiers: plan.tiers.map((t) => (t.name === 'fastPage' ? { ...t, factor: 16 } : t)) }, model!.project));
    const dir = mkdtempSync(join(tmpdir(), 'monac-slo-'));
    mkdirSync(join(dir, 'rules'));
    mkdirSync(join(dir, 'tests'));
    const file = `slo-${slo.id}`;
    writeFileSync(join(dir, `rules/${file}.yml`), toYaml(ruleFile(tampered)));
    // Only the fast page's scenarios: the tampered factor is the fast page's, and each scenario costs seconds of promtool.
    const long = testFile(model!, honest, file, LONG_TEST_INTERVAL)!;
    const fastPage = long.tests.filter((t) => t.name.includes('fastPage'));
    expect(fastPage.length).toBeGreaterThan(0);
    writeFileSync(join(dir, 'tests/long.yml'), toYaml({ ...long, tests: fastPage }));
    const result = runTool('promtool', ['test', 'rules', 'tests/long.yml'], dir);
    expect(result.status).toBe(1);
    expect(`${result.stdout}${result.stderr}`).toContain('fastPage');
  }, 120_000);

  test('tell the long-window modes apart: efficient rules fail the accurate scenarios, and back', async () => {
    const { project } = await loadProject(join(goldenRoot, 'slo-events-30d/definitions'));
    const { model } = compile(project);
    const service = model!.services.find((s) => s.slos.length > 0)!;
    const { slo, site } = service.slos[0]!;
    const place = (groups: ReturnType<typeof sloGroups>) => groups.map((g) => ({ ...g, evaluation: model!.project.rules.evaluation }));
    const groups = (longWindows: 'accurate' | 'efficient') => place(sloGroups(planSlo({ ...slo, longWindows }, service, site), model!.project));
    const file = `slo-${slo.id}`;
    for (const [rules, tests] of [['efficient', 'accurate'], ['accurate', 'efficient']] as const) {
      const dir = mkdtempSync(join(tmpdir(), 'monac-slo-'));
      mkdirSync(join(dir, 'rules'));
      mkdirSync(join(dir, 'tests'));
      writeFileSync(join(dir, `rules/${file}.yml`), toYaml(ruleFile(groups(rules))));
      writeFileSync(join(dir, 'tests/long.yml'), toYaml(testFile(model!, groups(tests), file, LONG_TEST_INTERVAL)));
      const result = runTool('promtool', ['test', 'rules', 'tests/long.yml'], dir);
      const output = `${result.stdout}${result.stderr}`;
      expect(result.status, output).toBe(1);
      // Only the scenario the model predicts to differ fails: every burn scenario holds in both modes.
      expect(output.match(/FAILED/g)).toHaveLength(1);
      expect(output).toContain('slo:sli_error:ratio_rate1h');
    }
  }, 240_000);
});

describe('SLIs of good events and of queries', () => {
  /** The golden case's rule file of one SLO, and a promtool test of its 5-minute error ratio after `series`. */
  async function ratioAfter(sloId: string, series: Record<string, string>, expected: number) {
    const { files } = await compileDefinitions(join(goldenRoot, 'slo-good-and-ratio/definitions'));
    const dir = join(materialize(files!), 'prometheus');
    const test = {
      rule_files: [`../rules/slo-${sloId}.yml`],
      evaluation_interval: '1m',
      tests: [{
        interval: '1m',
        input_series: Object.entries(series).map(([s, values]) => ({ series: s, values })),
        promql_expr_test: [{ expr: `slo:sli_error:ratio_rate5m{slo="${sloId}"}`, eval_time: '10m', exp_samples: [{ labels: `slo:sli_error:ratio_rate5m{service="checkout", slo="${sloId}", team="payments"}`, value: expected }] }],
      }],
    };
    writeFileSync(join(dir, 'tests/probe.yml'), toYaml(test));
    return runTool('promtool', ['test', 'rules', 'tests/probe.yml'], dir);
  }

  test('a service failing every request, whose good counter was never written, reads an error ratio of 1, not 0', async () => {
    const result = await ratioAfter('checkout-good', { 'http_requests_total{job="checkout", code="500"}': '0+60x15' }, 1);
    expect(result.status, `${result.stdout}${result.stderr}`).toBe(0);
  }, 60_000);

  test('a precomputed error ratio is recorded as it reads', async () => {
    const result = await ratioAfter('checkout-raw', { checkout_failures_total: '0+3x15', checkout_attempts_total: '0+60x15' }, 0.05);
    expect(result.status, `${result.stdout}${result.stderr}`).toBe(0);
  }, 60_000);
});

/** A golden case's prometheus/ folder, built; and promtool's verdict on a test file written into it. */
async function builtCase(name: string) {
  const { files } = await compileDefinitions(join(goldenRoot, name, 'definitions'));
  const dir = join(materialize(files!), 'prometheus');
  return {
    run(file: string, test: unknown) {
      writeFileSync(join(dir, 'tests', file), toYaml(test));
      const result = runTool('promtool', ['test', 'rules', `tests/${file}`], dir);
      expect(result.status, `${result.stdout}${result.stderr}`).toBe(0);
    },
  };
}

/** An expectation on one SLO's recorded series at a time: its value, or no sample (undefined). */
const sampleOf = (sloId: string, labels: string) => (time: string, expr: string, value?: number) => ({
  expr: `${expr}{slo="${sloId}"}`,
  eval_time: time,
  exp_samples: value === undefined ? [] : [{ labels: `${expr}{${labels}}`, value }],
});

describe('time-slice SLIs', () => {
  test('a slice is good while its p99 meets the threshold, bad when not, and not counted without traffic (NaN)', async () => {
    const built = await builtCase('slo-timeslices');
    const at = sampleOf('search-fast-minutes', 'service="search", slo="search-fast-minutes", team="discovery"');
    const bucket = (le: string) => `http_request_duration_seconds_bucket{job="search", le="${le}"}`;
    // 60 requests a minute: under 100 ms for 10 minutes, between 300 ms and 1 s for 10, then none.
    const fastThenSlow = { [bucket('0.1')]: '0+60x10 600x20', [bucket('0.3')]: '0+60x10 600x20', [bucket('1')]: '0+60x20 1200x10', [bucket('+Inf')]: '0+60x20 1200x10' };
    const test = {
      rule_files: ['../rules/slo-search-fast-minutes.yml'],
      evaluation_interval: '1m',
      tests: [{
        interval: '1m',
        input_series: Object.entries(fastThenSlow).map(([series, values]) => ({ series, values })),
        promql_expr_test: [
          at('5m', 'slo:timeslice_good:bool', 1),
          at('15m', 'slo:timeslice_good:bool', 0),
          at('25m', 'slo:timeslice_good:bool'),
          // Every slice of the last five minutes bad; then none judged, so no ratio at all.
          at('18m', 'slo:sli_error:ratio_rate5m', 1),
          at('30m', 'slo:sli_error:ratio_rate5m'),
        ],
      }],
    };
    built.run('slices.yml', test);
  }, 60_000);
});

describe('calendar periods', () => {
  test('a week\'s budget starts afresh on Monday in its zone: errors of the week before stop counting, whole hours at a time', async () => {
    const built = await builtCase('slo-calendar');
    // Etc/GMT-2: the week starts on Monday 00:00 at UTC+2, Sunday 22:00 UTC; time zero (Thursday 1970-01-01 00:00 UTC) is 94 hours before.
    const at = sampleOf('billing-weekly', 'service="billing", slo="billing-weekly", team="payments"');
    // 600 requests every 5 minutes: every one failing until 93h, none after.
    const failing = 93 * 12;
    const test = {
      rule_files: ['../rules/slo-billing-weekly.yml'],
      evaluation_interval: '5m',
      tests: [{
        interval: '5m',
        input_series: [
          { series: 'http_requests_total{job="billing", code="500"}', values: `0+600x${failing} ${600 * failing}x${40}` },
          { series: 'http_requests_total{job="billing", code="200"}', values: `0x${failing} 0+600x${40}` },
        ],
        promql_expr_test: [
          at('92h', 'slo:sli_error:ratio_period_to_date', 1),
          // Past the boundary, before a whole hour of the new week: nothing to count yet.
          at('94h30m', 'slo:sli_error:ratio_period_to_date'),
          at('95h', 'slo:sli_error:ratio_period_to_date', 0),
          at('95h', 'slo:period_error_budget_remaining:ratio', 1),
          // Thursday 12:00 at UTC+2 is half the week; Monday 21:00, an eighth.
          at('10h', 'slo:time_period_elapsed:ratio', 0.5),
          at('115h', 'slo:time_period_elapsed:ratio', 0.125),
        ],
      }],
    };
    built.run('boundary.yml', test);
  }, 120_000);
});

describe('the efficient long windows page when raw windows would', () => {
  // A steady burn after a healthy history, evaluated every minute: the first minute each page tier's
  // condition holds, with windows summed from the recorded 5-minute rates and with raw windows.
  const slo = { id: 'checkout-availability', objective: 99.9, sli: { events: { errors: 'http_requests_total{code="500"}', total: 'http_requests_total' } } } satisfies Slo;
  const project = { links: {}, targets: { prometheus: '2.42.0', alertmanager: '0.25.0', grafana: '11.3.0', kubernetes: '1.30' }, grafana: undefined } as unknown as Parameters<typeof tierTimings>[1];

  test.each([
    ['fastPage', 15, 70],
    ['slowPage', 7, 330],
  ] as const)('%s at a %sx burn: within one evaluation interval (1m) of the raw windows', (tier, burn, minutes) => {
    const [raw, efficient] = (['accurate', 'efficient'] as const).map((mode) => tierTimings(slo, project, mode, burn, minutes).find((t) => t.tier === tier)!.minutes);
    expect(raw, 'the raw windows trip the tier within the run').toBeDefined();
    expect(efficient, 'the efficient windows trip the tier within the run').toBeDefined();
    expect(Math.abs(efficient! - raw!), `raw ${raw} min, efficient ${efficient} min`).toBeLessThanOrEqual(1);
  }, 120_000);
});
