import { parseDuration } from '../../schemas/duration.ts';
import type { AlertModel, Model, RecordModel, Site } from '../core/model.ts';
import { parsePromql, type Promql, type Selector } from '../promql/parse.ts';

export function alertsOf(model: Model): AlertModel[] {
  return model.services.flatMap((s) => s.ruleGroups.flatMap((g) => g.alerts));
}

export function recordsOf(model: Model): RecordModel[] {
  return model.services.flatMap((s) => s.ruleGroups.flatMap((g) => g.records));
}

/** Every rule expression of the estate, parsed. */
export function expressionsOf(model: Model): { site: Site; name: string; expr: string; promql: Promql }[] {
  return [...recordsOf(model), ...alertsOf(model)].map((rule) => ({ site: rule.site, name: rule.name, expr: rule.expr, promql: parsePromql(rule.expr) }));
}

/**
 * The scrape interval behind a selector, in milliseconds: its job's when it
 * names one, else the slowest job known to produce its metric, else the
 * project's.
 */
export function scrapeIntervalOf(model: Model, selector: Selector): number {
  const job = selector.matchers.find((m) => m.label === 'job' && m.op === '=')?.value;
  const byName = new Map(model.scrapeJobs.map((j) => [j.jobName, j]));
  const jobs = job && byName.has(job) ? [job] : (selector.metric && model.metrics.get(selector.metric)?.producers) || [];
  const intervals = jobs.map((name) => byName.get(name)).filter((j) => j !== undefined).map((j) => parseDuration(j.interval)!);
  return intervals.length > 0 ? Math.max(...intervals) : parseDuration(model.project.prometheus.scrapeInterval)!;
}
