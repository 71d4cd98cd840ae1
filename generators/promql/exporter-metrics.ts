import type { ExporterKind } from '../../schemas/scrape.ts';
import type { MetricType } from '../../schemas/rules.ts';

type Catalog = Readonly<Record<string, MetricType>>;

/** Series Prometheus writes for every scrape job. */
export const scrapeMetrics: Catalog = {
  up: 'gauge',
  scrape_duration_seconds: 'gauge',
  scrape_samples_scraped: 'gauge',
  scrape_samples_post_metric_relabeling: 'gauge',
  scrape_series_added: 'gauge',
};

/** Series Prometheus writes for its own alerts. */
export const ruleMetrics: Catalog = { ALERTS: 'gauge', ALERTS_FOR_STATE: 'gauge' };

/**
 * The metrics of each exporter preset that alerts and dashboards commonly use,
 * with their types (from the exporters' documentation). Not exhaustive: a
 * metric missing here is a warning, never an error.
 */
export const exporterMetrics: Readonly<Record<ExporterKind, Catalog>> = {
  node: {
    node_cpu_seconds_total: 'counter',
    node_load1: 'gauge', node_load5: 'gauge', node_load15: 'gauge',
    node_memory_MemAvailable_bytes: 'gauge', node_memory_MemTotal_bytes: 'gauge', node_memory_MemFree_bytes: 'gauge',
    node_memory_Cached_bytes: 'gauge', node_memory_Buffers_bytes: 'gauge',
    node_filesystem_avail_bytes: 'gauge', node_filesystem_size_bytes: 'gauge', node_filesystem_free_bytes: 'gauge',
    node_filesystem_readonly: 'gauge',
    node_disk_read_bytes_total: 'counter', node_disk_written_bytes_total: 'counter', node_disk_io_time_seconds_total: 'counter',
    node_network_receive_bytes_total: 'counter', node_network_transmit_bytes_total: 'counter',
    node_network_receive_errs_total: 'counter', node_network_transmit_errs_total: 'counter',
    node_boot_time_seconds: 'gauge', node_time_seconds: 'gauge', node_uname_info: 'gauge',
  },
  mysql: {
    mysql_up: 'gauge',
    mysql_global_status_threads_connected: 'gauge', mysql_global_status_threads_running: 'gauge',
    mysql_global_variables_max_connections: 'gauge',
    mysql_global_status_slow_queries: 'counter', mysql_global_status_queries: 'counter', mysql_global_status_questions: 'counter',
    mysql_global_status_aborted_connects: 'counter',
    mysql_slave_status_seconds_behind_master: 'gauge',
  },
  postgres: {
    pg_up: 'gauge',
    pg_stat_database_numbackends: 'gauge', pg_settings_max_connections: 'gauge',
    pg_stat_database_xact_commit: 'counter', pg_stat_database_xact_rollback: 'counter', pg_stat_database_deadlocks: 'counter',
    pg_replication_lag: 'gauge', pg_database_size_bytes: 'gauge',
  },
  redis: {
    redis_up: 'gauge',
    redis_memory_used_bytes: 'gauge', redis_memory_max_bytes: 'gauge',
    redis_connected_clients: 'gauge', redis_blocked_clients: 'gauge',
    redis_keyspace_hits_total: 'counter', redis_keyspace_misses_total: 'counter',
    redis_evicted_keys_total: 'counter', redis_commands_processed_total: 'counter', redis_rejected_connections_total: 'counter',
  },
  blackbox: {
    probe_success: 'gauge', probe_duration_seconds: 'gauge', probe_http_status_code: 'gauge',
    probe_http_duration_seconds: 'gauge', probe_ssl_earliest_cert_expiry: 'gauge', probe_dns_lookup_time_seconds: 'gauge',
  },
  cadvisor: {
    container_cpu_usage_seconds_total: 'counter', container_memory_usage_bytes: 'gauge', container_memory_working_set_bytes: 'gauge',
    container_spec_memory_limit_bytes: 'gauge', container_last_seen: 'gauge', container_start_time_seconds: 'gauge',
    container_network_receive_bytes_total: 'counter', container_network_transmit_bytes_total: 'counter',
  },
  'kube-state-metrics': {
    kube_horizontalpodautoscaler_status_current_replicas: 'gauge', kube_horizontalpodautoscaler_status_desired_replicas: 'gauge',
    kube_horizontalpodautoscaler_spec_max_replicas: 'gauge', kube_horizontalpodautoscaler_spec_min_replicas: 'gauge',
    kube_deployment_status_replicas_available: 'gauge', kube_pod_container_status_restarts_total: 'counter',
  },
  keda: {
    keda_scaler_detail_errors_total: 'counter', keda_scaled_object_paused: 'gauge', keda_scaler_metrics_value: 'gauge',
    keda_scaled_object_errors_total: 'counter',
  },
  prometheus: {
    prometheus_tsdb_head_series: 'gauge', prometheus_rule_evaluation_failures_total: 'counter',
    prometheus_notifications_dropped_total: 'counter', prometheus_notifications_queue_length: 'gauge',
    prometheus_notifications_queue_capacity: 'gauge', prometheus_config_last_reload_successful: 'gauge',
    prometheus_target_scrapes_exceeded_sample_limit_total: 'counter', prometheus_rule_group_iterations_missed_total: 'counter',
  },
  alertmanager: {
    alertmanager_notifications_failed_total: 'counter', alertmanager_notifications_total: 'counter',
    alertmanager_config_last_reload_successful: 'gauge', alertmanager_alerts: 'gauge',
  },
  grafana: {
    grafana_http_request_duration_seconds: 'histogram', grafana_alerting_active_alerts: 'gauge',
  },
};
