import { defineProject, defineScaling, defineService } from '#schemas';

const api = defineScaling({
  workload: { name: 'api', namespace: 'shop' },
  engine: 'hpa-adapter',
  minReplicas: 2,
  maxReplicas: 20,
  signals: [
    { prometheus: { name: 'rps', metric: 'http_requests', per: 'pod', query: 'sum by (pod) (rate(http_requests_total{namespace="shop"}[2m]))', target: { type: 'AverageValue', value: 50 } } },
    { cpu: { utilization: 80 } },
  ],
});

const shop = defineService({
  id: 'shop',
  team: 'payments',
  endpoints: [{ job: 'api', targets: ['api:8000'] }],
  scaling: [api],
});

export default defineProject({
  name: 'scaling-hpa-adapter',
  targets: { prometheus: '2.42.0', alertmanager: '0.25.0', grafana: '11.3.0', kubernetes: '1.30' },
  services: [shop],
});
