import { parseDuration } from '../../schemas/duration.ts';
import type { AlertModel, Model, RecordModel, Site } from '../core/model.ts';
import { parsePromql, type Promql, type Selector } from '../promql/parse.ts';

/** What one model's rules are, gathered once: a dozen lint rules read them. */
const rulesCache = new WeakMap<Model, { alerts: readonly AlertModel[]; records: readonly RecordModel[]; expressions?: readonly Expression[] }>();

interface Expression {
  readonly site: Site;
  readonly name: string;
  readonly expr: string;
  readonly promql: Promql;
}

function rulesOf(model: Model) {
  let cached = rulesCache.get(model);
  if (!cached) {
    cached = {
      alerts: model.services.flatMap((s) => s.ruleGroups.flatMap((g) => g.alerts)),
      records: model.services.flatMap((s) => s.ruleGroups.flatMap((g) => g.records)),
    };
    rulesCache.set(model, cached);
  }
  return cached;
}

export function alertsOf(model: Model): readonly AlertModel[] {
  return rulesOf(model).alerts;
}

export function recordsOf(model: Model): readonly RecordModel[] {
  return rulesOf(model).records;
}

/** Every rule expression of the estate, parsed. */
export function expressionsOf(model: Model): readonly Expression[] {
  const rules = rulesOf(model);
  rules.expressions ??= [...rules.records, ...rules.alerts].map((rule) => ({ site: rule.site, name: rule.name, expr: rule.expr, promql: parsePromql(rule.expr) }));
  return rules.expressions;
}

/**
 * The scrape interval behind a selector, in milliseconds: its job's when it
 * names one, else the slowest job known to produce its metric, else the
 * project's.
 */
export function scrapeIntervalOf(model: Model, selector: Selector): number {
  const { jobs, metrics } = intervalsOf(model);
  const job = selector.matchers.find((m) => m.label === 'job' && m.op === '=')?.value;
  return (job && jobs.get(job)) || (selector.metric && metrics.get(selector.metric)) || parseDuration(model.project.prometheus.scrapeInterval)!;
}

/** Scrape interval per job, and the slowest interval per metric; computed once per model. */
const intervalCache = new WeakMap<Model, { jobs: Map<string, number>; metrics: Map<string, number> }>();

function intervalsOf(model: Model) {
  let cached = intervalCache.get(model);
  if (!cached) {
    const jobs = new Map(model.scrapeJobs.map((j) => [j.jobName, parseDuration(j.interval)!]));
    const metrics = new Map<string, number>();
    for (const [name, info] of model.metrics) {
      const slowest = info.producers.reduce((max, producer) => Math.max(max, jobs.get(producer) ?? 0), 0);
      if (slowest > 0) metrics.set(name, slowest);
    }
    cached = { jobs, metrics };
    intervalCache.set(model, cached);
  }
  return cached;
}
