// Imported by monac import from:
//   input/pyrra/search-latency.yml
//   input/pyrra/search-probe.yml
//   input/pyrra/search-ratio.yml
// Yours to edit from here: the declarations build back to the input.
import { defineService, defineSlo } from '#schemas';

export const search = defineService({
  id: 'search',
  team: 'discovery',
  slos: [
    defineSlo({
      id: 'search-latency',
      objective: 99,
      period: '7d',
      sli: {
        latency: {
          histogram: 'http_request_duration_seconds',
          matchers: { job: 'search' },
          threshold: 0.5,
        },
      },
      groupBy: ['route'],
      alert: 'SearchLatencyBudgetBurn',
      alerting: {
        annotations: { dashboard: 'https://grafana.example.org/d/search' },
      },
      tiers: {
        fastPage: {
          longWindow: '15m',
          shortWindow: '1m',
          burnRate: 14,
          for: '1m',
        },
        slowPage: {
          longWindow: '1h30m',
          shortWindow: '8m',
          burnRate: 7,
          for: '4m',
        },
        fastTicket: {
          longWindow: '6h',
          shortWindow: '30m',
          burnRate: 2,
          for: '15m',
        },
        slowTicket: {
          longWindow: '1d',
          shortWindow: '1h30m',
          burnRate: 1,
          for: '45m',
        },
      },
    }),
    defineSlo({
      id: 'search-probe',
      objective: 99.9,
      sli: {
        availability: {
          metric: 'probe_success',
          matchers: { job: 'search-ready' },
        },
      },
      alert: 'ErrorBudgetBurn',
      tiers: {
        fastPage: false,
        slowPage: false,
        fastTicket: false,
        slowTicket: false,
      },
      noDataFor: '3m',
    }),
    defineSlo({
      id: 'search-errors',
      description: 'Search requests that do not fail with a 5xx.',
      objective: 99.5,
      period: '28d',
      sli: {
        events: {
          errors: 'http_requests_total{job="search", code=~"5.."}',
          total: 'http_requests_total{job="search"}',
        },
      },
      labels: { tier: '1' },
      alert: 'ErrorBudgetBurn',
      tiers: {
        fastPage: {
          longWindow: '1h',
          shortWindow: '5m',
          burnRate: 14,
          for: '2m',
        },
        slowPage: {
          longWindow: '6h',
          shortWindow: '30m',
          burnRate: 7,
          for: '15m',
        },
        fastTicket: {
          longWindow: '1d',
          shortWindow: '2h',
          burnRate: 2,
          for: '1h',
        },
        slowTicket: {
          longWindow: '4d',
          shortWindow: '6h',
          burnRate: 1,
          for: '3h',
        },
      },
      noDataFor: '6m',
    }),
  ],
});
