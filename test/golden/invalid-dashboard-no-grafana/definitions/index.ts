import { defineDashboard, defineProject, defineService, stat } from '#schemas';

const api = defineService({ id: 'api', team: 'web', endpoints: [{ job: 'api', targets: ['api:8000'] }] });

const overview = defineDashboard({
  id: 'api-overview',
  title: 'API overview',
  folder: 'Web',
  panels: [stat({ title: 'Up', description: 'Targets up.', queries: ['sum(up{job="api"})'], unit: 'short' })],
});

export default defineProject({
  name: 'invalid-dashboard-no-grafana',
  targets: { prometheus: '2.42.0', alertmanager: '0.25.0', grafana: '11.3.0', kubernetes: '1.30' },
  services: [api],
  dashboards: [overview],
});
