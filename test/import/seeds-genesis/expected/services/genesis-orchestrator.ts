// Imported by monac import from:
//   input/monitoring/alerts.yml
//   input/monitoring/prometheus.yml
// Yours to edit from here: the declarations build back to the input.
import { defineAlert, defineService } from '#schemas';

export const genesisOrchestrator = defineService({
  id: 'genesis-orchestrator',
  team: 'genesis',
  endpoints: [
    {
      job: 'genesis-orchestrator',
      targets: ['localhost:8000'],
      interval: '5s',
    },
  ],
  ruleGroups: [
    {
      name: 'genesis-critical',
      interval: '15s',
      alerts: [
        defineAlert({
          alert: 'HighErrorRate',
          expr: 'sum(rate(genesis_operations_errors_total[5m])) / sum(rate(genesis_operations_total[5m])) > 0.001',
          for: '2m',
          severity: 'critical',
          labels: { priority: 'P0' },
          summary: 'Error rate above 0.1%',
        }),
        defineAlert({
          alert: 'HighLatencyP95',
          expr: 'histogram_quantile(0.95, sum by (le) (rate(genesis_operation_duration_seconds_bucket[5m]))) > 0.2',
          for: '5m',
          severity: 'critical',
          labels: { priority: 'P1' },
          summary: 'P95 latency above 200ms',
        }),
        defineAlert({
          alert: 'GenesisServiceDown',
          expr: 'up{job=~"genesis.*"} == 0',
          for: '1m',
          severity: 'critical',
          labels: { priority: 'P0' },
          summary: 'Genesis target {{ $labels.instance }} is down',
        }),
      ],
    },
    {
      name: 'genesis-warning',
      alerts: [
        defineAlert({
          alert: 'SystemThroughputDegraded',
          expr: 'sum(rate(genesis_operations_total[5m])) < 4',
          for: '10m',
          severity: 'warning',
          labels: { priority: 'P3' },
        }),
      ],
    },
  ],
});
