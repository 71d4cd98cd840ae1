import { defineProject, defineService, defineSlo } from '#schemas';

/** The budget of the calendar month (UTC), as OpenSLO's calendar-aligned windows have it. */
const monthly = defineSlo({
  id: 'billing-monthly',
  objective: 99.9,
  calendar: { unit: 'month' },
  sli: { events: { errors: 'http_requests_total{job="billing", code=~"5.."}', total: 'http_requests_total{job="billing"}' } },
  // The calendar budget is this case's subject (the tiers keep their windows): the fast page alone keeps the
  // scenarios to hours of history, each step of which sums the month's hours.
  tiers: { slowPage: false, fastTicket: false, slowTicket: false },
  runbook: { mitigation: 'Roll back the last deploy.' },
});

/** The week from Monday to Monday, two hours ahead of UTC. */
const weekly = defineSlo({
  id: 'billing-weekly',
  objective: 99,
  calendar: { unit: 'week', timeZone: 'Etc/GMT-2' },
  sli: { events: { errors: 'http_requests_total{job="billing", code=~"5.."}', total: 'http_requests_total{job="billing"}' } },
  tiers: { slowPage: false, fastTicket: false, slowTicket: false },
  runbook: { mitigation: 'Roll back the last deploy.' },
});

const billing = defineService({
  id: 'billing',
  team: 'payments',
  endpoints: [{ job: 'billing', targets: ['billing:8000'] }],
  metrics: { http_requests_total: 'counter' },
  slos: [monthly, weekly],
});

export default defineProject({
  name: 'slo-calendar',
  targets: { prometheus: '2.42.0', alertmanager: '0.25.0', grafana: '11.3.0', kubernetes: '1.30' },
  links: { runbooks: 'https://runbooks.example.org' },
  services: [billing],
});
