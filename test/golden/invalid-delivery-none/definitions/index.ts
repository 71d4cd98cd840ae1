import { defineAlert, defineProject, defineService } from '#schemas';

const slow = defineAlert({
  alert: 'ApiSlow', expr: 'sum(rate(http_request_duration_seconds_sum{job="api"}[5m])) / sum(rate(http_request_duration_seconds_count{job="api"}[5m])) > 1',
  for: '10m', severity: 'warning', summary: 'The API is slow', runbookUrl: 'https://runbooks.example.org/api#apislow',
});

const api = defineService({
  id: 'api',
  team: 'shop',
  endpoints: [{ job: 'api', targets: ['api:8000'] }],
  ruleGroups: [{ name: 'api', alerts: [slow] }],
});

/** Files turned off and nothing else declared; a prometheus-operator delivery needs the operator's version; the cluster label is no external label. */
export default defineProject({
  name: 'invalid-delivery-none',
  targets: { prometheus: '2.42.0', alertmanager: '0.25.0', grafana: '11.3.0', kubernetes: '1.30' },
  delivery: { files: false },
  prometheus: { externalLabels: { region: 'eu' } },
  rules: { evaluation: { engine: 'thanos' }, clusterLabel: 'cluster' },
  services: [api],
});
