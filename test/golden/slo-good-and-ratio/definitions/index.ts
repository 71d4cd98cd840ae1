import { defineProject, defineService, defineSlo } from '#schemas';

/** Good events over all: OpenSLO's ratioMetric.good, a counter of successes. */
const good = defineSlo({
  id: 'checkout-good',
  objective: 99.9,
  sli: { events: { good: 'http_requests_total{job="checkout", code!~"5.."}', total: 'http_requests_total{job="checkout"}' } },
  // Sloth's alerting labels and annotations: on every alert, and on the page alerts only.
  alerting: { labels: { category: 'availability' }, annotations: { summary: 'Checkout requests fail' }, page: { labels: { pager: 'payments' } } },
  // Low traffic: no tier alerts on fewer than 500 requests in its long window.
  minEvents: 500,
  runbook: { mitigation: 'Roll back the last deploy.' },
});

/** A ratio of queries that are not one selector over another (5xx and 429 count as errors), grouped per route. */
const perRoute = defineSlo({
  id: 'checkout-routes',
  objective: 99,
  groupBy: ['route'],
  sli: {
    ratio: {
      errors: 'sum by (route) (rate(http_requests_total{job="checkout", code=~"5.."}[$window]) or rate(http_requests_total{job="checkout", code="429"}[$window]))',
      total: 'sum by (route) (rate(http_requests_total{job="checkout"}[$window]))',
      sample: { bad: 'http_requests_total{job="checkout", code="500"}', good: 'http_requests_total{job="checkout", code="200"}' },
    },
  },
  // The SLI forms are this case's subject: without the 3-day ticket, its scenarios need a day of history, not three.
  tiers: { slowTicket: false },
  runbook: { mitigation: 'Roll back the last deploy.' },
});

/** Good over total as queries, in the accurate mode: every window is a raw rate of the queries. */
const goodQueries = defineSlo({
  id: 'checkout-accurate',
  objective: 99.5,
  longWindows: 'accurate',
  sli: {
    ratio: {
      good: 'sum(rate(http_requests_total{job="checkout", code=~"2..|3.."}[$window]))',
      total: 'sum(rate(http_requests_total{job="checkout"}[$window]))',
    },
  },
  // The SLI forms are this case's subject: without the 3-day ticket, its scenarios need a day of history, not three.
  tiers: { slowTicket: false },
  runbook: { mitigation: 'Roll back the last deploy.' },
});

/** A precomputed error ratio, as Sloth's raw SLI writes it. */
const raw = defineSlo({
  id: 'checkout-raw',
  objective: 99,
  sli: { ratio: { errorRatio: 'sum(rate(checkout_failures_total[$window])) / sum(rate(checkout_attempts_total[$window]))' } },
  // The SLI forms are this case's subject: without the 3-day ticket, its scenarios need a day of history, not three.
  tiers: { slowTicket: false },
  runbook: { mitigation: 'Roll back the last deploy.' },
});

const checkout = defineService({
  id: 'checkout',
  team: 'payments',
  endpoints: [{ job: 'checkout', targets: ['checkout:8000'] }],
  metrics: { http_requests_total: 'counter', checkout_failures_total: 'counter', checkout_attempts_total: 'counter' },
  slos: [good, perRoute, goodQueries, raw],
});

export default defineProject({
  name: 'slo-good-and-ratio',
  targets: { prometheus: '2.42.0', alertmanager: '0.25.0', grafana: '11.3.0', kubernetes: '1.30' },
  links: { runbooks: 'https://runbooks.example.org' },
  services: [checkout],
});
