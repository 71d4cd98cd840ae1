import type { MetricType } from '../../schemas/rules.ts';
import { exporterMetrics, ruleMetrics, scrapeMetrics } from '../promql/exporter-metrics.ts';
import type { MetricInfo, ScrapeJob, ServiceModel } from './model.ts';

/**
 * Every metric the estate is known to produce: what Prometheus writes per job
 * and per alert, each exporter preset's metrics, the metrics services declare
 * for their own endpoints, and every recording rule.
 */
export function buildMetricCatalog(
  services: readonly ServiceModel[],
  jobs: readonly ScrapeJob[],
  declared: ReadonlyMap<string, Readonly<Record<string, MetricType>>>,
): Map<string, MetricInfo> {
  const catalog = new Map<string, { type: MetricType | 'unknown'; producers: string[] }>();
  const add = (name: string, type: MetricType | 'unknown', producer: string) => {
    const entry = catalog.get(name);
    if (entry) entry.producers.push(producer);
    else catalog.set(name, { type, producers: [producer] });
  };
  for (const [name, type] of Object.entries(ruleMetrics)) add(name, type, 'prometheus');
  const perJob = Object.entries(scrapeMetrics);
  for (const job of jobs) {
    for (const [name, type] of perJob) add(name, type, job.jobName);
    // A service's declared metrics count for all its jobs: exporter presets know only the common ones.
    const own = { ...(job.exporter ? exporterMetrics[job.exporter] : {}), ...declared.get(job.service) };
    for (const [name, type] of Object.entries(own)) addWithSeries(add, name, type, job.jobName);
  }
  for (const service of services) {
    for (const group of service.ruleGroups) for (const record of group.records) add(record.name, 'gauge', `rule:${group.file ?? service.id}`);
  }
  return catalog;
}

/** Histograms and summaries are scraped as several series. */
function addWithSeries(add: (name: string, type: MetricType | 'unknown', producer: string) => void, name: string, type: MetricType, producer: string) {
  add(name, type, producer);
  if (type === 'histogram') for (const suffix of ['_bucket', '_sum', '_count']) add(`${name}${suffix}`, 'counter', producer);
  if (type === 'summary') for (const suffix of ['_sum', '_count']) add(`${name}${suffix}`, 'counter', producer);
}
