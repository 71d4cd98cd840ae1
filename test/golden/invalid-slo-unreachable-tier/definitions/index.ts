import { defineProject, defineService, defineSlo } from '#schemas';

const availability = defineSlo({
  id: 'batch-availability',
  objective: 90,
  sli: { events: { errors: 'jobs_total{job="batch", result="failed"}', total: 'jobs_total{job="batch"}' } },
});

const batch = defineService({
  id: 'batch',
  team: 'data',
  endpoints: [{ job: 'batch', targets: ['batch:8000'] }],
  metrics: { jobs_total: 'counter' },
  slos: [availability],
});

export default defineProject({
  name: 'invalid-slo-unreachable-tier',
  targets: { prometheus: '2.42.0', alertmanager: '0.25.0', grafana: '11.3.0', kubernetes: '1.30' },
  services: [batch],
});
