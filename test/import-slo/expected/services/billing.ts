// Imported by monac import from input/openslo/calendar.yml.
// Yours to edit from here: the declarations build back to the input.
import { defineService, defineSlo } from '#schemas';

export const billing = defineService({
  id: 'billing',
  team: 'payments',
  slos: [
    defineSlo({
      id: 'billing-monthly',
      objective: 99.9,
      calendar: { unit: 'month' },
      sli: {
        events: {
          errors: 'http_requests_total{job="billing", code=~"5.."}',
          total: 'http_requests_total{job="billing"}',
        },
      },
    }),
    defineSlo({
      id: 'billing-weekly',
      objective: 99,
      calendar: { unit: 'week', timeZone: 'Etc/GMT-2' },
      sli: {
        events: {
          errors: 'http_requests_total{job="billing", code=~"5.."}',
          total: 'http_requests_total{job="billing"}',
        },
      },
    }),
  ],
});
