import { defineProject, defineService } from '#schemas';

// Five recording rules in one group, for a Mimir whose operator allows two per group: written as three groups.
const api = defineService({
  id: 'api',
  team: 'web',
  endpoints: [{ job: 'api', targets: ['api:8000'], metricsPath: '/metrics' }],
  metrics: { http_requests_total: 'counter' },
  ruleGroups: [{
    name: 'api-rates',
    records: ['1m', '5m', '30m', '1h', '6h'].map((window) => ({
      record: `job:http_requests:rate${window}`,
      expr: `sum by (job) (rate(http_requests_total{job="api"}[${window}]))`,
    })),
  }],
});

export default defineProject({
  name: 'rules-mimir-split',
  targets: { prometheus: '2.42.0', alertmanager: '0.25.0', grafana: '11.3.0', kubernetes: '1.30' },
  rules: { evaluation: { engine: 'mimir' }, limits: { mimir: { rulesPerGroup: 2, overflow: 'split' } } },
  services: [api],
});
