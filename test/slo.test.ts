import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { toYaml } from '../generators/core/emit.ts';
import { loadDefinitions } from '../generators/core/load.ts';
import { compile } from '../generators/compile.ts';
import { ruleFile } from '../generators/rules/rule-files.ts';
import { LONG_TEST_INTERVAL, testFile } from '../generators/rules/test-files.ts';
import { planSlo, sloGroups } from '../generators/model/slo/rules.ts';
import { burnFactor, tiersOf } from '../generators/model/slo/windows.ts';
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
    const { project } = await loadDefinitions(join(goldenRoot, 'slo-events-30d/definitions'));
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
    writeFileSync(join(dir, 'tests/long.yml'), toYaml(testFile(model!, honest, file, LONG_TEST_INTERVAL)));
    const result = runTool('promtool', ['test', 'rules', 'tests/long.yml'], dir);
    expect(result.status).toBe(1);
    expect(`${result.stdout}${result.stderr}`).toContain('fastPage');
  }, 120_000);

  test('tell the long-window modes apart: efficient rules fail the accurate scenarios, and back', async () => {
    const { project } = await loadDefinitions(join(goldenRoot, 'slo-events-30d/definitions'));
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
