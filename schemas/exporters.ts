import type { ExporterKind, ScrapeEndpointInput } from './scrape.ts';
import { recordSource } from './source.ts';

/** Options of an exporter preset: any endpoint field, with the job name defaulted. */
export type ExporterOptions = Omit<ScrapeEndpointInput, 'exporter' | 'probe' | 'job'> & {
  /** @default the exporter's name, such as 'node' */
  job?: string;
};

function preset(exporter: ExporterKind) {
  return (options: ExporterOptions): ScrapeEndpointInput =>
    recordSource({ ...options, job: options.job ?? exporter, exporter });
}

/** Prometheus node_exporter (port 9100): CPU, memory, disk, network of a host. */
export const nodeExporter = preset('node');
/** prometheus-community mysqld_exporter (port 9104). */
export const mysqlExporter = preset('mysql');
/** prometheus-community postgres_exporter (port 9187). */
export const postgresExporter = preset('postgres');
/** oliver006 redis_exporter (port 9121). */
export const redisExporter = preset('redis');
/** cAdvisor (port 8080): per-container CPU, memory, restarts. */
export const cadvisorExporter = preset('cadvisor');
/** kube-state-metrics (port 8080): the state of Kubernetes objects, HPAs among them. */
export const kubeStateMetrics = preset('kube-state-metrics');
/** The KEDA operator's metrics (port 8080): scaler errors, paused ScaledObjects. */
export const kedaOperator = preset('keda');
/** The blackbox exporter's own metrics (port 9115); its probes are declared with {@link blackboxProbe}. */
export const blackboxExporter = preset('blackbox');
/** Prometheus scraping itself (port 9090). */
export const prometheusSelf = preset('prometheus');
/** Alertmanager's own metrics (port 9093). */
export const alertmanagerSelf = preset('alertmanager');
/** Grafana's own metrics (port 3000). */
export const grafanaSelf = preset('grafana');

/** Options of a blackbox probe. */
export type ProbeOptions = Omit<ScrapeEndpointInput, 'exporter' | 'probe' | 'targets' | 'fileSd' | 'metricsPath'> & {
  /** URLs to probe. @example ['http://orchestrator:8000/health/ready'] */
  urls: string[];
  /** blackbox.yml module. @default 'http_2xx' */
  module?: string;
  /** The blackbox exporter's address. @example 'blackbox-exporter:9115' */
  prober: string;
};

/**
 * Probes URLs through a blackbox exporter: one job, one target per URL, with
 * the URL as the `instance` label.
 *
 * @example
 * blackboxProbe({ job: 'genesis-health-ready', prober: 'blackbox:9115', urls: ['http://orchestrator:8000/health/ready'] })
 */
export function blackboxProbe({ urls, module, prober, ...options }: ProbeOptions): ScrapeEndpointInput {
  return recordSource({ ...options, exporter: 'blackbox', probe: { module: module ?? 'http_2xx', prober, urls } });
}
