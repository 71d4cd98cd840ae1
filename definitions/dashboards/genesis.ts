import { alertList, barGauge, defineDashboard, row, stat, table, text, timeseries } from '#schemas';

/*
 * The GENESIS dashboards of the seeds: the orchestrator overview (KPIs), SLA
 * compliance and error budget, security and anomalies, and the 13 panels of
 * the 48-hour post-deployment watch. Infrastructure is the generated node
 * exporter dashboard (definitions/index.ts names it genesis-infrastructure).
 * Thresholds are the alerts' own, so a red panel and a firing alert agree.
 */

const ORCH = 'job="genesis-orchestrator"';
const SECURITY = 'job="genesis-orchestrator-security"';
const HTDAG = 'job="genesis-htdag-halo"';
const SUITE = 'job="genesis-test-suite"';
const FOLDER = 'GENESIS';

/** Every GENESIS dashboard links to the others. */
const links = [
  { dashboard: 'genesis-overview', title: 'Overview' },
  { dashboard: 'genesis-sla', title: 'SLA' },
  { dashboard: 'genesis-infrastructure', title: 'Infrastructure' },
  { dashboard: 'genesis-security-anomalies', title: 'Security and anomalies' },
  { dashboard: 'genesis-post-deploy', title: 'Post-deployment' },
];

/** Restarts of the orchestrator process: each deploy is one. */
const deploys = {
  name: 'Deploys and restarts',
  expr: `changes(process_start_time_seconds{${ORCH}}[$__rate_interval]) > 0`,
  title: '{{instance}} restarted',
  color: 'purple' as const,
};

const rate = (selector: string) => `sum(rate(${selector}[$__rate_interval]))`;
const runFailureRatio = `${rate(`genesis_orchestrator_runs_total{${ORCH}, status="failure"}`)} / ${rate(`genesis_orchestrator_runs_total{${ORCH}}`)}`;
const httpErrorRatio = `${rate(`http_requests_total{${ORCH}, code=~"5.."}`)} / ${rate(`http_requests_total{${ORCH}}`)}`;
const quantile = (q: number, histogram: string, selector: string) =>
  `histogram_quantile(${q}, sum by (le) (rate(${histogram}_bucket{${selector}}[$__rate_interval])))`;
const percentiles = (histogram: string, selector: string) => [
  { expr: quantile(0.5, histogram, selector), legend: 'p50' },
  { expr: quantile(0.95, histogram, selector), legend: 'p95' },
  { expr: quantile(0.99, histogram, selector), legend: 'p99' },
];
const average = (histogram: string, selector: string) =>
  `${rate(`${histogram}_sum{${selector}}`)} / ${rate(`${histogram}_count{${selector}}`)}`;
const passRate = `sum(genesis_test_suite_tests{${SUITE}, result="passed"}) / sum(genesis_test_suite_tests{${SUITE}, result=~"passed|failed"})`;
const upMappings = { '0': { text: 'DOWN', color: 'red' as const }, '1': { text: 'UP', color: 'green' as const } };

export const genesisOverview = defineDashboard({
  id: 'genesis-overview',
  title: 'GENESIS Orchestrator Overview',
  description: 'The orchestrator at a glance: availability, runs, latency, stability and token budget.',
  folder: FOLDER,
  tags: ['genesis'],
  refresh: '30s',
  time: '6h',
  links,
  alertAnnotations: { service: 'genesis-orchestrator' },
  annotations: [deploys],
  panels: [
    row({
      title: 'KPIs',
      panels: [
        stat({ title: 'Orchestrator', description: 'Whether Prometheus scrapes the orchestrator.', queries: [`min(up{${ORCH}})`], mappings: upMappings, width: 4 }),
        stat({
          title: 'Run success rate',
          description: 'Orchestration runs that succeed; HighFailureRate fires under 95%, CriticalFailureRate under 85%.',
          queries: [`1 - (${runFailureRatio})`],
          unit: 'percentunit',
          thresholds: { yellow: 0.95, red: 0.85 },
          graph: true,
          width: 4,
        }),
        stat({
          title: 'Run P95',
          description: '95th percentile of orchestration run duration; warning above 5 s, critical above 10 s.',
          queries: [quantile(0.95, 'genesis_orchestrator_run_duration_seconds', ORCH)],
          unit: 's',
          thresholds: { yellow: 5, red: 10 },
          graph: true,
          width: 4,
        }),
        stat({
          title: 'Stability score',
          description: 'The orchestrator\'s own stability score; StabilityScoreDropped fires under 0.95.',
          queries: [`min(genesis_orchestrator_stability_score{${ORCH}})`],
          unit: 'percentunit',
          thresholds: { yellow: 0.97, red: 0.95 },
          width: 4,
        }),
        stat({
          title: 'Token budget left',
          description: 'Share of the token budget left; TokenBudgetExhaustion fires under 10%.',
          queries: [`min(genesis_orchestrator_token_budget_remaining{${ORCH}} / genesis_orchestrator_token_budget_limit{${ORCH}})`],
          unit: 'percentunit',
          thresholds: { yellow: 0.25, red: 0.1 },
          width: 4,
        }),
        stat({
          title: 'Throughput',
          description: 'Operations per second; SystemThroughputDegraded fires under 4.',
          queries: [rate(`genesis_orchestrator_operations_total{${ORCH}}`)],
          unit: 'ops',
          thresholds: { yellow: 6, red: 4 },
          graph: true,
          width: 4,
        }),
      ],
    }),
    row({
      title: 'Runs',
      panels: [
        timeseries({
          title: 'Runs by status',
          description: 'Orchestration runs per second, by outcome.',
          queries: [{ expr: `sum by (status) (rate(genesis_orchestrator_runs_total{${ORCH}}[$__rate_interval]))`, legend: '{{status}}' }],
          unit: 'ops',
          stack: true,
        }),
        timeseries({
          title: 'Run duration percentiles',
          description: 'Orchestration run duration; the lines mark the 5 s warning and 10 s critical thresholds.',
          queries: percentiles('genesis_orchestrator_run_duration_seconds', ORCH),
          unit: 's',
          thresholds: { yellow: 5, red: 10 },
        }),
        timeseries({
          title: 'Operations per second',
          description: 'Orchestrator operations per second; throughput is degraded under 4.',
          queries: [{ expr: rate(`genesis_orchestrator_operations_total{${ORCH}}`), legend: 'operations' }],
          unit: 'ops',
          thresholds: { yellow: 6, red: 4 },
        }),
        timeseries({
          title: 'Queue depth',
          description: 'Runs waiting for a worker; the workers scale on it.',
          queries: [{ expr: `sum(genesis_orchestrator_queue_depth{${ORCH}})`, legend: 'queued' }],
          unit: 'short',
        }),
      ],
    }),
    row({
      title: 'HTTP',
      panels: [
        timeseries({
          title: 'Requests by code',
          description: 'HTTP requests per second, by status code.',
          queries: [{ expr: `sum by (code) (rate(http_requests_total{${ORCH}}[$__rate_interval]))`, legend: '{{code}}' }],
          unit: 'reqps',
          width: 8,
        }),
        timeseries({
          title: 'Error ratio',
          description: 'Share of HTTP requests answered with a 5xx; the 99.9% availability SLO allows 0.1%.',
          queries: [{ expr: httpErrorRatio, legend: '5xx' }],
          unit: 'percentunit',
          thresholds: { yellow: 0.0005, red: 0.001 },
          width: 8,
        }),
        timeseries({
          title: 'Latency percentiles',
          description: 'HTTP request duration; P95 under 2 s is the latency SLO.',
          queries: percentiles('http_request_duration_seconds', ORCH),
          unit: 's',
          thresholds: { yellow: 1, red: 2 },
          width: 8,
        }),
      ],
    }),
    row({
      title: 'Tokens and memory',
      collapsed: true,
      panels: [
        timeseries({
          title: 'Token budget',
          description: 'Tokens left of the budget, and the budget itself.',
          queries: [
            { expr: `sum(genesis_orchestrator_token_budget_remaining{${ORCH}})`, legend: 'remaining' },
            { expr: `sum(genesis_orchestrator_token_budget_limit{${ORCH}})`, legend: 'limit' },
          ],
          unit: 'short',
        }),
        timeseries({
          title: 'Resident memory',
          description: 'Resident memory of each orchestrator process.',
          queries: [{ expr: `process_resident_memory_bytes{${ORCH}}`, legend: '{{instance}}' }],
          unit: 'bytes',
        }),
      ],
    }),
  ],
});

const SLOS = ['genesis-availability', 'genesis-latency', 'genesis-post-deploy-latency'];

export const genesisSla = defineDashboard({
  id: 'genesis-sla',
  title: 'GENESIS SLA',
  description: 'SLA compliance and error budget of the orchestrator\'s SLOs: 99.9% availability, 95% within 2 s, 95% within 200 ms after a deploy.',
  folder: FOLDER,
  tags: ['genesis', 'slo'],
  refresh: '30s',
  time: '30d',
  links: [...links, ...SLOS.map((slo) => ({ dashboard: 'slos', vars: { slo }, title: `SLO ${slo}` }))],
  alertAnnotations: { service: 'genesis-orchestrator' },
  panels: [
    text({
      title: 'Reading this dashboard',
      description: 'How the SLOs on this dashboard are computed.',
      content: [
        'Each SLO is compiled into burn-rate alerts (see its own dashboard under **SLOs**).',
        'The SLI is the share of good requests over the last 30 days; the budget is what the objective leaves.',
        'A burn rate of 1 spends the budget exactly over 30 days; the fast page fires at 14.4.',
      ].join('\n\n'),
      height: 3,
    }),
    row({
      title: 'Compliance',
      panels: [
        stat({
          title: 'Availability (30d)',
          description: 'Requests not answered with a 5xx over 30 days; the objective is 99.9%.',
          queries: ['1 - slo:sli_error:ratio_rate30d{slo="genesis-availability"}'],
          unit: 'percentunit',
          decimals: 3,
          thresholds: { yellow: 0.9995, red: 0.999 },
          width: 8,
        }),
        stat({
          title: 'Within 2 s (30d)',
          description: 'Requests answered within 2 seconds over 30 days; the objective is 95%.',
          queries: ['1 - slo:sli_error:ratio_rate30d{slo="genesis-latency"}'],
          unit: 'percentunit',
          decimals: 2,
          thresholds: { yellow: 0.97, red: 0.95 },
          width: 8,
        }),
        stat({
          title: 'Readiness probe success',
          description: 'Share of successful /health/ready probes over the time range shown.',
          queries: ['avg_over_time(probe_success{job="genesis-health-ready"}[$__range])'],
          unit: 'percentunit',
          decimals: 3,
          thresholds: { yellow: 0.9995, red: 0.999 },
          width: 8,
        }),
        barGauge({
          title: 'Error budget left',
          description: 'Error budget left over 30 days, per SLO; the budget alerts fire at 50% and 80% spent.',
          queries: [{ expr: 'slo:period_error_budget_remaining:ratio{service="genesis-orchestrator"}', legend: '{{slo}}' }],
          unit: 'percentunit',
          min: 0,
          max: 1,
          thresholds: { yellow: 0.5, red: 0.2 },
          width: 24,
          height: 6,
        }),
      ],
    }),
    row({
      title: 'Burn',
      panels: [
        timeseries({
          title: 'Burn rate over 1 hour',
          description: 'Error ratio over the last hour divided by the error budget, per SLO: 14.4 pages.',
          queries: [{ expr: 'slo:sli_error:ratio_rate1h{service="genesis-orchestrator"} / on (slo) slo:error_budget:ratio{service="genesis-orchestrator"}', legend: '{{slo}}' }],
          unit: 'short',
          thresholds: { yellow: 6, red: 14.4 },
        }),
        timeseries({
          title: 'Error budget left over time',
          description: 'Error budget left over the trailing 30 days, per SLO.',
          queries: [{ expr: 'slo:period_error_budget_remaining:ratio{service="genesis-orchestrator"}', legend: '{{slo}}' }],
          unit: 'percentunit',
          thresholds: { yellow: 0.5, red: 0.2 },
        }),
        alertList({ title: 'SLO alerts', description: 'Burn-rate and budget alerts of the orchestrator.', labels: { service: 'genesis-orchestrator' }, width: 24, height: 6 }),
      ],
    }),
  ],
});

/** A signal next to the band its z-score alert allows: the hourly mean, 3 standard deviations either way. */
function anomalyBand(title: string, record: string, unit: string) {
  return timeseries({
    title,
    description: `${record} with its hourly mean and the ±3σ band the anomaly alert watches.`,
    queries: [
      { expr: `${record}{${ORCH}}`, legend: 'now' },
      { expr: `${record}_avg_1h{${ORCH}}`, legend: 'hourly mean' },
      { expr: `${record}_avg_1h{${ORCH}} + 3 * ${record}_stddev_1h{${ORCH}}`, legend: '+3σ' },
      { expr: `${record}_avg_1h{${ORCH}} - 3 * ${record}_stddev_1h{${ORCH}}`, legend: '-3σ' },
    ],
    unit,
    width: 8,
  });
}

export const genesisSecurityAnomalies = defineDashboard({
  id: 'genesis-security-anomalies',
  title: 'GENESIS Security and Anomalies',
  description: 'Rate limiting, HMAC validation and authentication failures, and the z-score anomaly signals.',
  folder: FOLDER,
  tags: ['genesis', 'security'],
  refresh: '30s',
  time: '6h',
  links,
  alertAnnotations: { service: 'genesis-orchestrator' },
  panels: [
    row({
      title: 'Security',
      panels: [
        timeseries({
          title: 'Rate-limited requests',
          description: 'Requests rejected by rate limiting per second; RateLimitingSpike fires above 10.',
          queries: [{ expr: rate(`genesis_security_rate_limited_requests_total{${SECURITY}}`), legend: 'rejected' }],
          unit: 'reqps',
          thresholds: { yellow: 5, red: 10 },
          width: 8,
        }),
        timeseries({
          title: 'HMAC validation failures',
          description: 'Webhook signatures that failed validation, per 5 minutes; any is an alert.',
          queries: [{ expr: `sum(increase(genesis_security_hmac_validation_failures_total{${SECURITY}}[5m]))`, legend: 'failures' }],
          unit: 'short',
          thresholds: { yellow: 0.5, red: 1 },
          width: 8,
        }),
        timeseries({
          title: 'Authentication failures',
          description: 'Failed authentications per second; AuthenticationFailureSpike fires above 1.',
          queries: [{ expr: rate(`genesis_security_auth_failures_total{${SECURITY}}`), legend: 'failures' }],
          unit: 'ops',
          thresholds: { yellow: 0.5, red: 1 },
          width: 8,
        }),
      ],
    }),
    row({
      title: 'Anomalies',
      panels: [
        anomalyBand('Request rate', 'job:genesis_http_requests:rate5m', 'reqps'),
        anomalyBand('Mean response time', 'job:genesis_http_request_duration_seconds:mean5m', 's'),
        anomalyBand('Resident memory', 'job:process_resident_memory_bytes:max', 'bytes'),
        timeseries({
          title: 'Z-scores',
          description: 'How many standard deviations each signal is from its hourly mean; the alerts fire beyond 3.',
          queries: ['job:genesis_http_requests:rate5m', 'job:genesis_http_request_duration_seconds:mean5m', 'job:process_resident_memory_bytes:max'].map((r) => ({
            expr: `(${r}{${ORCH}} - ${r}_avg_1h{${ORCH}}) / ${r}_stddev_1h{${ORCH}}`,
            legend: r.split(':')[1]!,
          })),
          unit: 'short',
          thresholds: { yellow: 2, red: 3 },
          width: 24,
        }),
      ],
    }),
  ],
});

/** Average and P95 of an HTDAG/HALO/AOP timing, a third of the width, with its alert's threshold when it has one. */
function componentTiming(title: string, histogram: string, description: string, thresholds?: { yellow: number; red: number }) {
  return timeseries({
    title,
    description,
    queries: [
      { expr: average(histogram, HTDAG), legend: 'average' },
      { expr: quantile(0.95, histogram, HTDAG), legend: 'p95' },
    ],
    unit: 's',
    ...(thresholds ? { thresholds } : {}),
    width: 8,
  });
}

export const genesisPostDeploy = defineDashboard({
  id: 'genesis-post-deploy',
  title: 'Genesis 48-Hour Post-Deployment Monitoring',
  description: 'The 48-hour watch after a deployment: the post-deployment SLOs (pass rate >= 98%, errors < 0.1%, P95 < 200 ms) and what feeds them.',
  folder: FOLDER,
  tags: ['genesis', 'post-deploy'],
  refresh: '10s',
  time: '48h',
  links,
  alertAnnotations: { team: 'genesis' },
  annotations: [deploys],
  panels: [
    stat({
      title: 'Test Pass Rate',
      description: 'Share of production health tests passing (SLO: at least 98%; warning under 99%).',
      queries: [passRate],
      unit: 'percentunit',
      thresholds: { yellow: 0.99, red: 0.98 },
    }),
    stat({
      title: 'Error Rate',
      description: 'Share of HTTP requests answered with a 5xx (SLO: under 0.1%).',
      queries: [httpErrorRatio],
      unit: 'percentunit',
      decimals: 3,
      thresholds: { yellow: 0.0005, red: 0.001 },
    }),
    stat({
      title: 'P95 Latency',
      description: '95th percentile of HTTP request duration (SLO: under 200 ms).',
      queries: [quantile(0.95, 'http_request_duration_seconds', ORCH)],
      unit: 's',
      thresholds: { yellow: 0.15, red: 0.2 },
    }),
    stat({
      title: 'System Health',
      description: 'Whether each GENESIS component answers its scrape.',
      queries: [{ expr: 'up{job=~"genesis-orchestrator|genesis-htdag-halo|genesis-test-suite"}', legend: '{{job}}' }],
      mappings: upMappings,
    }),
    timeseries({
      title: 'Test Pass Rate Over Time',
      description: 'Share of production health tests passing; the lines mark 99% (warning) and 98% (rollback).',
      queries: [{ expr: passRate, legend: 'pass rate' }],
      unit: 'percentunit',
      thresholds: { yellow: 0.99, red: 0.98 },
    }),
    timeseries({
      title: 'Error Rate Trend',
      description: 'Share of HTTP requests answered with a 5xx; the line marks the 0.1% SLO.',
      queries: [{ expr: httpErrorRatio, legend: '5xx' }],
      unit: 'percentunit',
      thresholds: { yellow: 0.0005, red: 0.001 },
    }),
    timeseries({
      title: 'Operation Latency Percentiles',
      description: 'P50, P95 and P99 of HTTP request duration; the line marks the 200 ms SLO.',
      queries: percentiles('http_request_duration_seconds', ORCH),
      unit: 's',
      thresholds: { yellow: 0.15, red: 0.2 },
    }),
    timeseries({
      title: 'System Resource Usage',
      description: 'CPU busy and memory used on the GENESIS host.',
      queries: [
        { expr: '1 - avg(rate(node_cpu_seconds_total{job="genesis-node", mode="idle"}[$__rate_interval]))', legend: 'CPU' },
        { expr: '1 - sum(node_memory_MemAvailable_bytes{job="genesis-node"}) / sum(node_memory_MemTotal_bytes{job="genesis-node"})', legend: 'memory' },
      ],
      unit: 'percentunit',
      min: 0,
      max: 1,
      thresholds: { yellow: 0.8, red: 0.9 },
    }),
    componentTiming('HTDAG Performance', 'genesis_htdag_decomposition_duration_seconds', 'Task decomposition time; HTDAGDecompositionSlow fires when the average passes 150 ms.', { yellow: 0.1, red: 0.15 }),
    componentTiming('HALO Routing Performance', 'genesis_halo_routing_duration_seconds', 'Routing decision time; HALORoutingSlow fires when the average passes 130 ms.', { yellow: 0.1, red: 0.13 }),
    componentTiming('AOP Validation Performance', 'genesis_aop_validation_duration_seconds', 'Plan validation time.'),
    table({
      title: 'Test Execution Details',
      description: 'Tests of the last run, by result.',
      queries: [`sum by (result) (genesis_test_suite_tests{${SUITE}})`],
      unit: 'short',
      columns: { result: 'Result', Value: 'Tests' },
      width: 12,
    }),
    alertList({ title: 'Active Alerts', description: 'Firing and pending alerts of the GENESIS team.', labels: { team: 'genesis' }, width: 12 }),
  ],
});
