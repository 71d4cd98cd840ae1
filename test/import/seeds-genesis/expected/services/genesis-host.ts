// Imported by monac import from:
//   input/monitoring/alerts.yml
//   input/monitoring/prometheus.yml
// Yours to edit from here: the declarations build back to the input.
import { defineAlert, defineService } from '#schemas';

export const genesisHost = defineService({
  id: 'genesis-host',
  team: 'genesis',
  endpoints: [
    {
      job: 'node',
      targets: ['localhost:9100'],
    },
  ],
  ruleGroups: [
    {
      name: 'genesis-warning',
      alerts: [
        defineAlert({
          alert: 'HighMemoryUsage',
          expr: '100 * (1 - node_memory_MemAvailable_bytes / node_memory_MemTotal_bytes) > 80',
          for: '10m',
          severity: 'warning',
          labels: { priority: 'P2' },
        }),
        defineAlert({
          alert: 'HighCPUUsage',
          expr: '100 * (1 - avg by (instance) (rate(node_cpu_seconds_total{mode="idle"}[5m]))) > 80',
          for: '10m',
          severity: 'warning',
          labels: { priority: 'P2' },
        }),
      ],
    },
  ],
});
