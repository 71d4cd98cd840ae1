// Imported by monac import from input/sloth/payments-raw.yml.
// Yours to edit from here: the declarations build back to the input.
import { defineService, defineSlo } from '#schemas';

export const payments = defineService({
  id: 'payments',
  team: 'payments',
  slos: [
    defineSlo({
      id: 'payments-authorizations',
      objective: 99.5,
      sli: {
        ratio: {
          errorRatio:
            'sum(rate(payment_authorizations_failed_total[$window])) / sum(rate(payment_authorizations_total[$window]))',
        },
      },
      alert: 'PaymentAuthorizationsFailing',
    }),
    defineSlo({
      id: 'payments-captures',
      objective: 99.5,
      sli: {
        ratio: {
          errorRatio:
            '1 - (sum(rate(payment_captures_ok_total[$window])) / sum(rate(payment_captures_total[$window])))',
        },
      },
      alert: 'PaymentCapturesFailing',
      alerting: {
        annotations: { runbook_url: 'https://runbooks.example.org/payments/captures' },
      },
    }),
  ],
});
