import { defineProject, defineService } from '#schemas';

const first = defineService({
  id: 'api',
  team: 'web',
  endpoints: [{ job: 'api', targets: ['api:8000'] }],
});

const second = defineService({
  id: 'api',
  team: 'web',
  endpoints: [{ job: 'api-canary', targets: ['api-canary:8000'] }],
});

export default defineProject({
  name: 'invalid-duplicate-service-id',
  targets: { prometheus: '2.42.0', alertmanager: '0.25.0', grafana: '11.3.0', kubernetes: '1.30' },
  services: [second, first],
});
