import { defineAlert, defineProject, defineService } from '#schemas';

const noComparison = defineAlert({
  alert: 'ApiErrors',
  expr: 'sum by (job) (rate(api_requests_total{job=~"api"}[15s]))',
  severity: 'critical',
  summary: 'API errors',
});

const rawCounter = defineAlert({
  alert: 'ApiTooManyRequests',
  expr: 'api_requests_total{job=~"^api$"} > 1e6 unless api_queue_depth > 0',
  for: '5m',
  severity: 'warning',
});

const api = defineService({
  id: 'api',
  team: 'web',
  endpoints: [{ job: 'api', targets: ['api:8000'] }],
  metrics: { api_requests_total: 'counter' },
  ruleGroups: [{ name: 'api', alerts: [noComparison, rawCounter] }],
});

export default defineProject({
  name: 'lint-rules-warnings',
  targets: { prometheus: '2.42.0', alertmanager: '0.25.0', grafana: '11.3.0', kubernetes: '1.30' },
  services: [api],
});
