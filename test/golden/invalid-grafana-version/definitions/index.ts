import { defineProject, defineService } from '#schemas';

const api = defineService({ id: 'api', team: 'web', endpoints: [{ job: 'api', targets: ['api:8000'] }] });

export default defineProject({
  name: 'invalid-grafana-version',
  targets: { prometheus: '2.42.0', alertmanager: '0.25.0', grafana: '9.5.0', kubernetes: '1.30' },
  grafana: { datasource: { url: 'http://prometheus:9090' } },
  services: [api],
});
