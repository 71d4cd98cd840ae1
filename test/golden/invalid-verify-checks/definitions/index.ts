import { defineProject, defineService } from '#schemas';

/** A check with both bounds, a repeated name, an SLO the service lacks, a range vector, a scalar and broken PromQL. */
const api = defineService({
  id: 'api',
  team: 'shop',
  endpoints: [{ job: 'api', targets: ['api:8000'] }],
  postDeploy: {
    checks: [
      { name: 'error-rate', query: 'sum(rate(http_requests_total{job="api"}[5m]))', max: 1 },
      { name: 'error-rate', query: 'sum(rate(http_requests_total{job="api"}[5m]))', max: 1 },
      { name: 'burn', slo: 'api-availability', maxBurnRate: 2 },
      { name: 'range', query: 'http_requests_total{job="api"}[5m]', max: 1 },
      { name: 'scalar', query: 'scalar(sum(up{job="api"}))', min: 1 },
      { name: 'broken', query: 'sum(rate(up[5m])', max: 1 },
    ],
  },
});

export default defineProject({
  name: 'invalid-verify-checks',
  targets: { prometheus: '2.42.0', alertmanager: '0.25.0', grafana: '11.3.0', kubernetes: '1.30' },
  services: [api],
});
