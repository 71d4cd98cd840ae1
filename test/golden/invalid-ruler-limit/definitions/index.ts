import { defineProject, defineService } from '#schemas';

// Twenty-one rules in one group: more than a Mimir ruler takes by default (-ruler.max-rules-per-rule-group 20).
const api = defineService({
  id: 'api',
  team: 'web',
  endpoints: [{ job: 'api', targets: ['api:8000'] }],
  metrics: { http_requests_total: 'counter' },
  ruleGroups: [
    {
      name: 'api-rates',
      records: Array.from({ length: 21 }, (_, i) => ({
        record: `job:http_requests:rate${i + 1}m`,
        expr: `sum by (job) (rate(http_requests_total{job="api"}[${i + 1}m]))`,
      })),
    },
    // And three groups for a Thanos ruler told to take two.
    ...['a', 'b', 'c'].map((name) => ({
      name: `thanos-${name}`,
      evaluation: { engine: 'thanos' as const },
      records: [{ record: `job:http_requests:sum_${name}`, expr: 'sum by (job) (http_requests_total{job="api"})' }],
    })),
  ],
});

export default defineProject({
  name: 'invalid-ruler-limit',
  targets: { prometheus: '2.42.0', alertmanager: '0.25.0', grafana: '11.3.0', kubernetes: '1.30' },
  rules: { evaluation: { engine: 'mimir' }, limits: { thanos: { groupsPerTenant: 2 } } },
  services: [api],
});
