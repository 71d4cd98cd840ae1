/**
 * `npm run bench:rules`: what the generated SLO rules cost inside a real
 * Prometheus, for each long-window mode. Writes synthetic history for one
 * SLO's SLI (and the recorded 5-minute rates a Prometheus that has run the
 * rules that long would hold), backfills it with promtool, starts Debian's
 * Prometheus on loopback once per mode with that SLO's generated rule file,
 * and prints each group's and rule's evaluation time from /api/v1/rules,
 * then each rule's samples per evaluation as monac plan --prometheus
 * estimates them beside Prometheus's own count (stats=all).
 */
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { LongWindows } from '../../schemas/slo.ts';
import { parseDuration } from '../../schemas/duration.ts';
import { formatDiagnostic, hasErrors } from '../../generators/core/diagnostic.ts';
import { UsageError } from '../../generators/core/errors.ts';
import { loadProject } from '../packs/load.ts';
import type { Model } from '../../generators/core/model.ts';
import { compile } from '../../generators/compile.ts';
import { names } from '../../generators/model/slo/rules.ts';
import { sampleSeries } from '../../generators/model/slo/samples.ts';
import { createBlocks, startPrometheus } from '../backfill.ts';
import { parseSeries, writeHistory } from './history.ts';
import { checkSeries, rulesOf } from '../plan/series.ts';
import { querySamples } from '../verify/query.ts';

export const benchRulesUsage = `Usage: npm run bench:rules -- [flags]

Evaluation cost of one SLO's generated rules on Debian's Prometheus, in the
accurate and the efficient long-window mode, over backfilled history: each
group's and rule's evaluation time, and each rule's samples per evaluation as
monac plan --prometheus estimates them beside Prometheus's own count.

Flags:
  --slo ID                the SLO (default: genesis-availability); its SLI must count events
  --series N              SLI series: N/2 instances with a bad and a good series each (default 1000)
  --days N                days of history (default 3)
  --scrape-interval D     between two samples of the history (default 1m)
  --evaluations N         evaluations measured per mode, after a first one that warms the caches (default 3)
  --evaluation-interval D between two evaluations (default: the project's prometheus.evaluationInterval)
  --definitions DIR       (default: definitions)
  --keep                  keep the working folder (history, blocks, rule files) and print its path`;

const modes: readonly LongWindows[] = ['accurate', 'efficient'];

function parse(argv: readonly string[]) {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      slo: { type: 'string', default: 'genesis-availability' },
      series: { type: 'string', default: '1000' },
      days: { type: 'string', default: '3' },
      'scrape-interval': { type: 'string', default: '1m' },
      evaluations: { type: 'string', default: '3' },
      'evaluation-interval': { type: 'string' },
      definitions: { type: 'string', default: 'definitions' },
      keep: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  const count = (flag: 'series' | 'days' | 'evaluations', min: number) => {
    const n = Number(values[flag]);
    if (!Number.isInteger(n) || n < min) throw new UsageError(`--${flag} must be a whole number of at least ${min}, not ${values[flag]}`);
    return n;
  };
  const scrapeMs = parseDuration(values['scrape-interval']);
  if (!scrapeMs || scrapeMs < 1000) throw new UsageError(`--scrape-interval must be a Prometheus duration of 1s or more, not ${values['scrape-interval']}`);
  const evaluationInterval = values['evaluation-interval'];
  if (evaluationInterval !== undefined && !parseDuration(evaluationInterval)) throw new UsageError(`--evaluation-interval must be a Prometheus duration, not ${evaluationInterval}`);
  return {
    evaluationInterval,
    help: values.help, slo: values.slo, series: count('series', 2), days: count('days', 1), scrapeSeconds: scrapeMs / 1000,
    evaluations: count('evaluations', 1), definitions: resolve(values.definitions), keep: values.keep,
  };
}

/** The SLO's rule file and model, built with the project's long-window mode set to `mode`. */
function buildMode(project: unknown, mode: LongWindows, sloId: string): { model: Model; ruleFile: string } {
  const compilation = compile({ ...(project as object), slo: { ...(project as { slo?: object }).slo, longWindows: mode } });
  if (hasErrors(compilation.diagnostics) || !compilation.model || !compilation.files) {
    throw new UsageError(`the definitions do not build:\n${compilation.diagnostics.map((d) => formatDiagnostic(d)).join('\n')}`);
  }
  const ruleFile = compilation.files.get(`prometheus/rules/slo-${sloId}.yml`)?.content;
  if (!ruleFile) throw new UsageError(`no SLO ${sloId} with its own rule file in the definitions`);
  return { model: compilation.model, ruleFile };
}

interface RuleTimes {
  readonly group: string;
  readonly name: string;
  readonly seconds: number[];
}

interface ApiRule { name: string; labels?: Record<string, string>; evaluationTime: number; lastEvaluation: string; health: string; lastError?: string }
interface ApiGroup { name: string; evaluationTime: number; lastEvaluation: string; rules: ApiRule[] }

/** Polls /api/v1/rules until every group has `count` evaluations after its first; each group's and rule's seconds per evaluation. */
async function measure(url: string, count: number, intervalMs: number): Promise<{ groups: RuleTimes[]; rules: RuleTimes[] }> {
  const seen = new Map<string, string[]>();
  const groups = new Map<string, number[]>();
  const rules = new Map<string, RuleTimes>();
  const deadline = Date.now() + (count + 2) * intervalMs + 300_000;
  for (;;) {
    const body = await fetch(`${url}/api/v1/rules`, { signal: AbortSignal.timeout(10_000) }).then((r) => r.json()) as { data: { groups: ApiGroup[] } };
    for (const group of body.data.groups) {
      const failing = group.rules.find((r) => r.health === 'err');
      if (failing) throw new Error(`rule ${failing.name} of ${group.name} fails in Prometheus: ${failing.lastError}`);
      if (group.lastEvaluation.startsWith('0001-')) continue;
      const evaluations = seen.get(group.name) ?? [];
      if (evaluations.includes(group.lastEvaluation)) continue;
      evaluations.push(group.lastEvaluation);
      seen.set(group.name, evaluations);
      // The first evaluation reads the blocks from disk into the page cache: it is not what every later one costs.
      if (evaluations.length === 1) continue;
      groups.set(group.name, [...(groups.get(group.name) ?? []), group.evaluationTime]);
      for (const rule of group.rules) {
        const key = `${group.name}\0${rule.name}\0${group.rules.indexOf(rule)}`;
        // Alerts of several tiers share a name: their windows or budget share tell them apart.
        const shown = [rule.name, rule.labels?.long_window, rule.labels?.budget_spent].filter(Boolean).join(' ');
        const times = rules.get(key) ?? { group: group.name, name: shown, seconds: [] };
        times.seconds.push(rule.evaluationTime);
        rules.set(key, times);
      }
    }
    if (seen.size > 0 && [...seen.values()].every((e) => e.length > count)) break;
    if (Date.now() > deadline) throw new Error(`Prometheus at ${url} did not evaluate every group ${count + 1} times in time`);
    await new Promise((r) => setTimeout(r, 500));
  }
  return { groups: [...groups].map(([group, seconds]) => ({ group, name: group, seconds: seconds.slice(0, count) })), rules: [...rules.values()].map((r) => ({ ...r, seconds: r.seconds.slice(0, count) })) };
}

const median = (values: readonly number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

/** A rule's samples per evaluation: what monac plan estimates, and what Prometheus's query statistics count. */
interface SampleFigures {
  readonly group: string;
  readonly name: string;
  readonly estimate: number;
  readonly read: number | undefined;
}

/**
 * The plan's cost estimate of each of the SLO's rules (checkSeries, windows
 * capped at the history the server holds) beside the samples Prometheus reads
 * evaluating the rule's expression at the history's end (stats=all).
 */
async function sampleFigures(url: string, model: Model, service: string, slo: string, at: number, historyMs: number): Promise<SampleFigures[]> {
  const client = { url, timeoutMs: 120_000 };
  const rules = rulesOf(model).filter((r) => r.service === service && r.group.startsWith(`slo-${slo}-`));
  const report = await checkSeries(client, rules, model, { lookbackMs: historyMs, at, historyMs });
  if (report.errors.length > 0) throw new Error(`Prometheus at ${url} did not answer the plan's queries: ${report.errors.join('; ')}`);
  const figures: SampleFigures[] = [];
  for (const [i, rule] of rules.entries()) {
    const read = await querySamples(client, rule.expr, at);
    if (read.kind === 'error') throw new Error(`Prometheus at ${url} did not count the samples of ${rule.name}: ${read.message}`);
    figures.push({ group: rule.group, name: rule.name, estimate: report.costs[i]!.samples, read: read.samples });
  }
  return figures;
}

const seconds = (value: number | undefined) => (value === undefined ? '-' : value < 0.001 ? value.toExponential(1) : value.toFixed(4));

const count = (n: number | undefined) => (n === undefined ? '-' : n.toLocaleString('en-US'));
/** How far the estimate is from what Prometheus counted, as a share of the count (only where it counted some). */
const off = (f: SampleFigures) => Math.abs(f.estimate - f.read!) / f.read!;

/** The plan's estimate beside Prometheus's count, per rule and mode; the largest difference. */
function figureLines(figures: Record<LongWindows, SampleFigures[]>): string[] {
  const lines = [
    'samples read per evaluation at the history\'s end: monac plan --prometheus estimates / Prometheus counts (stats=all)',
    `${'rule'.padEnd(52)} ${'accurate'.padStart(23)} ${'efficient'.padStart(23)}`,
  ];
  // Alerts of several tiers share a name: the nth rule of a name in one mode is the nth in the other.
  const keyed = (list: readonly SampleFigures[]) => new Map(list.map((f, i) => [`${f.group}\0${f.name}\0${list.slice(0, i).filter((o) => o.group === f.group && o.name === f.name).length}`, f]));
  const byMode = { accurate: keyed(figures.accurate), efficient: keyed(figures.efficient) };
  const cell = (f: SampleFigures | undefined) => (f ? `${count(f.estimate)} / ${count(f.read)}${f.read === 0 && f.estimate > 0 ? '*' : ''}` : '-');
  for (const key of new Set([...byMode.accurate.keys(), ...byMode.efficient.keys()])) {
    lines.push(`  ${key.split('\0')[1]!.padEnd(50)} ${cell(byMode.accurate.get(key)).padStart(23)} ${cell(byMode.efficient.get(key)).padStart(23)}`);
  }
  const all = modes.flatMap((m) => figures[m]);
  const read = all.filter((f) => f.read !== undefined && f.read > 0);
  const worst = read.reduce<SampleFigures | undefined>((w, f) => (w === undefined || off(f) > off(w) ? f : w), undefined);
  lines.push(
    `largest difference where Prometheus read samples: ${worst ? `${(off(worst) * 100).toFixed(1)}% (${worst.name}); ${read.filter((f) => off(f) <= 0.1).length} of ${read.length} within 10%` : 'none read'}`,
    ...(all.some((f) => f.read === 0 && f.estimate > 0) ? ['* reads only series the rules write as they run, which the backfilled history does not hold: the estimate is that of a Prometheus that has run them'] : []),
  );
  return lines;
}

export async function benchRules(argv: readonly string[]): Promise<string> {
  const options = parse(argv);
  if (options.help) return benchRulesUsage;
  const loaded = await loadProject(options.definitions);
  if (!loaded.project) throw new UsageError(`the definitions do not load:\n${loaded.diagnostics.map((d) => formatDiagnostic(d)).join('\n')}`);
  const built = Object.fromEntries(modes.map((mode) => [mode, buildMode(loaded.project, mode, options.slo)])) as Record<LongWindows, ReturnType<typeof buildMode>>;
  if (built.accurate.ruleFile === built.efficient.ruleFile) throw new UsageError(`SLO ${options.slo} builds the same rules in both modes: it declares longWindows itself, or has no window of 6h or longer`);
  const { model } = built.efficient;
  const declared = model.services.flatMap((s) => s.slos.map(({ slo }) => ({ slo, service: s }))).find(({ slo }) => slo.id === options.slo)!;
  const sample = sampleSeries(declared.slo, {});
  if (!sample) throw new UsageError(`SLO ${options.slo}: the bench writes history for an events SLI whose sample series it can derive`);
  const recordings = declared.service.ruleGroups.find((g) => g.name === `slo-${options.slo}-recordings`)!;
  const recorded = (name: string) => ({ metric: name, labels: recordings.records.find((r) => r.name === name)!.labels });
  const interval = options.evaluationInterval ?? model.project.prometheus.evaluationInterval;
  const evaluationSeconds = parseDuration(interval)! / 1000;

  const dir = mkdtempSync(join(tmpdir(), 'monac-bench-rules-'));
  const lines: string[] = [];
  try {
    const end = Math.floor(Date.now() / 1000 / options.scrapeSeconds) * options.scrapeSeconds;
    const started = Date.now();
    const samples = writeHistory(join(dir, 'history.om'), {
      bad: sample.bad === undefined ? undefined : parseSeries(sample.bad),
      good: sample.good === undefined ? undefined : parseSeries(sample.good),
      all: sample.all === undefined ? undefined : parseSeries(sample.all),
      instances: Math.floor(options.series / 2), startSeconds: end - options.days * 86_400, endSeconds: end, scrapeSeconds: options.scrapeSeconds,
      requestsPerSecond: 10, errorShare: 0.0005,
      recorded: { errors: recorded(names.errors5m), total: recorded(names.total5m), everySeconds: evaluationSeconds },
    });
    createBlocks(dir, 'history.om', 'data');
    const prepared = (Date.now() - started) / 1000;
    const results: Partial<Record<LongWindows, Awaited<ReturnType<typeof measure>>>> = {};
    const figures: Partial<Record<LongWindows, SampleFigures[]>> = {};
    for (const mode of modes) {
      cpSync(join(dir, 'data'), join(dir, `data-${mode}`), { recursive: true });
      const rules = join(dir, `${mode}.rules.yml`);
      writeFileSync(rules, built[mode].ruleFile);
      const prometheus = await startPrometheus(dir, `global:\n  evaluation_interval: ${interval}\nrule_files:\n  - ${rules}\n`, `data-${mode}`);
      try {
        results[mode] = await measure(prometheus.url, options.evaluations, evaluationSeconds * 1000);
        // The history is written at the bench's scrape interval, its recorded rates at the evaluation interval: the estimate assumes the same.
        const project = built[mode].model.project;
        const spaced = { ...built[mode].model, scrapeJobs: [], project: { ...project, prometheus: { ...project.prometheus, scrapeInterval: `${options.scrapeSeconds}s`, evaluationInterval: interval } } };
        // Half an interval after a sample, as an evaluation of rules is not aligned with the scrapes: a window reads window / interval samples, not one more at its closed edge.
        const at = end - Math.min(options.scrapeSeconds, evaluationSeconds) / 2;
        figures[mode] = await sampleFigures(prometheus.url, spaced, declared.service.id, options.slo, at, options.days * 86_400_000);
      } finally {
        prometheus.stop();
      }
    }

    lines.push(
      `monac bench:rules: SLO ${options.slo} over ${options.series.toLocaleString('en-US')} series, ${options.days} days at ${options.scrapeSeconds}s (${samples.toLocaleString('en-US')} samples, written and backfilled in ${prepared.toFixed(0)} s)`,
      `Debian Prometheus on loopback, evaluation every ${interval}; median seconds of ${options.evaluations} evaluations after the first`,
      '',
      `${'group / rule'.padEnd(52)} ${'accurate'.padStart(10)} ${'efficient'.padStart(10)}`,
    );
    const groupNames = [...new Set(modes.flatMap((m) => results[m]!.groups.map((g) => g.group)))].sort();
    const of = (mode: LongWindows, group: string, name?: string, index?: number) => {
      const found = name === undefined
        ? results[mode]!.groups.find((g) => g.group === group)
        : results[mode]!.rules.filter((r) => r.group === group && r.name === name)[index ?? 0];
      return found && median(found.seconds);
    };
    for (const group of groupNames) {
      lines.push(`${group.padEnd(52)} ${seconds(of('accurate', group)).padStart(10)} ${seconds(of('efficient', group)).padStart(10)}`);
      // Every rule, slowest first; a rule's name repeats for alerts with several tiers.
      const rows = results.accurate!.rules.filter((r) => r.group === group).map((r, i, all) => {
        const index = all.slice(0, i).filter((o) => o.name === r.name).length;
        return { name: r.name, accurate: of('accurate', group, r.name, index), efficient: of('efficient', group, r.name, index) };
      });
      rows.sort((a, b) => Math.max(b.accurate ?? 0, b.efficient ?? 0) - Math.max(a.accurate ?? 0, a.efficient ?? 0));
      for (const row of rows) lines.push(`  ${row.name.padEnd(50)} ${seconds(row.accurate).padStart(10)} ${seconds(row.efficient).padStart(10)}`);
    }
    const recordingsGroup = `slo-${options.slo}-recordings`;
    const efficient = of('efficient', recordingsGroup);
    const accurate = of('accurate', recordingsGroup);
    lines.push(
      '',
      `recordings group per evaluation: accurate ${seconds(accurate)} s, efficient ${seconds(efficient)} s (${accurate && efficient ? `${(accurate / efficient).toFixed(0)}x cheaper` : 'n/a'})`,
      `target: efficient recordings under 0.1 s: ${efficient !== undefined && efficient < 0.1 ? 'met' : 'NOT met'}`,
    );
    lines.push('', ...figureLines(figures as Record<LongWindows, SampleFigures[]>));
    if (options.keep) lines.push(`working folder kept: ${dir}`);
  } finally {
    if (!options.keep) rmSync(dir, { recursive: true, force: true });
  }
  return lines.join('\n');
}

if (process.argv[1] === new URL(import.meta.url).pathname) {
  benchRules(process.argv.slice(2)).then(
    (text) => console.log(text),
    (error: Error) => {
      console.error(error instanceof UsageError ? `bench:rules: ${error.message}` : error.stack);
      process.exit(2);
    },
  );
}
