import type { Artifact, Generator } from '../core/generator.ts';
import { supportsPrometheus } from '../core/features.ts';
import type { Model, PrometheusModel } from '../core/model.ts';
import { httpClient, relabelConfigs } from './http-client.ts';
import { scrapeConfig } from './scrape-configs.ts';

/** Rule files live beside prometheus.yml; the rules generators fill this folder. */
export const RULE_FILES_GLOB = 'rules/*.yml';

/** prometheus.yml, and the command-line flags for settings the target version only takes as flags. */
export const prometheusGenerator: Generator = {
  name: 'prometheus',
  generate(model: Model): Artifact[] {
    const { prometheus, targets } = model.project;
    const retentionInConfig = supportsPrometheus(targets.prometheus, 'retention-in-config');
    const config = {
      global: {
        scrape_interval: prometheus.scrapeInterval,
        scrape_timeout: prometheus.scrapeTimeout,
        evaluation_interval: prometheus.evaluationInterval,
        external_labels: Object.keys(prometheus.externalLabels).length > 0 ? prometheus.externalLabels : undefined,
      },
      alerting: alerting(prometheus),
      rule_files: [RULE_FILES_GLOB],
      scrape_configs: model.scrapeJobs.map(scrapeConfig),
      remote_write: remoteWrite(prometheus),
      storage: retentionInConfig && prometheus.retention ? { tsdb: { retention: prometheus.retention } } : undefined,
    };
    const artifacts: Artifact[] = [{ path: 'prometheus/prometheus.yml', format: 'yaml', data: config, delivery: 'files' }];
    const flags = retentionInConfig ? [] : retentionFlags(prometheus);
    if (flags.length > 0) artifacts.push({ path: 'prometheus/prometheus.flags', format: 'text', data: flags.join('\n'), delivery: 'files' });
    return artifacts;
  },
};

function alerting(prometheus: PrometheusModel) {
  if (prometheus.alertmanagers.length === 0) return undefined;
  return {
    alertmanagers: prometheus.alertmanagers.map((am) => ({
      api_version: 'v2',
      scheme: am.scheme,
      path_prefix: am.pathPrefix,
      timeout: am.timeout,
      static_configs: [{ targets: am.targets }],
      ...httpClient(am),
    })),
  };
}

function remoteWrite(prometheus: PrometheusModel) {
  if (prometheus.remoteWrite.length === 0) return undefined;
  return prometheus.remoteWrite.map((rw) => ({
    name: rw.name,
    url: rw.url,
    remote_timeout: rw.remoteTimeout,
    headers: rw.headers,
    queue_config: rw.queue && {
      capacity: rw.queue.capacity,
      min_shards: rw.queue.minShards,
      max_shards: rw.queue.maxShards,
      max_samples_per_send: rw.queue.maxSamplesPerSend,
      batch_send_deadline: rw.queue.batchSendDeadline,
    },
    write_relabel_configs: relabelConfigs(rw.writeRelabel ?? []),
    ...httpClient(rw),
  }));
}

/** Before Prometheus 3.8 retention is a command-line flag only. */
function retentionFlags(prometheus: PrometheusModel): string[] {
  const { time, size } = prometheus.retention ?? {};
  return [
    ...(time ? [`--storage.tsdb.retention.time=${time}`] : []),
    ...(size ? [`--storage.tsdb.retention.size=${size}`] : []),
  ];
}
