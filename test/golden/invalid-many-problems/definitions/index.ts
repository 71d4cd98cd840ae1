import { defineProject, defineService } from '#schemas';

const api = defineService({
  id: 'api',
  team: 'Web Team',
  endpoints: [
    {
      job: 'api',
      targets: ['http://api:8000/metrics'],
      // @ts-expect-error the schema, not only the type, rejects it
      scheme: 'ftp',
      labels: { 'bad-label': 'x', service: 'other' },
    },
  ],
});

const again = defineService({
  id: 'api',
  team: 'web',
  // @ts-expect-error a misspelt field
  endpoints: [{ job: 'api-2', metricsPath: 'metrics', fileSd: { files: [] }, intervall: '5s' }],
});

export default defineProject({
  name: 'invalid-many-problems',
  targets: { prometheus: '2.42.0', alertmanager: '0.25.0', grafana: '11.3.0', kubernetes: '1.30' },
  prometheus: { scrapeInterval: '10s', scrapeTimeout: '15s' },
  services: [api, again],
});
