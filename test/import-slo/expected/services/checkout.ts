// Imported by monac import from:
//   input/sloth/checkout-events.yml
//   input/sloth/checkout-latency-crd.yml
// Yours to edit from here: the declarations build back to the input.
import { defineService, defineSlo } from '#schemas';

export const checkout = defineService({
  id: 'checkout',
  team: 'payments',
  slos: [
    defineSlo({
      id: 'checkout-requests-availability',
      description: 'Checkout requests that do not fail.',
      objective: 99.9,
      sli: {
        events: {
          errors: 'http_requests_total{job="checkout", code=~"5.."}',
          total: 'http_requests_total{job="checkout"}',
        },
      },
      labels: { owner: 'payments' },
      alert: 'CheckoutHighErrorRate',
      alerting: {
        labels: { category: 'availability' },
        annotations: { summary: 'Checkout requests fail' },
        page: {
          labels: { pager: 'payments' },
        },
      },
    }),
    defineSlo({
      id: 'checkout-requests-latency',
      objective: 99,
      sli: {
        latency: {
          histogram: 'http_request_duration_seconds',
          matchers: { job: 'checkout' },
          threshold: 0.25,
        },
      },
      alert: 'CheckoutSlow',
      tiers: { fastTicket: false, slowTicket: false },
    }),
    defineSlo({
      id: 'checkout-writes-latency',
      objective: 99,
      sli: {
        events: {
          good: 'http_request_duration_seconds_bucket{job="checkout", method!="GET", le="0.5"}',
          total: 'http_request_duration_seconds_count{job="checkout", method!="GET"}',
        },
      },
      alert: 'CheckoutWritesSlow',
    }),
  ],
});
