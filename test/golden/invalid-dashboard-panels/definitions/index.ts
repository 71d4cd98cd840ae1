import { defineDashboard, defineProject, defineService, timeseries } from '#schemas';

const api = defineService({
  id: 'api',
  team: 'web',
  endpoints: [{ job: 'api', targets: ['api:8000'] }],
  metrics: { http_requests_total: 'counter' },
});

const overview = defineDashboard({
  id: 'api-overview',
  title: 'API overview',
  folder: 'Web',
  panels: [
    timeseries({ title: 'Requests', description: 'Total requests.', unit: 'short', queries: ['sum(http_requests_total{job="api"})'] }),
    timeseries({ title: 'Rate', unit: 'reqps', queries: ['sum(rate(http_requests_total{job="api"}[$__rate_interval]))'] }),
    timeseries({ title: 'Per second', description: 'Requests per second.', unit: 'requests', queries: ['sum(rate(http_requests_total{job="api"}[$__rate_interval]))'] }),
    timeseries({ title: 'Empty', description: 'Nothing yet.', unit: 'reqps', queries: [] }),
    timeseries({ title: 'Typo', description: 'A misspelt metric.', unit: 'reqps', queries: ['sum(rate(http_requets_total{job="api"}[$__rate_interval]))'] }),
  ],
});

export default defineProject({
  name: 'invalid-dashboard-panels',
  targets: { prometheus: '2.42.0', alertmanager: '0.25.0', grafana: '11.3.0', kubernetes: '1.30' },
  grafana: { datasource: { url: 'http://prometheus:9090' }, serviceDashboards: false, sloDashboards: false, infrastructure: false },
  // The panel rules are warnings by default; a project that wants clean dashboards makes them errors.
  lint: {
    'dashboard/counter-rate': 'error',
    'dashboard/panel-title-description': 'error',
    'dashboard/panel-units': 'error',
    'dashboard/panel-no-targets': 'error',
    'dashboard/unknown-metric': 'error',
  },
  services: [api],
  dashboards: [overview],
});
