import type { RelabelRule } from '../../schemas/scrape.ts';
import type { ScrapeJob } from '../core/model.ts';
import { httpClient, relabelConfigs } from './http-client.ts';

/** One `scrape_configs` entry; every value written out, even the defaults, so a reader sees what each job gets. */
export function scrapeConfig(job: ScrapeJob) {
  const relabel = [...probeRelabel(job), ...fileSdLabels(job), ...job.relabel];
  return {
    job_name: job.jobName,
    honor_labels: job.honorLabels || undefined,
    metrics_path: job.metricsPath,
    scheme: job.scheme,
    scrape_interval: job.interval,
    scrape_timeout: job.timeout,
    params: job.probe ? { ...job.params, module: [job.probe.module] } : job.params,
    static_configs: staticConfigs(job),
    file_sd_configs: job.fileSd && [{ files: job.fileSd.files, refresh_interval: job.fileSd.refreshInterval }],
    relabel_configs: relabelConfigs(relabel),
    metric_relabel_configs: relabelConfigs(job.metricRelabel),
    sample_limit: job.sampleLimit,
    keep_dropped_targets: job.keepDroppedTargets,
    ...httpClient(job),
  };
}

function staticConfigs(job: ScrapeJob) {
  const targets = job.probe?.urls ?? job.targets;
  return targets && [{ targets: [...targets], labels: job.labels }];
}

/** The blackbox exporter pattern: the URL becomes the `target` parameter and the `instance` label. */
function probeRelabel(job: ScrapeJob): RelabelRule[] {
  if (!job.probe) return [];
  return [
    { sourceLabels: ['__address__'], targetLabel: '__param_target' },
    { sourceLabels: ['__param_target'], targetLabel: 'instance' },
    { targetLabel: '__address__', replacement: job.probe.prober },
  ];
}

/** Targets from files carry no labels of ours, so they are set by relabelling. */
function fileSdLabels(job: ScrapeJob): RelabelRule[] {
  if (!job.fileSd) return [];
  return Object.entries(job.labels).map(([name, value]) => ({ targetLabel: name, replacement: value }));
}
