import { alertList, defineDashboard, gauge, heatmap, row, stat, timeseries } from '#schemas';

/*
 * The Autonomica monitoring README's three views: system (host and
 * containers), application (API, frontend, worker) and database (PostgreSQL
 * and Redis). Thresholds are the README's alert thresholds: CPU 80%, memory
 * and disk 85%, API errors 5%, P95 2 s, Redis memory 85%.
 */

const FOLDER = 'Autonomica';
const NODE = 'job="autonomica-node", instance=~"$instance"';
const CADVISOR = 'job="autonomica-cadvisor", name!=""';
const API = 'job="autonomica-api"';
const PG = 'job="postgres"';
const REDIS = 'job="autonomica-redis"';
const FS = `fstype!~"tmpfs|overlay", ${NODE}`;

const links = [
  { dashboard: 'autonomica-system', title: 'System' },
  { dashboard: 'autonomica-application', title: 'Application' },
  { dashboard: 'autonomica-database', title: 'Database' },
];
const upMappings = { '0': { text: 'DOWN', color: 'red' as const }, '1': { text: 'UP', color: 'green' as const } };
const rate = (selector: string) => `sum(rate(${selector}[$__rate_interval]))`;

export const autonomicaSystem = defineDashboard({
  id: 'autonomica-system',
  title: 'Autonomica System',
  description: 'The Autonomica host (node exporter) and its containers (cAdvisor).',
  folder: FOLDER,
  tags: ['autonomica'],
  refresh: '30s',
  time: '6h',
  links,
  variables: [{ name: 'instance', query: 'label_values(node_uname_info{job="autonomica-node"}, instance)' }],
  alertAnnotations: { service: 'autonomica-host' },
  panels: [
    row({
      title: 'Host',
      panels: [
        gauge({
          title: 'CPU busy',
          description: 'Share of CPU time not idle; AutonomicaHighCPU fires above 80%.',
          queries: [`1 - avg(rate(node_cpu_seconds_total{mode="idle", ${NODE}}[$__rate_interval]))`],
          unit: 'percentunit',
          min: 0,
          max: 1,
          thresholds: { yellow: 0.7, red: 0.8 },
          width: 8,
        }),
        gauge({
          title: 'Memory used',
          description: 'Memory not available to new processes; the alert fires above 85%.',
          queries: [`1 - sum(node_memory_MemAvailable_bytes{${NODE}}) / sum(node_memory_MemTotal_bytes{${NODE}})`],
          unit: 'percentunit',
          min: 0,
          max: 1,
          thresholds: { yellow: 0.75, red: 0.85 },
          width: 8,
        }),
        gauge({
          title: 'Fullest disk',
          description: 'Used share of the fullest real filesystem; AutonomicaHighDiskUsage fires above 85%.',
          queries: [`max(1 - node_filesystem_avail_bytes{${FS}} / node_filesystem_size_bytes{${FS}})`],
          unit: 'percentunit',
          min: 0,
          max: 1,
          thresholds: { yellow: 0.75, red: 0.85 },
          width: 8,
        }),
        timeseries({
          title: 'Load average',
          description: 'Runnable and waiting processes, averaged over 1, 5 and 15 minutes.',
          queries: [
            { expr: `node_load1{${NODE}}`, legend: '1m' },
            { expr: `node_load5{${NODE}}`, legend: '5m' },
            { expr: `node_load15{${NODE}}`, legend: '15m' },
          ],
          unit: 'short',
        }),
        timeseries({
          title: 'Network',
          description: 'Bytes received and sent per second on every interface but loopback.',
          queries: [
            { expr: rate(`node_network_receive_bytes_total{device!="lo", ${NODE}}`), legend: 'received' },
            { expr: rate(`node_network_transmit_bytes_total{device!="lo", ${NODE}}`), legend: 'sent' },
          ],
          unit: 'Bps',
        }),
        timeseries({
          title: 'Disk I/O',
          description: 'Bytes read and written per second.',
          queries: [
            { expr: rate(`node_disk_read_bytes_total{${NODE}}`), legend: 'read' },
            { expr: rate(`node_disk_written_bytes_total{${NODE}}`), legend: 'written' },
          ],
          unit: 'Bps',
        }),
        timeseries({
          title: 'Filesystems',
          description: 'Used share of each real filesystem.',
          queries: [{ expr: `1 - node_filesystem_avail_bytes{${FS}} / node_filesystem_size_bytes{${FS}}`, legend: '{{mountpoint}}' }],
          unit: 'percentunit',
          min: 0,
          max: 1,
          thresholds: { yellow: 0.75, red: 0.85 },
        }),
      ],
    }),
    row({
      title: 'Containers',
      panels: [
        timeseries({
          title: 'Container CPU',
          description: 'CPU cores used by each container.',
          queries: [{ expr: `sum by (name) (rate(container_cpu_usage_seconds_total{${CADVISOR}}[$__rate_interval]))`, legend: '{{name}}' }],
          unit: 'short',
        }),
        timeseries({
          title: 'Container memory',
          description: 'Working set of each container: what the kernel would not reclaim.',
          queries: [{ expr: `sum by (name) (container_memory_working_set_bytes{${CADVISOR}})`, legend: '{{name}}' }],
          unit: 'bytes',
        }),
        timeseries({
          title: 'Container restarts',
          description: 'Restarts of each container over 15 minutes; ContainerRestartingFrequently fires above 3.',
          queries: [{ expr: `changes(container_start_time_seconds{${CADVISOR}}[15m])`, legend: '{{name}}' }],
          unit: 'short',
          thresholds: { yellow: 1, red: 3 },
          width: 24,
        }),
      ],
    }),
  ],
});

const apiErrorRatio = `${rate(`http_requests_total{${API}, status=~"5.."}`)} / ${rate(`http_requests_total{${API}}`)}`;
const apiQuantile = (q: number) => `histogram_quantile(${q}, sum by (le) (rate(http_request_duration_seconds_bucket{${API}}[$__rate_interval])))`;

export const autonomicaApplication = defineDashboard({
  id: 'autonomica-application',
  title: 'Autonomica Application',
  description: 'The API, frontend and worker: health, request rate, errors and response times.',
  folder: FOLDER,
  tags: ['autonomica'],
  refresh: '30s',
  time: '6h',
  links: [...links, { dashboard: 'slos', vars: { slo: 'autonomica-availability' }, title: 'SLO availability' }, { dashboard: 'slos', vars: { slo: 'autonomica-latency' }, title: 'SLO latency' }],
  alertAnnotations: { team: 'autonomica' },
  panels: [
    row({
      title: 'Health',
      panels: [
        stat({ title: 'API', description: 'Whether Prometheus scrapes the API.', queries: [`min(up{${API}})`], mappings: upMappings, width: 4 }),
        stat({ title: 'Frontend', description: 'Whether Prometheus scrapes the frontend.', queries: ['min(up{job="autonomica-frontend"})'], mappings: upMappings, width: 4 }),
        stat({ title: 'Worker', description: 'Whether Prometheus scrapes the worker.', queries: ['min(up{job="autonomica-worker"})'], mappings: upMappings, width: 4 }),
        stat({
          title: 'Availability budget left',
          description: 'Error budget of the 99.5% availability SLO left over 30 days.',
          queries: ['slo:period_error_budget_remaining:ratio{slo="autonomica-availability"}'],
          unit: 'percentunit',
          thresholds: { yellow: 0.5, red: 0.2 },
          width: 6,
        }),
        stat({
          title: 'Latency budget left',
          description: 'Error budget of the 95%-within-2-s SLO left over 30 days.',
          queries: ['slo:period_error_budget_remaining:ratio{slo="autonomica-latency"}'],
          unit: 'percentunit',
          thresholds: { yellow: 0.5, red: 0.2 },
          width: 6,
        }),
      ],
    }),
    row({
      title: 'API',
      panels: [
        timeseries({
          title: 'Requests by status',
          description: 'API requests per second, by status.',
          queries: [{ expr: `sum by (status) (rate(http_requests_total{${API}}[$__rate_interval]))`, legend: '{{status}}' }],
          unit: 'reqps',
          stack: true,
          width: 8,
        }),
        timeseries({
          title: 'Error ratio',
          description: 'Share of API requests answered with a 5xx; the README\'s alert threshold is 5%.',
          queries: [{ expr: apiErrorRatio, legend: '5xx' }],
          unit: 'percentunit',
          thresholds: { yellow: 0.01, red: 0.05 },
          width: 8,
        }),
        timeseries({
          title: 'Response time percentiles',
          description: 'P50, P95 and P99 of API response time; P95 above 2 s is the README\'s alert.',
          queries: [
            { expr: apiQuantile(0.5), legend: 'p50' },
            { expr: apiQuantile(0.95), legend: 'p95' },
            { expr: apiQuantile(0.99), legend: 'p99' },
          ],
          unit: 's',
          thresholds: { yellow: 1, red: 2 },
          width: 8,
        }),
        heatmap({
          title: 'Response time distribution',
          description: 'API requests per latency bucket over time.',
          queries: [{ expr: `sum by (le) (increase(http_request_duration_seconds_bucket{${API}}[$__rate_interval]))`, legend: '{{le}}' }],
          unit: 's',
          width: 24,
        }),
        alertList({ title: 'Alerts', description: 'Firing and pending alerts of the Autonomica team.', labels: { team: 'autonomica' }, width: 24, height: 6 }),
      ],
    }),
  ],
});

export const autonomicaDatabase = defineDashboard({
  id: 'autonomica-database',
  title: 'Autonomica Database',
  description: 'PostgreSQL connections and transactions, Redis memory and operations.',
  folder: FOLDER,
  tags: ['autonomica'],
  refresh: '30s',
  time: '6h',
  links,
  alertAnnotations: { team: 'autonomica' },
  panels: [
    row({
      title: 'PostgreSQL',
      panels: [
        stat({ title: 'PostgreSQL', description: 'Whether postgres_exporter reaches the database.', queries: [`min(pg_up{${PG}})`], mappings: upMappings, width: 6 }),
        stat({
          title: 'Connections used',
          description: 'Backends over max_connections; AutonomicaPostgresHighConnections fires above 80%.',
          queries: [`sum(pg_stat_database_numbackends{${PG}}) / max(pg_settings_max_connections{${PG}})`],
          unit: 'percentunit',
          thresholds: { yellow: 0.6, red: 0.8 },
          graph: true,
          width: 6,
        }),
        stat({
          title: 'Database size',
          description: 'Size of the autonomica database.',
          queries: [`sum(pg_database_size_bytes{${PG}, datname="autonomica"})`],
          unit: 'bytes',
          width: 6,
        }),
        stat({
          title: 'Deadlocks',
          description: 'Deadlocks over the time range shown.',
          queries: [`sum(increase(pg_stat_database_deadlocks{${PG}}[$__range]))`],
          unit: 'short',
          thresholds: { yellow: 1, red: 5 },
          width: 6,
        }),
        timeseries({
          title: 'Connections by database',
          description: 'Backends per database, and the server\'s max_connections.',
          queries: [
            { expr: `sum by (datname) (pg_stat_database_numbackends{${PG}})`, legend: '{{datname}}' },
            { expr: `max(pg_settings_max_connections{${PG}})`, legend: 'max_connections' },
          ],
          unit: 'short',
        }),
        timeseries({
          title: 'Transactions',
          description: 'Commits and rollbacks per second.',
          queries: [
            { expr: rate(`pg_stat_database_xact_commit{${PG}}`), legend: 'commits' },
            { expr: rate(`pg_stat_database_xact_rollback{${PG}}`), legend: 'rollbacks' },
          ],
          unit: 'ops',
        }),
      ],
    }),
    row({
      title: 'Redis',
      panels: [
        stat({ title: 'Redis', description: 'Whether redis_exporter reaches Redis.', queries: [`min(redis_up{${REDIS}})`], mappings: upMappings, width: 6 }),
        stat({
          title: 'Memory used',
          description: 'Used memory over maxmemory; AutonomicaRedisHighMemory fires above 85%.',
          queries: [`max(redis_memory_used_bytes{${REDIS}} / (redis_memory_max_bytes{${REDIS}} > 0))`],
          unit: 'percentunit',
          thresholds: { yellow: 0.75, red: 0.85 },
          graph: true,
          width: 6,
        }),
        stat({
          title: 'Hit rate',
          description: 'Keyspace lookups that found their key.',
          queries: [`${rate(`redis_keyspace_hits_total{${REDIS}}`)} / (${rate(`redis_keyspace_hits_total{${REDIS}}`)} + ${rate(`redis_keyspace_misses_total{${REDIS}}`)})`],
          unit: 'percentunit',
          thresholds: { yellow: 0.9, red: 0.8 },
          width: 6,
        }),
        stat({ title: 'Clients', description: 'Connected clients.', queries: [`sum(redis_connected_clients{${REDIS}})`], unit: 'short', width: 6 }),
        timeseries({
          title: 'Commands',
          description: 'Commands processed per second.',
          queries: [{ expr: rate(`redis_commands_processed_total{${REDIS}}`), legend: 'commands' }],
          unit: 'ops',
        }),
        timeseries({
          title: 'Evictions and rejections',
          description: 'Keys evicted and connections rejected per second.',
          queries: [
            { expr: rate(`redis_evicted_keys_total{${REDIS}}`), legend: 'evicted keys' },
            { expr: rate(`redis_rejected_connections_total{${REDIS}}`), legend: 'rejected connections' },
          ],
          unit: 'ops',
        }),
      ],
    }),
  ],
});
