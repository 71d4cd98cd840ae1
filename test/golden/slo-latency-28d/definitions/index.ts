import { defineProject, defineService, defineSlo } from '#schemas';

const latency = defineSlo({
  id: 'search-latency',
  description: '95% of search requests answer within 200 ms',
  objective: 95,
  period: '28d',
  sli: { latency: { histogram: 'search_request_duration_seconds', matchers: { job: 'search' }, threshold: 0.2 } },
  groupBy: ['namespace'],
  labels: { category: 'latency' },
  tiers: { slowTicket: { for: '2h' } },
});

const search = defineService({
  id: 'search',
  team: 'discovery',
  endpoints: [{ job: 'search', targets: ['search:8000'] }],
  metrics: { search_request_duration_seconds: 'histogram' },
  slos: [latency],
});

export default defineProject({
  name: 'slo-latency-28d',
  targets: { prometheus: '2.42.0', alertmanager: '0.25.0', grafana: '11.3.0', kubernetes: '1.30' },
  links: { runbooks: 'https://runbooks.example.org' },
  services: [search],
});
