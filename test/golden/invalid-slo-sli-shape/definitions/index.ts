import { defineProject, defineService, defineSlo } from '#schemas';

/** SLIs of the wrong shape, refused by the schema: each at the field that holds it. */
const noWindow = defineSlo({
  id: 'checkout-no-window',
  objective: 99.9,
  sli: { ratio: { errors: 'sum(rate(http_requests_total{code=~"5.."}[5m]))', total: 'sum(rate(http_requests_total[$window]))' } },
});

const bothNumerators = defineSlo({
  id: 'checkout-both',
  objective: 99.9,
  sli: { ratio: { errors: 'sum(rate(http_requests_total{code=~"5.."}[$window]))', good: 'sum(rate(http_requests_total{code!~"5.."}[$window]))', total: 'sum(rate(http_requests_total[$window]))' } },
});

const neitherEvents = defineSlo({
  id: 'checkout-neither',
  objective: 99.9,
  sli: { events: { total: 'http_requests_total{job="checkout"}' } },
});

const checkout = defineService({
  id: 'checkout',
  team: 'payments',
  endpoints: [{ job: 'checkout', targets: ['checkout:8000'] }],
  metrics: { http_requests_total: 'counter' },
  slos: [noWindow, bothNumerators, neitherEvents],
});

export default defineProject({
  name: 'invalid-slo-sli-shape',
  targets: { prometheus: '2.42.0', alertmanager: '0.25.0', grafana: '11.3.0', kubernetes: '1.30' },
  services: [checkout],
});
