// Imported by monac import from input/prometheus.yml.
// Yours to edit from here: the declarations build back to the input.
import { defineService } from '#schemas';

export const checkoutWorkers = defineService({
  id: 'checkout-workers',
  team: 'platform',
  endpoints: [
    {
      job: 'checkout-workers',
      fileSd: {
        files: ['/etc/prometheus/targets/checkout-workers.json'],
        refreshInterval: '1m',
      },
      authorization: { credentialsFile: '/etc/prometheus/secrets/workers-token' },
    },
  ],
});
