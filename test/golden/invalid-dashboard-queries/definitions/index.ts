import { defineDashboard, defineProject, defineService, stat, timeseries } from '#schemas';

const api = defineService({
  id: 'api',
  team: 'web',
  endpoints: [{ job: 'api', targets: ['api:8000'] }],
  metrics: { http_requests_total: 'counter' },
});

const broken = defineDashboard({
  id: 'api-overview',
  title: 'API overview',
  folder: 'Web',
  variables: [{ name: 'job', query: 'label_values(up, job)' }],
  panels: [
    timeseries({
      title: 'Raw rate',
      description: 'rate() over an instant vector: Prometheus refuses it.',
      unit: 'reqps',
      queries: ['sum(rate(http_requests_total{job=~"$job"}))'],
    }),
    timeseries({
      title: 'Requests',
      description: 'Requests per second.',
      unit: 'reqps',
      queries: ['sum(rate(http_requests_total{job=~"$job"}[5m]))'],
    }),
    timeseries({
      title: 'Errors',
      description: 'Failed requests per second.',
      unit: 'reqps',
      queries: ['sum(rate(http_requests_total{job=~"$job", code=~"5.."}[$__rate_interval])'],
    }),
    stat({
      title: 'Instances',
      description: 'Targets up.',
      unit: 'short',
      queries: ['count(up{job=~"$job", instance=~"$instance"})'],
    }),
  ],
});

export default defineProject({
  name: 'invalid-dashboard-queries',
  targets: { prometheus: '2.42.0', alertmanager: '0.25.0', grafana: '11.3.0', kubernetes: '1.30' },
  grafana: { datasource: { url: 'http://prometheus:9090' }, serviceDashboards: false },
  services: [api],
  dashboards: [broken],
});
