// Imported by monac import from:
//   input/monitoring/alerts.yml
//   input/monitoring/prometheus.yml
// Yours to edit from here: the declarations build back to the input.
import { defineAlert, defineService } from '#schemas';

export const genesisHtdagHalo = defineService({
  id: 'genesis-htdag-halo',
  team: 'genesis',
  endpoints: [
    {
      job: 'genesis-htdag-halo',
      targets: ['localhost:8001'],
    },
  ],
  ruleGroups: [
    {
      name: 'genesis-health',
      alerts: [
        defineAlert({
          alert: 'ObservabilityMetricsMissing',
          expr: 'absent(genesis_otel_spans_exported_total)',
          for: '5m',
          severity: 'warning',
          labels: { priority: 'P3' },
        }),
      ],
    },
    {
      name: 'genesis-performance',
      alerts: [
        defineAlert({
          alert: 'HTDAGDecompositionSlow',
          expr: 'rate(genesis_htdag_decomposition_duration_seconds_sum[5m]) / rate(genesis_htdag_decomposition_duration_seconds_count[5m]) > 0.15',
          for: '10m',
          severity: 'warning',
          labels: { priority: 'P3' },
        }),
        defineAlert({
          alert: 'HALORoutingSlow',
          expr: 'rate(genesis_halo_routing_duration_seconds_sum[5m]) / rate(genesis_halo_routing_duration_seconds_count[5m]) > 0.13',
          for: '10m',
          severity: 'warning',
          labels: { priority: 'P3' },
        }),
      ],
    },
  ],
});
