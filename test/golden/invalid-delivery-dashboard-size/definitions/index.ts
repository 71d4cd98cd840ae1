import { defineDashboard, defineProject, defineService, text } from '#schemas';

const api = defineService({ id: 'api', team: 'shop', endpoints: [{ job: 'api', targets: ['api:8000'], kubernetes: { namespace: 'shop', selector: { app: 'api' }, port: 'http' } }] });

/** 1.1 MB of Markdown: no ConfigMap holds it. */
const handbook = defineDashboard({
  id: 'api-handbook',
  title: 'API handbook',
  folder: 'Shop',
  panels: [text({ title: 'Everything', description: 'The whole handbook.', content: 'All work and no play. '.repeat(50_000) })],
});

/** Over 256 KiB: kubectl's client-side apply cannot store it, server-side apply can. */
const notes = defineDashboard({
  id: 'api-notes',
  title: 'API notes',
  folder: 'Shop',
  panels: [text({ title: 'Notes', description: 'Long notes.', content: 'Keep the notes short. '.repeat(15_000) })],
});

export default defineProject({
  name: 'invalid-delivery-dashboard-size',
  targets: { prometheus: '2.42.0', alertmanager: '0.25.0', grafana: '11.3.0', kubernetes: '1.30', prometheusOperator: '0.75.0' },
  delivery: { prometheusOperator: {} },
  grafana: { datasource: { url: 'http://prometheus:9090' }, serviceDashboards: false, sloDashboards: false, infrastructure: false },
  services: [api],
  dashboards: [handbook, notes],
});
