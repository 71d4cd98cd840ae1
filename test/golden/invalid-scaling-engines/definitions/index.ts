import { defineProject, defineScaling, defineService } from '#schemas';

const zero = defineScaling({
  workload: { name: 'api', namespace: 'web' },
  engine: 'hpa',
  minReplicas: 0,
  maxReplicas: 4,
  signals: [{ cpu: { utilization: 0 } }],
  fallback: { failureThreshold: 3, replicas: 2 },
});

const again = defineScaling({
  workload: { name: 'api', namespace: 'web' },
  minReplicas: 1,
  maxReplicas: 4,
  signals: [{ memory: { utilization: 80 } }],
});

const reader = defineScaling({
  workload: { name: 'worker', namespace: 'web' },
  engine: 'hpa',
  minReplicas: 1,
  maxReplicas: 4,
  signals: [{ prometheus: { name: 'queue', query: 'sum(queue_depth{job="worker"})', target: { type: 'AverageValue', value: 10 } } }],
});

// Within every rule above, but more than the KEDA schema's int32 maximum.
const huge = defineScaling({
  workload: { name: 'batch', namespace: 'web' },
  minReplicas: 1,
  maxReplicas: 2 ** 31,
  signals: [{ cpu: { utilization: 70 } }],
});

// A range vector: KEDA's instant query cannot read one number from it.
const ranged = defineScaling({
  workload: { name: 'queue', namespace: 'web' },
  minReplicas: 1,
  maxReplicas: 4,
  signals: [{ prometheus: { name: 'queue', query: 'queue_depth{job="worker"}[5m]', target: { type: 'AverageValue', value: 10 } } }],
});

// One series per job: KEDA needs one number.
const grouped = defineScaling({
  workload: { name: 'grouped', namespace: 'web' },
  minReplicas: 1,
  maxReplicas: 4,
  signals: [{ prometheus: { name: 'queue', query: 'sum by (job) (queue_depth{job="worker"})', target: { type: 'AverageValue', value: 10 } } }],
});

const web = defineService({
  id: 'web',
  team: 'web',
  endpoints: [{ job: 'web', targets: ['web:8000'] }],
  metrics: { queue_depth: 'gauge' },
  scaling: [zero, again, reader, huge, ranged, grouped],
});

export default defineProject({
  name: 'invalid-scaling-engines',
  targets: { prometheus: '2.42.0', alertmanager: '0.25.0', grafana: '11.3.0', kubernetes: '1.30' },
  services: [web],
});
