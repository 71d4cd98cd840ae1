import { defineProject, defineService, defineSlo } from '#schemas';

const runbook = {
  diagnosis: ['Open the checkout dashboard: which endpoints fail or are slow'],
  mitigation: ['Roll back the last checkout deployment'],
};

/** Inherits the project's accurate long windows: a raw rate over each window. */
const availability = defineSlo({
  id: 'checkout-availability',
  objective: 99.9,
  runbook,
  sli: { events: { errors: 'http_requests_total{job="checkout", code=~"5.."}', total: 'http_requests_total{job="checkout"}' } },
});

/** Overrides it: windows of 6h and longer summed from the recorded 5-minute rates. */
const latency = defineSlo({
  id: 'checkout-latency',
  objective: 99,
  runbook,
  longWindows: 'efficient',
  sli: { latency: { histogram: 'http_request_duration_seconds', matchers: { job: 'checkout' }, threshold: 0.25 } },
});

const checkout = defineService({
  id: 'checkout',
  team: 'payments',
  endpoints: [{ job: 'checkout', targets: ['checkout:8000'] }],
  metrics: { http_requests_total: 'counter', http_request_duration_seconds: 'histogram' },
  slos: [availability, latency],
});

export default defineProject({
  name: 'slo-long-windows',
  targets: { prometheus: '2.42.0', alertmanager: '0.25.0', grafana: '11.3.0', kubernetes: '1.30' },
  links: { runbooks: 'https://runbooks.example.org' },
  slo: { longWindows: 'accurate' },
  services: [checkout],
});
