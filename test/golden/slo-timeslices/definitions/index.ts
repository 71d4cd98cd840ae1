import { defineProject, defineService, defineSlo } from '#schemas';

/** OpenSLO's Timeslices: 99% of the minutes of 28 days have a p99 latency of at most 300 ms. */
const fastMinutes = defineSlo({
  id: 'search-fast-minutes',
  objective: 99,
  period: '28d',
  sli: {
    timeslices: {
      slice: '1m',
      query: 'histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket{job="search"}[$window])))',
      op: '<=',
      threshold: 0.3,
    },
  },
  // The SLI form is this case's subject (the tiers are the same for every SLI): the fast page alone keeps
  // its scenarios to hours of history.
  tiers: { slowPage: false, fastTicket: false, slowTicket: false },
  noDataFor: '15m',
  runbook: { mitigation: 'Scale the search replicas out.' },
});

/** Per shard: a five-minute slice is good while the shard answers at least 95% of its queries. */
const shardsAnswer = defineSlo({
  id: 'search-shards-answer',
  objective: 99.5,
  groupBy: ['shard'],
  sli: {
    timeslices: {
      slice: '5m',
      query: 'sum by (shard) (rate(search_shard_answers_total[$window])) / sum by (shard) (rate(search_shard_queries_total[$window]))',
      op: '>=',
      threshold: 0.95,
    },
  },
  tiers: { slowPage: false, fastTicket: false, slowTicket: false },
  runbook: { mitigation: 'Rebuild the shard that stopped answering.' },
});

const search = defineService({
  id: 'search',
  team: 'discovery',
  endpoints: [{ job: 'search', targets: ['search:8000'] }],
  metrics: { http_request_duration_seconds: 'histogram', search_shard_answers_total: 'counter', search_shard_queries_total: 'counter' },
  slos: [fastMinutes, shardsAnswer],
});

export default defineProject({
  name: 'slo-timeslices',
  targets: { prometheus: '2.42.0', alertmanager: '0.25.0', grafana: '11.3.0', kubernetes: '1.30' },
  links: { runbooks: 'https://runbooks.example.org' },
  services: [search],
});
