import { defineProject, defineService, defineSlo } from '#schemas';

const availability = defineSlo({
  id: 'checkout-availability',
  objective: 99.5,
  sli: { events: { errors: 'http_requests_total{job="checkout", code=~"5.."}', total: 'http_requests_total{job="checkout"}' } },
  description: 'Checkout requests succeed',
  // The post-deployment checks are this case's subject: without the 3-day ticket, the SLO's scenarios need a day of history, not three.
  tiers: { slowTicket: false },
});

/** A canary gate: errors and latency must hold for an hour, the SLO must not burn at the paging rate. */
const checkout = defineService({
  id: 'checkout',
  team: 'payments',
  endpoints: [{ job: 'checkout', targets: ['checkout:8080'] }],
  metrics: { http_requests_total: 'counter', http_request_duration_seconds: 'histogram' },
  slos: [availability],
  postDeploy: {
    window: '1h',
    every: '2m',
    namespace: 'payments',
    failureLimit: 1,
    prometheusAddress: 'http://prometheus-operated.monitoring.svc:9090',
    checks: [
      { name: 'error-rate', query: 'sum(rate(http_requests_total{job="checkout", code=~"5.."}[5m])) / sum(rate(http_requests_total{job="checkout"}[5m]))', max: 0.01 },
      // A quiet canary must not block the rollout: no traffic passes.
      { name: 'throughput', query: 'sum(rate(http_requests_total{job="checkout"}[5m]))', min: 1, onEmpty: 'pass' },
      { name: 'p99-latency', query: 'histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket{job="checkout"}[5m])))', max: 0.5, onEmpty: 'fail' },
      { name: 'availability-burn', slo: 'checkout-availability', maxBurnRate: 14.4 },
    ],
  },
});

export default defineProject({
  name: 'payments',
  targets: { prometheus: '2.42.0', alertmanager: '0.25.0', grafana: '11.3.0', kubernetes: '1.30' },
  links: { runbooks: 'https://runbooks.example.org' },
  lint: { 'alert/runbook-missing': 'off' },
  services: [checkout],
});
