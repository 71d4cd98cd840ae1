import { defineProject, defineService, defineSlo } from '#schemas';

/** SLIs the SLO's rules cannot be built from: each is reported once, at the field that holds it. */
const notASelector = defineSlo({
  id: 'checkout-availability',
  objective: 99.9,
  sli: { events: { errors: 'sum(rate(http_requests_total{job="checkout", code=~"5.."}[5m]))', total: 'http_requests_total{job="checkout"' } },
});

const badRegex = defineSlo({
  id: 'checkout-errors',
  objective: 99,
  sli: { events: { errors: 'http_requests_total{job="checkout", code=~"5.("}', total: 'http_requests_total{job="checkout"}' } },
});

// A range would be a second window: the rules write rate(x[5m][5m]), which Prometheus refuses.
const withRange = defineSlo({
  id: 'checkout-requests',
  objective: 99,
  sli: { events: { errors: 'http_requests_total{job="checkout", code=~"5.."}[5m]', total: 'http_requests_total{job="checkout"}' } },
});

const quoteInMatcher = defineSlo({
  id: 'checkout-latency',
  objective: 99,
  sli: { latency: { histogram: 'http_request_duration_seconds', matchers: { job: 'check"out' }, threshold: 0.25 } },
});

const checkout = defineService({
  id: 'checkout',
  team: 'payments',
  endpoints: [{ job: 'checkout', targets: ['checkout:8000'] }],
  metrics: { http_requests_total: 'counter', http_request_duration_seconds: 'histogram' },
  slos: [notASelector, badRegex, withRange, quoteInMatcher],
});

export default defineProject({
  name: 'invalid-slo-sli',
  targets: { prometheus: '2.42.0', alertmanager: '0.25.0', grafana: '11.3.0', kubernetes: '1.30' },
  services: [checkout],
});
