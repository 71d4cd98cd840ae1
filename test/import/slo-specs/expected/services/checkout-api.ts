// Imported by monac import from input/sloth-checkout.yml.
// Yours to edit from here: the declarations build back to the input.
import { defineService, defineSlo } from '#schemas';

export const checkoutApi = defineService({
  id: 'checkout-api',
  team: 'payments',
  slos: [
    defineSlo({
      id: 'checkout-api-requests-availability',
      description: 'Checkout requests that do not fail.',
      objective: 99.9,
      sli: {
        events: {
          errors: 'checkout_requests_total{job="checkout-api",code=~"(5..|429)"}',
          total: 'checkout_requests_total{job="checkout-api"}',
        },
      },
      labels: { owner: 'payments' },
      alert: 'CheckoutHighErrorRate',
      alerting: {
        labels: { category: 'availability' },
      },
      tiers: { fastTicket: false, slowTicket: false },
    }),
    defineSlo({
      id: 'checkout-api-payments-latency',
      objective: 99,
      sli: {
        events: {
          errors: 'checkout_payment_slow_total{job="checkout-api"}',
          total: 'checkout_payments_total{job="checkout-api"}',
        },
      },
      groupBy: ['job'],
      labels: { owner: 'payments' },
      alert: 'CheckoutPaymentsSlow',
    }),
  ],
});
