import type { AlertModel, Model, RecordModel, RuleGroupModel } from '../core/model.ts';
import { parsePromql } from '../promql/parse.ts';
import { fileOf, relativePath, rulePaths, testPath } from './placement.ts';


/** Step of scenarios that span days; their own file is evaluated at this step. */
export const LONG_TEST_INTERVAL = '5m';

const isStatic = (value: string) => !value.includes('{{');

/**
 * The promtool unit-test file of some groups' alerts and recording rules, or
 * undefined when they have none. A self-contained file (an SLO's) loads only
 * its own rules.
 */
export function testFile(model: Model, groups: readonly RuleGroupModel[], ownFile?: string, interval?: string) {
  const all = [
    ...groups.flatMap((g) => g.records).flatMap(recordTests),
    ...groups.flatMap((g) => g.alerts).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)).flatMap(alertTests),
  ];
  // Tests stepped coarser than the evaluation interval go to a file evaluated at their step: days of 1m evaluations are slow.
  const evaluation = interval ?? groups[0]?.testEvaluationInterval ?? model.project.prometheus.evaluationInterval;
  const long = (t: { interval: string }) => ownFile !== undefined && t.interval === LONG_TEST_INTERVAL;
  const tests = all.filter((t) => (interval ? t.interval === interval : !long(t)));
  if (tests.length === 0) return undefined;
  const files = ownFile ? [ownFile] : neededRuleFiles(model, groups);
  const paths = rulePaths(model);
  const from = testPath(groups[0]!);
  const ruleFiles = [...new Set(files.map((file) => relativePath(from, paths.get(file)!)))];
  return { rule_files: ruleFiles, evaluation_interval: evaluation, group_eval_order: evaluationOrder(model, files), tests };
}

/**
 * Every group the test loads, a group after the groups whose recording rules
 * it reads. promtool evaluates groups in this order at each step; without it
 * the order is random, and an alert reading a recording rule sees it one step
 * late in some runs and not in others.
 */
function evaluationOrder(model: Model, files: readonly string[]): string[] {
  const groups = files.flatMap((file) => groupsOf(model).get(file) ?? []);
  const producer = new Map<string, RuleGroupModel>();
  for (const g of groups) for (const r of g.records) producer.set(r.name, g);
  const reads = new Map(groups.map((g) => [g, new Set(
    [...g.records, ...g.alerts].flatMap((r) => parsePromql(r.expr).selectors).map((s) => producer.get(s.metric ?? '')).filter((p): p is RuleGroupModel => p !== undefined && p !== g),
  )]));
  const order: RuleGroupModel[] = [];
  const placed = new Set<RuleGroupModel>();
  const place = (g: RuleGroupModel, visiting: Set<RuleGroupModel>) => {
    if (placed.has(g) || visiting.has(g)) return;
    visiting.add(g);
    for (const dependency of reads.get(g) ?? []) place(dependency, visiting);
    placed.add(g);
    order.push(g);
  };
  for (const g of groups) place(g, new Set());
  return [...new Set(order.map((g) => g.name))];
}

/**
 * The groups' own rule file and every file whose recording rules they read,
 * transitively. Loading every file instead would make each test file as long
 * as the estate and evaluate days-long SLO windows in every test.
 */
const groupsByFile = new WeakMap<Model, Map<string, RuleGroupModel[]>>();

function groupsOf(model: Model): Map<string, RuleGroupModel[]> {
  let byFile = groupsByFile.get(model);
  if (!byFile) {
    byFile = new Map();
    for (const g of model.services.flatMap((s) => s.ruleGroups)) byFile.set(fileOf(g), [...(byFile.get(fileOf(g)) ?? []), g]);
    groupsByFile.set(model, byFile);
  }
  return byFile;
}

/**
 * Metric name to the rule files that record it, once per model: a metric such
 * as `up` has every job as a producer, and walking them for each test file made
 * the rules stage grow with the square of the estate.
 */
const recordersByModel = new WeakMap<Model, Map<string, string[]>>();
function recordingFiles(model: Model): Map<string, string[]> {
  let recorders = recordersByModel.get(model);
  if (!recorders) {
    recorders = new Map();
    for (const [metric, info] of model.metrics) {
      const files = info.producers.filter((p) => p.startsWith('rule:')).map((p) => p.slice('rule:'.length));
      if (files.length > 0) recorders.set(metric, files);
    }
    recordersByModel.set(model, recorders);
  }
  return recorders;
}

function neededRuleFiles(model: Model, groups: readonly RuleGroupModel[]): string[] {
  const byFile = groupsOf(model);
  const needed = new Set(groups.map(fileOf));
  const queue = [...needed];
  while (queue.length > 0) {
    const exprs = (byFile.get(queue.pop()!) ?? []).flatMap((g) => [...g.records, ...g.alerts].map((r) => r.expr));
    const recorders = recordingFiles(model);
    for (const selector of exprs.flatMap((expr) => parsePromql(expr).selectors)) {
      for (const file of recorders.get(selector.metric ?? '') ?? []) {
        if (!needed.has(file)) {
          needed.add(file);
          queue.push(file);
        }
      }
    }
  }
  return [...needed].sort();
}

function inputSeries(series: Readonly<Record<string, string>>) {
  return Object.keys(series).sort().map((selector) => ({ series: selector, values: series[selector] }));
}

function staticOnly(map: Readonly<Record<string, string>>): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const key of Object.keys(map)) if (isStatic(map[key]!)) kept[key] = map[key]!;
  return kept;
}

function alertTests(alert: AlertModel) {
  return alert.tests.map((test) => ({
    name: `${alert.name}: ${test.name}`,
    interval: test.interval ?? '1m',
    input_series: inputSeries(test.series),
    alert_rule_test: [{ at: test.at, fires: test.fires }, ...(test.alsoAt ?? [])].map(({ at, fires }) => ({
      eval_time: at,
      alertname: alert.name,
      exp_alerts: fires.map((expected) => ({
        exp_labels: { ...staticOnly(alert.labels), ...expected.labels },
        exp_annotations: { ...staticOnly(alert.annotations), ...expected.annotations },
      })),
    })),
  }));
}

function recordTests(record: RecordModel) {
  return record.tests.map((test) => ({
    name: `${record.name}: ${test.name}`,
    interval: test.interval ?? '1m',
    input_series: inputSeries(test.series),
    promql_expr_test: [{
      expr: record.name,
      eval_time: test.at,
      exp_samples: Object.keys(test.samples).sort().map((labels) => ({ labels, value: test.samples[labels] })),
    }],
  }));
}
