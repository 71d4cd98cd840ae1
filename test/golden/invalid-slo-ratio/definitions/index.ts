import { defineProject, defineService, defineSlo } from '#schemas';

/** Ratio queries the rules cannot be built from, for some window they take: each at the field that holds it. */
const rangeResult = defineSlo({
  id: 'checkout-range',
  objective: 99.9,
  sli: { ratio: { errorRatio: 'rate(http_requests_total{code=~"5.."}[$window])[1h:]' } },
});

const dropsGroup = defineSlo({
  id: 'checkout-grouped',
  objective: 99.9,
  groupBy: ['route'],
  sli: { ratio: { errors: 'sum(rate(http_requests_total{code=~"5.."}[$window]))', total: 'sum by (route) (rate(http_requests_total[$window]))' } },
});

const syntax = defineSlo({
  id: 'checkout-syntax',
  objective: 99.9,
  sli: { ratio: { successRatio: 'sum(rate(http_requests_total{code!~"5.."}[$window]) / sum(rate(http_requests_total[$window]))' } },
});

const probeMinEvents = defineSlo({
  id: 'checkout-probe',
  objective: 99.9,
  sli: { availability: { metric: 'probe_success', matchers: { job: 'checkout-ready' } } },
  minEvents: 100,
});

const checkout = defineService({
  id: 'checkout',
  team: 'payments',
  endpoints: [{ job: 'checkout', targets: ['checkout:8000'] }],
  metrics: { http_requests_total: 'counter' },
  slos: [rangeResult, dropsGroup, syntax, probeMinEvents],
});

export default defineProject({
  name: 'invalid-slo-ratio',
  targets: { prometheus: '2.42.0', alertmanager: '0.25.0', grafana: '11.3.0', kubernetes: '1.30' },
  services: [checkout],
});
