import { defineProject, defineService, defineSlo } from '#schemas';

const perfect = defineSlo({
  id: 'api-availability',
  objective: 100,
  sli: { events: { errors: 'http_requests_total{job="api", code="500"}', total: 'http_requests_total{job="api"}' } },
});

const none = defineSlo({
  id: 'api-latency',
  objective: 0,
  sli: { latency: { histogram: 'http_request_duration_seconds', matchers: { job: 'api' }, threshold: 0.5 } },
});

const api = defineService({
  id: 'api',
  team: 'web',
  endpoints: [{ job: 'api', targets: ['api:8000'] }],
  metrics: { http_requests_total: 'counter', http_request_duration_seconds: 'histogram' },
  slos: [perfect, none],
});

export default defineProject({
  name: 'invalid-slo-objective',
  targets: { prometheus: '2.42.0', alertmanager: '0.25.0', grafana: '11.3.0', kubernetes: '1.30' },
  services: [api],
});
