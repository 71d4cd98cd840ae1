// Imported by monac import from input/openslo/timeslices.yml.
// Yours to edit from here: the declarations build back to the input.
import { defineService, defineSlo } from '#schemas';

export const api = defineService({
  id: 'api',
  team: 'api',
  slos: [
    defineSlo({
      id: 'api-latency-minutes',
      objective: 99,
      period: '28d',
      sli: {
        timeslices: {
          slice: '1m',
          query:
            'avg_over_time(((histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket{job="api"}[1m])))) <= bool 0.5)[$window:])',
          op: '>=',
          threshold: 0.95,
        },
      },
    }),
    defineSlo({
      id: 'api-queue-minutes',
      objective: 99.5,
      period: '7d',
      sli: {
        timeslices: {
          slice: '5m',
          query: 'max(max_over_time(api_queue_depth{job="api"}[$window]))',
          op: '<',
          threshold: 100,
        },
      },
    }),
    defineSlo({
      id: 'api-good-minutes',
      objective: 99.9,
      sli: {
        timeslices: {
          slice: '1m',
          query:
            'sum(rate(http_requests_total{job="api", code!~"5.."}[$window])) / sum(rate(http_requests_total{job="api"}[$window]))',
          op: '>=',
          threshold: 0.99,
        },
      },
    }),
  ],
});
