import { defineProject, defineService } from '#schemas';

const legacy = defineService({
  id: 'legacy',
  team: 'web',
  endpoints: [
    {
      job: 'legacy',
      targets: ['legacy:8080'],
      basicAuth: { username: 'prometheus', passwordFile: '/etc/prometheus/secrets/legacy' },
    },
  ],
});

export default defineProject({
  name: 'lint-auth-over-http',
  targets: { prometheus: '2.42.0', alertmanager: '0.25.0', grafana: '11.3.0', kubernetes: '1.30' },
  services: [legacy],
});
