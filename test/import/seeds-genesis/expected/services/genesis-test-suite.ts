// Imported by monac import from:
//   input/monitoring/alerts.yml
//   input/monitoring/prometheus.yml
// Yours to edit from here: the declarations build back to the input.
import { defineAlert, defineService } from '#schemas';

export const genesisTestSuite = defineService({
  id: 'genesis-test-suite',
  team: 'genesis',
  endpoints: [
    {
      job: 'genesis-test-suite',
      targets: ['localhost:8002'],
    },
  ],
  ruleGroups: [
    {
      name: 'genesis-critical',
      interval: '15s',
      alerts: [
        defineAlert({
          alert: 'TestPassRateLow',
          expr: 'sum(genesis_test_suite_tests{result="passed"}) / sum(genesis_test_suite_tests{result=~"passed|failed"}) < 0.98',
          for: '5m',
          severity: 'critical',
          labels: { priority: 'P1' },
          summary: 'Test pass rate below 98% SLO',
          description: 'Pass rate is {{ $value | humanizePercentage }}; rollback may be needed.',
        }),
      ],
    },
    {
      name: 'genesis-health',
      alerts: [
        defineAlert({
          alert: 'TestSuiteNotRunning',
          expr: 'absent_over_time(genesis_test_suite_last_run_timestamp_seconds[15m])',
          for: '1m',
          severity: 'warning',
          labels: { priority: 'P2' },
        }),
        defineAlert({
          alert: 'IntermittentTestFailures',
          expr: 'sum(genesis_test_suite_tests{result="failed"}) > 0',
          for: '30m',
          severity: 'info',
          labels: { priority: 'P4' },
          description: 'Known P4 performance test pattern: record it, do not page.',
        }),
      ],
    },
    {
      name: 'genesis-warning',
      alerts: [
        defineAlert({
          alert: 'TestPassRateDegrading',
          expr: 'sum(genesis_test_suite_tests{result="passed"}) / sum(genesis_test_suite_tests{result=~"passed|failed"}) < 0.99',
          for: '10m',
          severity: 'warning',
          labels: { priority: 'P2' },
        }),
      ],
    },
  ],
});
