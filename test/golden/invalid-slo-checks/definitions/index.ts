import { defineProject, defineService, defineSlo } from '#schemas';

const apiAvailability = defineSlo({
  id: 'availability',
  objective: 99.9,
  sli: { events: { errors: 'http_requests_total{job="api", code=~"5\\d{2}"}', total: 'http_requests_total{job="api"}' } },
});

const workerAvailability = defineSlo({
  id: 'availability',
  objective: 99,
  sli: { events: { errors: 'jobs_total{job="worker", result="failed"}', total: 'jobs_total{job="worker"}' } },
});

// A 6.7% budget: the 15x burn that would show the fast page firing is an error ratio above 1.
const batchAvailability = defineSlo({
  id: 'batch-availability',
  objective: 93.3,
  sli: { events: { errors: 'jobs_total{job="worker", result="failed"}', total: 'jobs_total{job="worker"}' } },
});

const api = defineService({
  id: 'api',
  team: 'web',
  endpoints: [{ job: 'api', targets: ['api:8000'] }],
  metrics: { http_requests_total: 'counter' },
  slos: [apiAvailability],
});

const worker = defineService({
  id: 'worker',
  team: 'web',
  endpoints: [{ job: 'worker', targets: ['worker:8000'] }],
  metrics: { jobs_total: 'counter' },
  slos: [workerAvailability, batchAvailability],
});

export default defineProject({
  name: 'invalid-slo-checks',
  targets: { prometheus: '2.42.0', alertmanager: '0.25.0', grafana: '11.3.0', kubernetes: '1.30' },
  services: [api, worker],
});
