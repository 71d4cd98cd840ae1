import { alertList, barGauge, defineDashboard, defineProject, defineService, gauge, heatmap, stat, table, text, timeseries } from '#schemas';

const api = defineService({
  id: 'api',
  team: 'web',
  endpoints: [{ job: 'api', targets: ['api:8000'] }],
  metrics: { http_requests_total: 'counter', http_request_duration_seconds: 'histogram', queue_depth: 'gauge' },
});

const SEL = 'job="api"';

/** One panel of every kind the typed layer offers. */
const kinds = defineDashboard({
  id: 'api-panel-kinds',
  title: 'API: every panel kind',
  description: 'A timeseries, stats, a gauge, a bar gauge, a table, a heatmap, text and an alert list.',
  folder: 'Web',
  tags: ['web'],
  panels: [
    stat({ title: 'Up', description: 'Whether the API answers its scrape.', queries: [`min(up{${SEL}})`], mappings: { '0': { text: 'DOWN', color: 'red' }, '1': { text: 'UP', color: 'green' } } }),
    stat({
      title: 'Error ratio',
      description: 'Share of requests answered with a 5xx.',
      queries: [`sum(rate(http_requests_total{${SEL}, code=~"5.."}[$__rate_interval])) / sum(rate(http_requests_total{${SEL}}[$__rate_interval]))`],
      unit: 'percentunit',
      decimals: 2,
      thresholds: { yellow: 0.01, red: 0.05 },
      graph: true,
    }),
    gauge({ title: 'Queue', description: 'Jobs waiting.', queries: [`sum(queue_depth{${SEL}})`], unit: 'short', min: 0, max: 100, thresholds: { yellow: 50, red: 80 } }),
    stat({ title: 'Success ratio', description: 'Share of requests not answered with a 5xx; higher is better.', queries: [`1 - sum(rate(http_requests_total{${SEL}, code=~"5.."}[$__rate_interval])) / sum(rate(http_requests_total{${SEL}}[$__rate_interval]))`], unit: 'percentunit', thresholds: { yellow: 0.99, red: 0.95 } }),
    timeseries({
      title: 'Requests by code',
      description: 'Requests per second, stacked by status code.',
      queries: [{ expr: `sum by (code) (rate(http_requests_total{${SEL}}[$__rate_interval]))`, legend: '{{code}}' }],
      unit: 'reqps',
      stack: true,
      fill: 30,
    }),
    timeseries({
      title: 'Latency P95',
      description: '95th percentile of request duration; the lines mark 0.5 s and 1 s.',
      queries: [{ expr: `histogram_quantile(0.95, sum by (le) (rate(http_request_duration_seconds_bucket{${SEL}}[$__rate_interval])))`, legend: 'p95' }],
      unit: 's',
      thresholds: { yellow: 0.5, red: 1 },
    }),
    barGauge({
      title: 'Requests by instance',
      description: 'Requests per second of each instance.',
      queries: [{ expr: `sum by (instance) (rate(http_requests_total{${SEL}}[$__rate_interval]))`, legend: '{{instance}}' }],
      unit: 'reqps',
      orientation: 'vertical',
    }),
    heatmap({
      title: 'Latency distribution',
      description: 'Requests per latency bucket.',
      queries: [{ expr: `sum by (le) (increase(http_request_duration_seconds_bucket{${SEL}}[$__rate_interval]))`, legend: '{{le}}' }],
      unit: 's',
    }),
    table({
      title: 'Requests and errors per instance',
      description: 'Requests and 5xx answers per instance over the range shown.',
      queries: [
        `sum by (instance) (increase(http_requests_total{${SEL}}[$__range]))`,
        `sum by (instance) (increase(http_requests_total{${SEL}, code=~"5.."}[$__range]))`,
      ],
      unit: 'short',
      columns: { instance: 'Instance', 'Value #A': 'Requests', 'Value #B': 'Errors' },
    }),
    text({ title: 'About', description: 'What this dashboard is for.', content: 'Every panel kind, **laid out** automatically.' }),
    alertList({ title: 'Alerts', description: 'Alerts of the API.', labels: { service: 'api' }, limit: 10 }),
  ],
});

export default defineProject({
  name: 'grafana-panel-kinds',
  targets: { prometheus: '2.42.0', alertmanager: '0.25.0', grafana: '11.3.0', kubernetes: '1.30' },
  grafana: { datasource: { url: 'http://prometheus:9090' }, serviceDashboards: false, sloDashboards: false, infrastructure: false },
  services: [api],
  dashboards: [kinds],
});
