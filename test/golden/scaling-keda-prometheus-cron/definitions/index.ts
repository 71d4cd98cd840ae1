import { defineProject, defineScaling, defineService, kedaOperator, kubeStateMetrics } from '#schemas';

const checkout = defineScaling({
  workload: { name: 'checkout', namespace: 'shop' },
  minReplicas: 2,
  maxReplicas: 20,
  cost: { perReplica: 40, budget: 1000 },
  signals: [
    { cpu: { utilization: 70 } },
    { prometheus: { name: 'rps', query: 'sum(rate(http_requests_total{namespace="shop", job="checkout"}[2m]))', target: { type: 'AverageValue', value: 50 }, activation: 1 } },
    { memory: { utilization: 80 } },
  ],
  behavior: {
    scaleUp: { stabilizationWindowSeconds: 0, policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }] },
    scaleDown: { stabilizationWindowSeconds: 600, selectPolicy: 'Min', policies: [{ type: 'Percent', value: 10, periodSeconds: 60 }] },
  },
  schedules: [{ name: 'business-hours', timezone: 'Europe/Paris', start: '0 8 * * 1-5', end: '0 20 * * 1-5', replicas: 6 }],
  fallback: { failureThreshold: 3, replicas: 6 },
  prometheusAddress: 'http://prometheus-operated.monitoring.svc:9090',
});

const batch = defineScaling({
  workload: { kind: 'StatefulSet', name: 'batch', namespace: 'jobs' },
  minReplicas: 0,
  maxReplicas: 5,
  signals: [{ prometheus: { name: 'queue', query: 'sum(queue_depth{queue="batch"})', target: { type: 'Value', value: 100 }, activation: 5 } }],
  paused: { replicas: 1 },
});

const shop = defineService({
  id: 'shop',
  team: 'payments',
  endpoints: [
    { job: 'checkout', targets: ['checkout:8000'] },
    kubeStateMetrics({ targets: ['kube-state-metrics:8080'] }),
    kedaOperator({ targets: ['keda-operator:8080'] }),
  ],
  scaling: [checkout, batch],
});

export default defineProject({
  name: 'scaling-keda-prometheus-cron',
  targets: { prometheus: '2.42.0', alertmanager: '0.25.0', grafana: '11.3.0', kubernetes: '1.30' },
  services: [shop],
});
