import { defineProject, defineScaling, defineService } from '#schemas';

const frontend = defineScaling({
  workload: { name: 'frontend', namespace: 'web' },
  engine: 'hpa',
  minReplicas: 2,
  maxReplicas: 10,
  signals: [{ cpu: { utilization: 60 } }, { memory: { utilization: 75 } }],
  behavior: { scaleDown: { stabilizationWindowSeconds: 900, policies: [{ type: 'Pods', value: 1, periodSeconds: 120 }] } },
});

const web = defineService({
  id: 'web',
  team: 'web',
  endpoints: [{ job: 'frontend', targets: ['frontend:3000'] }],
  scaling: [frontend],
});

export default defineProject({
  name: 'scaling-hpa-resource',
  targets: { prometheus: '2.42.0', alertmanager: '0.25.0', grafana: '11.3.0', kubernetes: '1.30' },
  services: [web],
});
