import { defineProject, defineService } from '#schemas';

const api = defineService({
  id: 'api',
  team: 'web',
  endpoints: [{ job: 'api', targets: ['api:8000'] }],
  ruleGroups: [{
    name: 'api',
    alerts: [
      // @ts-expect-error severity is required
      {
        alert: 'ApiDown',
        expr: 'up{job="api"} == 0',
        for: '1m',
        summary: 'The API is down',
      },
    ],
  }],
});

export default defineProject({
  name: 'invalid-missing-severity',
  targets: { prometheus: '2.42.0', alertmanager: '0.25.0', grafana: '11.3.0', kubernetes: '1.30' },
  services: [api],
});
