import { defineProject, defineService, nodeExporter } from '#schemas';

const api = defineService({
  id: 'api',
  team: 'web',
  endpoints: [{ job: 'node', targets: ['api:8000'] }],
});

const hosts = defineService({
  id: 'hosts',
  team: 'platform',
  endpoints: [
    nodeExporter({ targets: ['host-a:9100'] }),
  ],
});

export default defineProject({
  name: 'invalid-duplicate-job',
  targets: { prometheus: '2.42.0', alertmanager: '0.25.0', grafana: '11.3.0', kubernetes: '1.30' },
  services: [hosts, api],
});
