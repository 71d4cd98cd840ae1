import { absentAlert, defineAlert, defineService, type AlertRuleInput } from '#schemas';
import * as runbooks from '../runbooks.ts';
import { onKubernetes } from '../kubernetes.ts';

const HTDAG = 'job="genesis-htdag-halo"';
const SUITE = 'job="genesis-test-suite"';

/** The 48-hour set's GenesisServiceDown, declared per component so each carries its own service label. */
function serviceDown(job: string, port: number): AlertRuleInput {
  const up = `up{job="${job}", instance="${job}:${port}"}`;
  return defineAlert({
    alert: 'GenesisServiceDown',
    runbook: runbooks.genesisServiceDown,
    dashboard: 'genesis-post-deploy',
    expr: `up{job="${job}"} == 0`,
    for: '1m',
    severity: 'critical',
    labels: { signal: 'down' },
    summary: 'GENESIS component {{ $labels.job }} is down',
    tests: [
      { name: 'fires after a minute down', series: { [up]: '1 0x5' }, at: '4m', fires: [{ labels: { job, instance: `${job}:${port}` }, annotations: { summary: `GENESIS component ${job} is down` } }] },
      { name: 'stays quiet while up', series: { [up]: '1x5' }, at: '4m', fires: [] },
    ],
  });
}

/** Average of a histogram over 5 minutes, in seconds. */
const average = (histogram: string) => `sum by (job) (rate(${histogram}_sum{${HTDAG}}[5m])) / sum by (job) (rate(${histogram}_count{${HTDAG}}[5m]))`;

function slow(alert: string, histogram: string, what: string, above: number, slowSum: string, renderedMs: string): AlertRuleInput {
  const series = (sum: string) => ({ [`${histogram}_count{job="genesis-htdag-halo"}`]: '0+60x30', [`${histogram}_sum{job="genesis-htdag-halo"}`]: sum });
  return defineAlert({
    alert,
    dashboard: 'genesis-post-deploy',
    expr: `${average(histogram)} > ${above}`,
    for: '10m',
    severity: 'warning',
    summary: `Average ${what} takes {{ $value | humanizeDuration }} (threshold ${above * 1000}ms)`,
    tests: [
      { name: `fires when ${what} averages ${renderedMs}`, series: series(slowSum), at: '20m', fires: [{ labels: { job: 'genesis-htdag-halo' }, annotations: { summary: `Average ${what} takes ${renderedMs} (threshold ${above * 1000}ms)` } }] },
      { name: `stays quiet when ${what} averages 100ms`, series: series('0+6x30'), at: '20m', fires: [] },
    ],
  });
}

/** HTDAG task decomposition and HALO routing (port 8001). */
export const genesisHtdagHalo = defineService({
  id: 'genesis-htdag-halo',
  description: 'HTDAG decomposition and HALO routing',
  team: 'genesis',
  labels: { tier: 'critical' },
  endpoints: [{ job: 'genesis-htdag-halo', targets: ['genesis-htdag-halo:8001'], kubernetes: onKubernetes('genesis', 'genesis-htdag-halo') }],
  metrics: {
    genesis_htdag_decomposition_duration_seconds: 'histogram',
    genesis_halo_routing_duration_seconds: 'histogram',
    genesis_aop_validation_duration_seconds: 'histogram',
    genesis_otel_spans_exported_total: 'counter',
  },
  ruleGroups: [{
    name: 'genesis-htdag-halo',
    alerts: [
      serviceDown('genesis-htdag-halo', 8001),
      slow('HTDAGDecompositionSlow', 'genesis_htdag_decomposition_duration_seconds', 'HTDAG decomposition', 0.15, '0+12x30', '200ms'),
      slow('HALORoutingSlow', 'genesis_halo_routing_duration_seconds', 'HALO routing', 0.13, '0+9x30', '150ms'),
      absentAlert({
        alert: 'ObservabilityMetricsMissing',
        selector: `genesis_otel_spans_exported_total{${HTDAG}}`,
        for: '5m',
        severity: 'warning',
        summary: 'OpenTelemetry span metrics are missing: tracing is blind',
        tests: [
          { name: 'fires when no span metrics arrive', series: { 'up{job="genesis-htdag-halo", instance="genesis-htdag-halo:8001"}': '1x20' }, at: '10m', fires: [{ labels: { job: 'genesis-htdag-halo' } }] },
          { name: 'stays quiet while spans are exported', series: { 'genesis_otel_spans_exported_total{job="genesis-htdag-halo", instance="genesis-htdag-halo:8001"}': '0+100x20' }, at: '10m', fires: [] },
        ],
      }),
    ],
  }],
});

const passed = `sum by (job) (genesis_test_suite_tests{${SUITE}, result="passed"})`;
const ran = `sum by (job) (genesis_test_suite_tests{${SUITE}, result=~"passed|failed"})`;
const passRate = `${passed} / ${ran}`;
const results = (pass: number, fail: number, steps = 40) => ({
  'genesis_test_suite_tests{job="genesis-test-suite", instance="genesis-test-suite:8002", result="passed"}': `${pass}x${steps}`,
  'genesis_test_suite_tests{job="genesis-test-suite", instance="genesis-test-suite:8002", result="failed"}': `${fail}x${steps}`,
  'genesis_test_suite_tests{job="genesis-test-suite", instance="genesis-test-suite:8002", result="skipped"}': `1x${steps}`,
});
const SUITE_LABELS = { job: 'genesis-test-suite' };
const lastRun = 'genesis_test_suite_last_run_timestamp_seconds{job="genesis-test-suite", instance="genesis-test-suite:8002"}';

/** The production health test suite that runs every 5 minutes (port 8002). */
export const genesisTestSuite = defineService({
  id: 'genesis-test-suite',
  description: 'Production health test suite: pass rate, test execution',
  team: 'genesis',
  endpoints: [{ job: 'genesis-test-suite', targets: ['genesis-test-suite:8002'], kubernetes: onKubernetes('genesis', 'genesis-test-suite') }],
  metrics: { genesis_test_suite_tests: 'gauge', genesis_test_suite_last_run_timestamp_seconds: 'gauge' },
  ruleGroups: [{
    name: 'genesis-test-suite',
    alerts: [
      serviceDown('genesis-test-suite', 8002),
      defineAlert({
        alert: 'TestPassRateLow',
        runbook: runbooks.testPassRateLow,
        dashboard: 'genesis-post-deploy',
        expr: `${passRate} < 0.98`,
        for: '5m',
        severity: 'critical',
        labels: { signal: 'test-pass-rate', automated_response: 'rollback' },
        summary: 'Test pass rate is {{ $value | humanizePercentage }} (rollback threshold: 98%)',
        tests: [
          { name: 'fires with 35 of 36 tests passing', series: results(35, 1), at: '10m', fires: [{ labels: SUITE_LABELS, annotations: { summary: 'Test pass rate is 97.22% (rollback threshold: 98%)' } }] },
          { name: 'stays quiet when every test passes', series: results(36, 0), at: '10m', fires: [] },
        ],
      }),
      defineAlert({
        alert: 'TestPassRateDegrading',
        dashboard: 'genesis-post-deploy',
        expr: `${passRate} < 0.99`,
        for: '10m',
        severity: 'warning',
        labels: { signal: 'test-pass-rate' },
        summary: 'Test pass rate is {{ $value | humanizePercentage }} (expected at least 99%)',
        tests: [
          { name: 'fires with 197 of 200 tests passing', series: results(197, 3), at: '15m', fires: [{ labels: SUITE_LABELS, annotations: { summary: 'Test pass rate is 98.5% (expected at least 99%)' } }] },
          { name: 'stays quiet when every test passes', series: results(200, 0), at: '15m', fires: [] },
        ],
      }),
      defineAlert({
        alert: 'IntermittentTestFailures',
        dashboard: 'genesis-post-deploy',
        expr: `sum by (job) (genesis_test_suite_tests{${SUITE}, result="failed"}) > 0 unless on (job) (${passRate} < 0.98)`,
        for: '30m',
        severity: 'info',
        summary: 'Some tests fail intermittently while the pass rate holds (the known P4 pattern)',
        tests: [
          { name: 'fires with one failing test of 200 for half an hour', series: results(199, 1), at: '35m', fires: [{ labels: SUITE_LABELS }] },
          { name: 'stays quiet when every test passes', series: results(200, 0), at: '35m', fires: [] },
        ],
      }),
      defineAlert({
        alert: 'TestSuiteNotRunning',
        dashboard: 'genesis-post-deploy',
        expr: `time() - max by (job) (genesis_test_suite_last_run_timestamp_seconds{${SUITE}}) > 900 or absent_over_time(genesis_test_suite_last_run_timestamp_seconds{${SUITE}}[15m])`,
        for: '1m',
        severity: 'warning',
        summary: 'The production health test suite has not run for 15 minutes',
        tests: [
          { name: 'fires when the last run is older than 15 minutes', series: { [lastRun]: '0x30' }, at: '20m', fires: [{ labels: SUITE_LABELS }] },
          { name: 'fires when the suite reports nothing at all', series: { 'up{job="genesis-test-suite", instance="genesis-test-suite:8002"}': '1x30' }, at: '20m', fires: [{ labels: SUITE_LABELS }] },
          { name: 'stays quiet while the suite runs', series: { [lastRun]: '0+60x30' }, at: '20m', fires: [] },
        ],
      }),
    ],
  }],
});
