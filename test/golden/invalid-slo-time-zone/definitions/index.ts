import { defineProject, defineService, defineSlo } from '#schemas';

/** Europe/Berlin has daylight saving: no fixed offset for the rules to add. */
const berlin = defineSlo({
  id: 'billing-berlin',
  objective: 99.9,
  calendar: { unit: 'week', timeZone: 'Europe/Berlin' },
  sli: { events: { errors: 'http_requests_total{job="billing", code=~"5.."}', total: 'http_requests_total{job="billing"}' } },
});

const billing = defineService({
  id: 'billing',
  team: 'payments',
  endpoints: [{ job: 'billing', targets: ['billing:8000'] }],
  metrics: { http_requests_total: 'counter' },
  slos: [berlin],
});

export default defineProject({
  name: 'invalid-slo-time-zone',
  targets: { prometheus: '2.42.0', alertmanager: '0.25.0', grafana: '11.3.0', kubernetes: '1.30' },
  services: [billing],
});
