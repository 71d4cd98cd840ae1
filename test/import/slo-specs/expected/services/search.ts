// Imported by monac import from input/openslo.yml.
// Yours to edit from here: the declarations build back to the input.
import { defineService, defineSlo } from '#schemas';

export const search = defineService({
  id: 'search',
  team: 'discovery',
  slos: [
    defineSlo({
      id: 'search-availability-strict',
      description: 'Search answers without a server error.',
      objective: 99.9,
      period: '28d',
      sli: {
        events: { errors: 'search_requests_total{code=~"5.."}', total: 'search_requests_total' },
      },
    }),
    defineSlo({
      id: 'search-availability-relaxed',
      description: 'Search answers without a server error.',
      objective: 99.5,
      period: '28d',
      sli: {
        events: { errors: 'search_requests_total{code=~"5.."}', total: 'search_requests_total' },
      },
    }),
  ],
});
