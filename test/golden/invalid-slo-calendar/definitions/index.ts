import { defineProject, defineService, defineSlo } from '#schemas';

const sli = { events: { errors: 'http_requests_total{job="billing", code=~"5.."}', total: 'http_requests_total{job="billing"}' } };

/** A calendar month is the period: a rolling one beside it says two things. */
const both = defineSlo({ id: 'billing-both', objective: 99.9, period: '30d', calendar: { unit: 'month' }, sli });

/** Prometheus 2.30 reads the @ modifier only behind a feature flag. */
const monthly = defineSlo({ id: 'billing-monthly', objective: 99.9, calendar: { unit: 'month' }, sli });

const billing = defineService({
  id: 'billing',
  team: 'payments',
  endpoints: [{ job: 'billing', targets: ['billing:8000'] }],
  metrics: { http_requests_total: 'counter' },
  slos: [both, monthly],
});

export default defineProject({
  name: 'invalid-slo-calendar',
  targets: { prometheus: '2.30.0', alertmanager: '0.25.0', grafana: '11.3.0', kubernetes: '1.30' },
  services: [billing],
});
