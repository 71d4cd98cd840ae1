/**
 * When each burn-rate tier of an SLO starts to hold, in each long-window
 * mode: a healthy history as long as the longest page window, then a steady
 * burn, evaluated every minute by promtool; the first minute at which each
 * tier's condition (long and short window above the threshold) holds. The
 * efficient windows are summed from recorded 5-minute rates; this measures
 * how far they lag the raw windows.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { toYaml } from '../../generators/core/emit.ts';
import { ruleFile } from '../../generators/rules/rule-files.ts';
import { planSlo, sloGroups, threshold } from '../../generators/model/slo/rules.ts';
import { names } from '../../generators/model/slo/names.ts';
import { counterNotation } from '../../generators/model/slo/scenarios.ts';
import { sampleSeries } from '../../generators/model/slo/samples.ts';
import type { LongWindows, Slo } from '../../schemas/slo.ts';
import type { ProjectModel, Site } from '../../generators/core/model.ts';
import { formatDuration, parseDuration } from '../../schemas/duration.ts';

export interface TierTiming {
  readonly tier: string;
  /** Minutes after the burn started at which the tier's condition first holds; undefined if never within the run. */
  readonly minutes: number | undefined;
}

/** Minutes after a burn of `burn` x the budget rate at which each tier's condition first holds, with `mode` windows. */
export function tierTimings(slo: Slo, project: Pick<ProjectModel, 'links' | 'targets' | 'grafana'>, mode: LongWindows, burn: number, runMinutes: number): TierTiming[] {
  const site = { file: 'probe', subject: slo.id } as unknown as Site;
  const plan = planSlo({ ...slo, longWindows: mode }, { id: 'probe', team: 'probe' }, site);
  const groups = sloGroups(plan, project).map((g) => ({ ...g, evaluation: { interval: '1m' } }));
  const sample = sampleSeries(plan.slo, {})!;
  const history = Math.max(...plan.tiers.filter((t) => t.kind === 'page').map((t) => parseDuration(t.longWindow)! / 60_000)) + 10;
  const perStep = 600;
  const ratio = burn * plan.errorBudget;
  const counter = (share: (r: number) => number) => counterNotation([{ steps: history, inc: perStep * share(0) }, { steps: runMinutes + 1, inc: perStep * share(ratio) }]);
  const series = {
    ...(sample.bad ? { [sample.bad]: counter((r) => r) } : {}),
    ...(sample.good ? { [sample.good]: counter((r) => 1 - r) } : {}),
    ...(sample.all ? { [sample.all]: counter(() => 1) } : {}),
  };
  const of = `{slo="${slo.id}"}`;
  const dir = mkdtempSync(join(tmpdir(), 'monac-timing-'));
  try {
    mkdirSync(join(dir, 'rules'));
    writeFileSync(join(dir, 'rules/slo.yml'), toYaml(ruleFile(groups as never)));
    const tests = plan.tiers.filter((t) => t.kind === 'page').map((tier) => {
      const t = threshold(tier, plan.errorBudget);
      const expr = `${names.ratio(formatDuration(parseDuration(tier.longWindow)!))}${of} > ${t} and ${names.ratio(formatDuration(parseDuration(tier.shortWindow)!))}${of} > ${t}`;
      return {
        interval: '1m',
        input_series: Object.entries(series).map(([s, values]) => ({ series: s, values })),
        promql_expr_test: Array.from({ length: runMinutes + 1 }, (_, m) => ({ expr, eval_time: `${history + m}m`, exp_samples: [] })),
        name: tier.name,
      };
    });
    writeFileSync(join(dir, 'test.yml'), toYaml({ rule_files: ['rules/slo.yml'], evaluation_interval: '1m', tests }));
    const result = spawnSync('promtool', ['test', 'rules', 'test.yml'], { cwd: dir, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, timeout: 170_000 });
    const output = `${result.stdout}${result.stderr}`;
    // Each failure names its time: the first one, per tier, is when its condition first holds.
    const failures = [...output.matchAll(/expr: "slo:sli_error:ratio_rate(\w+)\{.*?, time: ([0-9hmsdw]+),/g)];
    return plan.tiers.filter((t) => t.kind === 'page').map((tier) => {
      const long = formatDuration(parseDuration(tier.longWindow)!);
      const times = failures.filter((f) => f[1] === long).map((f) => parseDuration(f[2]!)! / 60_000 - history);
      return { tier: tier.name, minutes: times.length > 0 ? Math.min(...times) : undefined };
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
