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
import { goldenRoot } from './support/compile-case.ts';
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
