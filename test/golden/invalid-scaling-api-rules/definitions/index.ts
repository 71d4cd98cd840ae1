import { defineProject, defineScaling, defineService } from '#schemas';

const inverted = defineScaling({
  workload: { name: 'inverted', namespace: 'apps' },
  engine: 'hpa',
  minReplicas: 30,
  maxReplicas: 3,
  signals: [{ cpu: { utilization: 70 } }],
});

const utilization = defineScaling({
  workload: { name: 'per-pod', namespace: 'apps' },
  engine: 'hpa-adapter',
  minReplicas: 1,
  maxReplicas: 5,
  signals: [{ prometheus: { name: 'rps', metric: 'http_requests', per: 'pod', query: 'sum(rate(http_requests_total[2m]))', target: { type: 'Utilization', value: 50 } } }],
});

const window = defineScaling({
  workload: { name: 'slow', namespace: 'apps' },
  minReplicas: 1,
  maxReplicas: 5,
  signals: [{ cpu: { utilization: 70 } }],
  behavior: { scaleDown: { stabilizationWindowSeconds: 99999 } },
});

const costly = defineScaling({
  workload: { name: 'costly', namespace: 'apps' },
  minReplicas: 1,
  maxReplicas: 50,
  cost: { perReplica: 30, budget: 600 },
  signals: [{ memory: { utilization: 80 } }],
});

const apps = defineService({
  id: 'apps',
  team: 'platform',
  endpoints: [{ job: 'apps', targets: ['apps:8000'] }],
  scaling: [inverted, utilization, window, costly],
});

export default defineProject({
  name: 'invalid-scaling-api-rules',
  targets: { prometheus: '2.42.0', alertmanager: '0.25.0', grafana: '11.3.0', kubernetes: '1.30' },
  services: [apps],
});
