import { defineProject, defineService } from '#schemas';

const environment = undefined as { teams?: string[] } | undefined;

const api = defineService({
  id: 'api',
  // A declaration that reads configuration which is not there.
  team: environment!.teams![0]!,
  endpoints: [{ job: 'api', targets: ['api:8000'] }],
});

export default defineProject({
  name: 'invalid-load-failed',
  targets: { prometheus: '2.42.0', alertmanager: '0.25.0', grafana: '11.3.0', kubernetes: '1.30' },
  services: [api],
});
