import { defineProject, defineService, defineSlo } from '#schemas';

const query = 'histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket{job="search"}[$window])))';

/** A 10-minute slice: the 5-minute window would often hold no slice. */
const longSlice = defineSlo({
  id: 'search-long-slice',
  objective: 99,
  sli: { timeslices: { slice: '10m', query, op: '<=', threshold: 0.3 } },
});

/** A range vector cannot be compared with the threshold. */
const rangeQuery = defineSlo({
  id: 'search-range-query',
  objective: 99,
  sli: { timeslices: { slice: '1m', query: 'http_request_duration_seconds_count{job="search"}[$window]', op: '<=', threshold: 0.3 } },
});

/** Slices are counted, not requests: there is no traffic to guard on. */
const guarded = defineSlo({
  id: 'search-guarded',
  objective: 99,
  sli: { timeslices: { slice: '1m', query, op: '<=', threshold: 0.3 } },
  minEvents: 100,
});

const search = defineService({
  id: 'search',
  team: 'discovery',
  endpoints: [{ job: 'search', targets: ['search:8000'] }],
  metrics: { http_request_duration_seconds: 'histogram' },
  slos: [longSlice, rangeQuery, guarded],
});

export default defineProject({
  name: 'invalid-slo-timeslices',
  targets: { prometheus: '2.42.0', alertmanager: '0.25.0', grafana: '11.3.0', kubernetes: '1.30' },
  services: [search],
});
