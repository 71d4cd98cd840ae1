import { defineProject, defineService } from '#schemas';

const api = defineService({
  id: 'api',
  team: 'web',
  endpoints: [{ job: 'api', targets: ['api:8000'] }],
});

export default defineProject({
  name: 'prometheus-retention-flags',
  targets: { prometheus: '2.42.0', alertmanager: '0.25.0', grafana: '11.3.0', kubernetes: '1.30' },
  prometheus: { retention: { time: '30d', size: '512GB' } },
  services: [api],
});
