import type { MetricType } from '../../schemas/rules.ts';
import { exporterMetrics, ruleMetrics, scrapeMetrics } from '../promql/exporter-metrics.ts';
import type { MetricInfo, ScrapeJob, ServiceModel } from './model.ts';

type Entry = { type: MetricType | 'unknown'; producers: string[] };
type Series = readonly (readonly [string, MetricType])[];

/**
 * Every metric the jobs produce: what Prometheus writes per job and per alert,
 * each exporter preset's metrics, and the metrics services declare for their
 * own endpoints. What the kinds of service are made of, known before the rules.
 */
export function scrapedMetrics(jobs: readonly ScrapeJob[], declared: ReadonlyMap<string, Readonly<Record<string, MetricType>>>): Map<string, MetricInfo> {
  const catalog = new Map<string, Entry>();
  for (const [name, type] of Object.entries(ruleMetrics)) add(catalog, name, type, 'prometheus');
  const perJob = Object.entries(scrapeMetrics);
  for (const job of jobs) {
    for (const [name, type] of perJob) add(catalog, name, type, job.jobName);
    // A service's declared metrics count for all its jobs: exporter presets know only the common ones.
    for (const [name, type] of ownSeries(job.exporter, declared.get(job.service) ?? none)) add(catalog, name, type, job.jobName);
  }
  return catalog;
}

/** The scraped metrics and every recording rule: the estate's whole catalog. The scraped one is left as it was. */
export function buildMetricCatalog(services: readonly ServiceModel[], scraped: ReadonlyMap<string, MetricInfo>): Map<string, MetricInfo> {
  const catalog = new Map<string, Entry>();
  for (const [name, info] of scraped) catalog.set(name, { type: info.type, producers: [...info.producers] });
  for (const service of services) {
    for (const group of service.ruleGroups) for (const record of group.records) add(catalog, record.name, 'gauge', `rule:${group.file ?? service.id}`);
  }
  return catalog;
}

function add(catalog: Map<string, Entry>, name: string, type: MetricType | 'unknown', producer: string) {
  const entry = catalog.get(name);
  if (entry) entry.producers.push(producer);
  else catalog.set(name, { type, producers: [producer] });
}

const none: Readonly<Record<string, MetricType>> = {};
const presetSeries = new Map<string, Series>();
const declaredSeries = new WeakMap<object, Series>();

/**
 * A job's own metrics, an exporter preset's and then the service's declared
 * ones, as `{ ...preset, ...declared }` orders them. Worked out once per preset
 * and once per service: an estate has thousands of jobs and a dozen presets.
 */
function ownSeries(exporter: ScrapeJob['exporter'], declared: Readonly<Record<string, MetricType>>): Series {
  const preset = exporter ? exporterMetrics[exporter] : none;
  // A declared metric that retypes one of the preset's keeps the preset's place: the spread says where.
  if (Object.keys(declared).some((name) => name in preset)) return seriesOf({ ...preset, ...declared });
  let presets = presetSeries.get(exporter ?? '');
  if (!presets) {
    presets = seriesOf(preset);
    presetSeries.set(exporter ?? '', presets);
  }
  let own = declaredSeries.get(declared);
  if (!own) {
    own = seriesOf(declared);
    declaredSeries.set(declared, own);
  }
  return own.length === 0 ? presets : presets.length === 0 ? own : [...presets, ...own];
}

/** Histograms and summaries are scraped as several series. */
function seriesOf(metrics: Readonly<Record<string, MetricType>>): Series {
  return Object.entries(metrics).flatMap(([name, type]): Series => [
    [name, type],
    ...(type === 'histogram' ? ['_bucket', '_sum', '_count'] : type === 'summary' ? ['_sum', '_count'] : []).map((suffix) => [`${name}${suffix}`, 'counter'] as const),
  ]);
}
