// Imported by monac import from input/monitoring/grafana_dashboard.json.
// Yours to edit from here: the declarations build back to the input.
import { defineDashboard, stat, timeseries } from '#schemas';

export const genesis48hDashboard = defineDashboard({
  id: 'genesis-48h',
  title: 'Genesis 48-Hour Post-Deployment Monitoring',
  folder: 'Imported',
  tags: ['genesis', 'post-deployment'],
  time: '48h',
  panels: [
    stat({
      title: 'Test Pass Rate (SLO: >= 98%)',
      description: 'Share of tests passing; below 98% pages.',
      height: 5,
      queries: [
        'sum(genesis_test_suite_tests{result="passed"}) / sum(genesis_test_suite_tests{result=~"passed|failed"})',
      ],
      unit: 'percentunit',
      thresholds: { yellow: 0.99, red: 0.98 },
    }),
    stat({
      title: 'Error Rate (SLO: < 0.1%)',
      description: 'Share of operations failing; above 0.1% pages.',
      height: 5,
      queries: ['sum(rate(genesis_operations_errors_total[5m])) / sum(rate(genesis_operations_total[5m]))'],
      unit: 'percentunit',
      thresholds: { yellow: 0.0005, red: 0.001 },
    }),
    stat({
      title: 'P95 Latency (SLO: < 200ms)',
      description: '95th percentile of operation latency.',
      height: 5,
      queries: ['histogram_quantile(0.95, sum by (le) (rate(genesis_operation_duration_seconds_bucket[5m])))'],
      unit: 's',
      thresholds: { yellow: 0.15, red: 0.2 },
    }),
    stat({
      title: 'System Health',
      description: 'Whether every Genesis target is up.',
      height: 5,
      queries: ['min(up{job=~"genesis.*"})'],
      unit: 'none',
      thresholds: { yellow: 1, red: 0.5 },
    }),
    timeseries({
      title: 'Test Pass Rate Over Time',
      description: 'Pass rate over the 48-hour window.',
      queries: [
        {
          expr: 'sum(genesis_test_suite_tests{result="passed"}) / sum(genesis_test_suite_tests{result=~"passed|failed"})',
          legend: 'pass rate',
        },
      ],
      unit: 'percentunit',
      min: 0,
    }),
    timeseries({
      title: 'Error Rate Trend',
      description: 'Error rate over time.',
      queries: [
        {
          expr: 'sum(rate(genesis_operations_errors_total[5m])) / sum(rate(genesis_operations_total[5m]))',
          legend: 'error rate',
        },
      ],
      unit: 'percentunit',
      min: 0,
    }),
    timeseries({
      title: 'Operation Latency Percentiles',
      description: 'P50, P95 and P99 of operation latency.',
      queries: [
        {
          expr: 'histogram_quantile(0.5, sum by (le) (rate(genesis_operation_duration_seconds_bucket[5m])))',
          legend: 'P50',
        },
        {
          expr: 'histogram_quantile(0.95, sum by (le) (rate(genesis_operation_duration_seconds_bucket[5m])))',
          legend: 'P95',
        },
        {
          expr: 'histogram_quantile(0.99, sum by (le) (rate(genesis_operation_duration_seconds_bucket[5m])))',
          legend: 'P99',
        },
      ],
      unit: 's',
      min: 0,
    }),
    timeseries({
      title: 'System Resource Usage',
      description: 'CPU and memory of the host.',
      queries: [
        { expr: '100 * (1 - avg(rate(node_cpu_seconds_total{mode="idle"}[5m])))', legend: 'CPU %' },
        { expr: '100 * (1 - node_memory_MemAvailable_bytes / node_memory_MemTotal_bytes)', legend: 'Memory %' },
      ],
      unit: 'percent',
      min: 0,
      fill: 20,
    }),
    timeseries({
      title: 'HTDAG Performance',
      description: 'Average HTDAG decomposition time; warning above 150ms.',
      queries: [
        {
          expr: 'rate(genesis_htdag_decomposition_duration_seconds_sum[5m]) / rate(genesis_htdag_decomposition_duration_seconds_count[5m])',
          legend: 'decomposition',
        },
      ],
      unit: 's',
      min: 0,
      raw: {
        fieldConfig: {
          overrides: [
            {
              matcher: { id: 'byName', options: 'decomposition' },
              properties: [
                {
                  id: 'color',
                  value: { mode: 'fixed', fixedColor: '#F2495C' },
                },
              ],
            },
          ],
        },
      },
    }),
    timeseries({
      title: 'HALO Routing Performance',
      description: 'Average HALO routing time; warning above 130ms.',
      queries: [
        {
          expr: 'rate(genesis_halo_routing_duration_seconds_sum[5m]) / rate(genesis_halo_routing_duration_seconds_count[5m])',
          legend: 'routing',
        },
      ],
      unit: 's',
      min: 0,
    }),
    timeseries({
      title: 'AOP Validation Performance',
      description: 'Average AOP validation time.',
      queries: [
        {
          expr: 'rate(genesis_aop_validation_duration_seconds_sum[5m]) / rate(genesis_aop_validation_duration_seconds_count[5m])',
          legend: 'validation',
        },
      ],
      unit: 's',
      min: 0,
    }),
  ],
  raw: { graphTooltip: 0 },
});
