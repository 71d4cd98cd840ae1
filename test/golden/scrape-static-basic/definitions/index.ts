import { defineProject, defineService } from '#schemas';

const api = defineService({
  id: 'checkout-api',
  description: 'Checkout API',
  team: 'payments',
  labels: { tier: 'critical' },
  endpoints: [
    { job: 'checkout-api', targets: ['checkout-api-1:8000', 'checkout-api-0:8000'], interval: '5s' },
    { job: 'checkout-api-business', metricsPath: '/api/metrics/business', targets: ['checkout-api-0:8000'], labels: { scope: 'business' } },
  ],
});

export default defineProject({
  name: 'scrape-static-basic',
  targets: { prometheus: '2.42.0', alertmanager: '0.25.0', grafana: '11.3.0', kubernetes: '1.30' },
  services: [api],
});
