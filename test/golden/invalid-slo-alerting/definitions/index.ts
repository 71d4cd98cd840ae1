import { defineProject, defineService, defineSlo } from '#schemas';

/** Alert labels the SLO's rules set themselves, and an annotation its scenario tests cannot expect. */
const availability = defineSlo({
  id: 'checkout-availability',
  objective: 99.9,
  sli: { events: { errors: 'http_requests_total{job="checkout", code=~"5.."}', total: 'http_requests_total{job="checkout"}' } },
  alerting: {
    annotations: { summary: 'Checkout fails on {{ $labels.instance }}' },
    page: { labels: { severity: 'page' } },
  },
});

const checkout = defineService({
  id: 'checkout',
  team: 'payments',
  endpoints: [{ job: 'checkout', targets: ['checkout:8000'] }],
  metrics: { http_requests_total: 'counter' },
  slos: [availability],
});

export default defineProject({
  name: 'invalid-slo-alerting',
  targets: { prometheus: '2.42.0', alertmanager: '0.25.0', grafana: '11.3.0', kubernetes: '1.30' },
  services: [checkout],
});
