import { defineDashboard, defineProject, defineService, row, stat, text, timeseries } from '#schemas';

const api = defineService({
  id: 'api',
  team: 'web',
  endpoints: [{ job: 'api', targets: ['api-1:8000', 'api-2:8000'] }],
  metrics: { http_requests_total: 'counter', process_start_time_seconds: 'gauge' },
});

const SEL = 'job=~"$job", instance=~"$instance"';

/** Open and collapsed rows, job and instance variables, links both ways, alert and deploy annotations. */
const overview = defineDashboard({
  id: 'web-overview',
  title: 'Web overview',
  description: 'Rows, variables, links and annotations.',
  folder: 'Web',
  refresh: '10s',
  time: '48h',
  variables: [
    { name: 'job', query: 'label_values(up{service="api"}, job)' },
    { name: 'instance', label: 'Host', query: 'label_values(up{service="api", job=~"$job"}, instance)', includeAll: false, multi: false },
  ],
  links: [{ dashboard: 'web-details' }, { url: 'https://runbooks.example.org/web', title: 'Runbook' }],
  alertAnnotations: { service: 'api' },
  annotations: [{ name: 'Restarts', expr: `changes(process_start_time_seconds{${SEL}}[$__rate_interval]) > 0`, title: '{{instance}} restarted', color: 'purple' }],
  panels: [
    stat({ title: 'Targets up', description: 'Targets answering their scrape.', queries: [`sum(up{${SEL}})`], unit: 'short', width: 24, height: 3 }),
    row({
      title: 'Traffic',
      panels: [
        timeseries({ title: 'Requests', description: 'Requests per second.', queries: [{ expr: `sum(rate(http_requests_total{${SEL}}[$__rate_interval]))`, legend: 'requests' }], unit: 'reqps', width: 16 }),
        stat({ title: 'Peak', description: 'Highest request rate in the range.', queries: [`max_over_time(sum(rate(http_requests_total{${SEL}}[$__rate_interval]))[$__range:])`], unit: 'reqps', width: 8, height: 8 }),
        timeseries({ title: 'Requests by code', description: 'Requests per second by code.', queries: [{ expr: `sum by (code) (rate(http_requests_total{${SEL}}[$__rate_interval]))`, legend: '{{code}}' }], unit: 'reqps', width: 24 }),
      ],
    }),
    row({
      title: 'Notes',
      collapsed: true,
      panels: [
        text({ title: 'On call', description: 'Who to call.', content: 'Page **web** on call.' }),
      ],
    }),
  ],
});

/** Links back; its panels have no units, and the dashboard says why the rule is off. */
const details = defineDashboard({
  id: 'web-details',
  title: 'Web details',
  folder: 'Web internals',
  links: [{ dashboard: 'web-overview', title: 'Back to the overview' }],
  lint: { 'dashboard/panel-units': 'raw counts shown as they are, for debugging' },
  panels: [
    timeseries({ title: 'Scrape samples', description: 'Samples per scrape of each target.', queries: [{ expr: 'scrape_samples_scraped{job="api"}', legend: '{{instance}}' }] }),
  ],
});

export default defineProject({
  name: 'grafana-rows-variables-links',
  targets: { prometheus: '2.42.0', alertmanager: '0.25.0', grafana: '11.0.0', kubernetes: '1.30' },
  grafana: {
    datasource: { name: 'Prom', uid: 'prom-main', url: 'https://prometheus.monitoring:9090', basicAuth: { username: 'grafana', passwordFile: '/etc/grafana/secrets/prometheus-password' } },
    dashboardsPath: '/etc/grafana/dashboards',
    serviceDashboards: false,
    sloDashboards: false,
    infrastructure: false,
  },
  services: [api],
  dashboards: [overview, details],
});
