import { defineProject, defineService } from '#schemas';

const api = defineService({ id: 'api', team: 'web', endpoints: [{ job: 'api', targets: ['api:8000'] }] });

export default defineProject({
  name: 'invalid-remote-write-names',
  targets: { prometheus: '2.42.0', alertmanager: '0.25.0', grafana: '11.3.0', kubernetes: '1.30' },
  prometheus: {
    remoteWrite: [
      { name: 'long-term', url: 'https://metrics.example.org/api/v1/push' },
      { name: 'long-term', url: 'https://backup.example.org/api/v1/push' },
    ],
  },
  services: [api],
});
