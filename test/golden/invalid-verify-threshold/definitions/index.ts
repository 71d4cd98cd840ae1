import { defineProject, defineService } from '#schemas';

/** Both bounds: which one holds? */
const web = defineService({
  id: 'web',
  team: 'shop',
  endpoints: [{ job: 'web', targets: ['web:80'] }],
  postDeploy: { checks: [{ name: 'error-rate', query: 'sum(rate(http_requests_total{job="web"}[5m]))', max: 1, min: 0 }] },
});

export default defineProject({
  name: 'invalid-verify-threshold',
  targets: { prometheus: '2.42.0', alertmanager: '0.25.0', grafana: '11.3.0', kubernetes: '1.30' },
  services: [web],
});
