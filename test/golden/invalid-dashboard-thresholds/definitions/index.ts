import { defineDashboard, defineProject, defineService, stat } from '#schemas';

/** Thresholds whose yellow and red are one value: no colour between them, and no way to tell which side is worse. */
const api = defineService({ id: 'api', team: 'web', endpoints: [{ job: 'api', targets: ['api:8000'] }] });

const overview = defineDashboard({
  id: 'api-overview',
  title: 'API overview',
  folder: 'Web',
  panels: [
    stat({ title: 'Up', description: 'Targets up.', queries: ['sum(up{job="api"})'], unit: 'short', thresholds: { yellow: 1, red: 1 } }),
  ],
});

export default defineProject({
  name: 'invalid-dashboard-thresholds',
  targets: { prometheus: '2.42.0', alertmanager: '0.25.0', grafana: '11.3.0', kubernetes: '1.30' },
  grafana: { datasource: { url: 'http://prometheus:9090' } },
  services: [api],
  dashboards: [overview],
});
