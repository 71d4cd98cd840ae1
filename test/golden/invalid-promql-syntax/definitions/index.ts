import { defineProject, defineService } from '#schemas';

const api = defineService({
  id: 'api',
  team: 'web',
  endpoints: [{ job: 'api', targets: ['api:8000'] }],
  metrics: { http_requests_total: 'counter' },
  ruleGroups: [{
    name: 'api',
    records: [{
      record: 'job:http_requests:rate5m',
      expr: 'sum(rate(http_requests_total[5m])) by',
    }],
  }],
});

export default defineProject({
  name: 'invalid-promql-syntax',
  targets: { prometheus: '2.42.0', alertmanager: '0.25.0', grafana: '11.3.0', kubernetes: '1.30' },
  services: [api],
});
