import { defineAlert, defineDashboard, defineProject, defineService, stat } from '#schemas';

const api = defineService({
  id: 'api',
  team: 'web',
  endpoints: [{ job: 'api', targets: ['api:8000'] }],
  ruleGroups: [{
    name: 'api',
    alerts: [defineAlert({
      alert: 'ApiDown',
      expr: 'up{job="api"} == 0',
      for: '1m',
      severity: 'critical',
      summary: 'The API is down',
      dashboard: 'api-overveiw',
    })],
  }],
});

const up = stat({ title: 'Up', description: 'Targets up.', queries: ['sum(up{job="api"})'], unit: 'short' });

const clash = defineDashboard({
  id: 'api',
  title: 'API',
  folder: 'Web',
  panels: [up],
});

const overview = defineDashboard({
  id: 'api-overview',
  title: 'API',
  folder: 'Web',
  variables: [{ name: 'job', query: 'label_values(up, job)' }, { name: 'job', query: 'label_values(up, job)' }],
  links: [{ dashboard: 'api-detail' }],
  lint: { 'dashboard/units': 'spelled wrong' },
  panels: [up],
});

export default defineProject({
  name: 'invalid-dashboard-structure',
  targets: { prometheus: '2.42.0', alertmanager: '0.25.0', grafana: '11.3.0', kubernetes: '1.30' },
  links: { grafana: 'https://grafana.example.org' },
  grafana: { datasource: { url: 'http://prometheus:9090' }, infrastructure: false },
  services: [api],
  dashboards: [clash, overview],
});
