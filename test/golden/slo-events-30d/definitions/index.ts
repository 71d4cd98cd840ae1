import { defineProject, defineService, defineSlo } from '#schemas';

const availability = defineSlo({
  id: 'checkout-availability',
  description: 'Checkout requests that do not fail with a 5xx',
  objective: 99.9,
  period: '30d',
  sli: { events: { errors: 'http_requests_total{job="checkout", code=~"5.."}', total: 'http_requests_total{job="checkout"}' } },
});

const checkout = defineService({
  id: 'checkout',
  team: 'payments',
  endpoints: [{ job: 'checkout', targets: ['checkout:8000'] }],
  metrics: { http_requests_total: 'counter' },
  slos: [availability],
});

export default defineProject({
  name: 'slo-events-30d',
  targets: { prometheus: '2.42.0', alertmanager: '0.25.0', grafana: '11.3.0', kubernetes: '1.30' },
  links: { runbooks: 'https://runbooks.example.org', grafana: 'https://grafana.example.org' },
  services: [checkout],
});
