import { defineProject, defineService, defineSlo, nodeExporter } from '#schemas';

/**
 * A service with a counter, an error counter, a histogram and a gauge, one SLO,
 * and two hosts with a node exporter: one kind of service, one templated dashboard.
 */
const checkout = defineService({
  id: 'checkout',
  description: 'The checkout API',
  team: 'shop',
  endpoints: [{ job: 'checkout', targets: ['checkout:8080'] }],
  metrics: {
    http_requests_total: 'counter',
    checkout_payment_failures_total: 'counter',
    http_request_duration_seconds: 'histogram',
    checkout_cart_items: 'gauge',
  },
  slos: [
    defineSlo({
      id: 'checkout-availability',
      objective: 99.9,
      sli: { events: { errors: 'http_requests_total{job="checkout", code=~"5.."}', total: 'http_requests_total{job="checkout"}' } },
      // Dashboards are this case's subject: without the 3-day ticket, the SLO's scenarios need a day of history, not three.
      tiers: { slowTicket: false },
    }),
  ],
});

const host = defineService({
  id: 'shop-host',
  team: 'shop',
  endpoints: [nodeExporter({ job: 'shop-node', targets: ['shop-host:9100'] })],
});

const warehouseHost = defineService({
  id: 'warehouse-host',
  team: 'warehouse',
  endpoints: [nodeExporter({ job: 'warehouse-node', targets: ['warehouse-host:9100'] })],
});

export default defineProject({
  name: 'grafana-generated',
  targets: { prometheus: '2.42.0', alertmanager: '0.25.0', grafana: '12.1.0', kubernetes: '1.30' },
  links: { grafana: 'https://grafana.example.org', runbooks: 'https://runbooks.example.org' },
  grafana: { datasource: { url: 'http://prometheus:9090' } },
  services: [checkout, host, warehouseHost],
});
