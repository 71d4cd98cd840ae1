// Imported by monac import from input/prometheus.yml.
// Yours to edit from here: the declarations build back to the input.
import { defineService } from '#schemas';

export const node = defineService({
  id: 'node',
  team: 'platform',
  endpoints: [
    {
      job: 'node',
      targets: ['node-0:9100'],
      authorization: { credentialsFile: '/etc/prometheus/secrets/node-token' },
    },
  ],
});
