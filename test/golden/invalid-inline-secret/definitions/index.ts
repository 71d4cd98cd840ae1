import { defineProject, defineService } from '#schemas';

const api = defineService({
  id: 'api',
  team: 'web',
  endpoints: [
    {
      job: 'api',
      scheme: 'https',
      targets: ['api:8443'],
      // @ts-expect-error inline passwords are not part of the language
      basicAuth: { username: 'prometheus', password: 'hunter2' },
    },
  ],
});

export default defineProject({
  name: 'invalid-inline-secret',
  targets: { prometheus: '2.42.0', alertmanager: '0.25.0', grafana: '11.3.0', kubernetes: '1.30' },
  services: [api],
});
