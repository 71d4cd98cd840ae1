import { blackboxProbe, defineAlert, defineScaling, defineService, defineSlo, errorRatioAlert, exhaustionAlert, latencyQuantileAlert, type PostDeployInput } from '#schemas';
import { anomalyGroup, securityGroup, signalMetrics } from './genesis-orchestrator-signals.ts';
import { BLACKBOX } from './monitoring.ts';
import { businessHours, gentleScaleDown } from '../scaling-conventions.ts';
import * as runbooks from '../runbooks.ts';
import { onKubernetes } from '../kubernetes.ts';

const JOB = 'job="genesis-orchestrator"';
const UP = 'up{job="genesis-orchestrator", instance="genesis-orchestrator:8000"}';
const INSTANCE = { job: 'genesis-orchestrator', instance: 'genesis-orchestrator:8000' };
const BY_JOB = { job: 'genesis-orchestrator' };

/** Orchestration runs that fail, as a share of all runs over 5 minutes. */
const failureRatio = `sum by (job) (rate(genesis_orchestrator_runs_total{${JOB}, status="failure"}[5m])) / sum by (job) (rate(genesis_orchestrator_runs_total{${JOB}}[5m]))`;
const runs = (failure: string, success: string) => ({
  'genesis_orchestrator_runs_total{job="genesis-orchestrator", status="failure"}': failure,
  'genesis_orchestrator_runs_total{job="genesis-orchestrator", status="success"}': success,
});

/** P95 of orchestration run duration over 5 minutes. */
const runP95 = `histogram_quantile(0.95, sum by (le, job) (rate(genesis_orchestrator_run_duration_seconds_bucket{${JOB}}[5m])))`;
const runBuckets = (le5: string, le10: string, le30: string) => ({
  'genesis_orchestrator_run_duration_seconds_bucket{job="genesis-orchestrator", le="1"}': '0x20',
  'genesis_orchestrator_run_duration_seconds_bucket{job="genesis-orchestrator", le="5"}': le5,
  'genesis_orchestrator_run_duration_seconds_bucket{job="genesis-orchestrator", le="10"}': le10,
  'genesis_orchestrator_run_duration_seconds_bucket{job="genesis-orchestrator", le="30"}': le30,
  'genesis_orchestrator_run_duration_seconds_bucket{job="genesis-orchestrator", le="+Inf"}': '0+10x20',
});

const down = defineAlert({
  alert: 'GenesisOrchestratorDown',
  runbook: runbooks.genesisOrchestratorDown,
  dashboard: 'genesis-overview',
  expr: `up{${JOB}} == 0`,
  for: '30s',
  severity: 'critical',
  labels: { signal: 'down', automated_response: 'restart' },
  summary: 'GENESIS orchestrator {{ $labels.instance }} is down',
  description: 'No scrape succeeded for 30 seconds; the automated response restarts the service.',
  tests: [
    { name: 'fires after 30 seconds without a successful scrape', series: { [UP]: '1 0x5' }, at: '3m', fires: [{ labels: INSTANCE, annotations: { summary: 'GENESIS orchestrator genesis-orchestrator:8000 is down' } }] },
    { name: 'stays quiet while scrapes succeed', series: { [UP]: '1x5' }, at: '3m', fires: [] },
  ],
});

const criticalFailureRate = errorRatioAlert({
  alert: 'CriticalFailureRate',
  runbook: runbooks.criticalFailureRate,
  dashboard: 'genesis-overview',
  errors: `genesis_orchestrator_runs_total{${JOB}, status="failure"}`,
  total: `genesis_orchestrator_runs_total{${JOB}}`,
  above: 0.15,
  by: ['job'],
  for: '2m',
  severity: 'critical',
  labels: { signal: 'failure-rate', automated_response: 'circuit-breaker' },
  summary: 'Orchestration failure rate is {{ $value | humanizePercentage }}',
  description: 'More than 15% of orchestration runs fail; the circuit breaker opens.',
  tests: [
    { name: 'fires at 20% failures', series: runs('0+20x20', '0+80x20'), at: '15m', fires: [{ labels: BY_JOB, annotations: { summary: 'Orchestration failure rate is 20%' } }] },
    { name: 'stays quiet at 1% failures', series: runs('0+1x20', '0+99x20'), at: '15m', fires: [] },
  ],
});

const highFailureRate = defineAlert({
  alert: 'HighFailureRate',
  runbook: runbooks.highFailureRate,
  dashboard: 'genesis-overview',
  expr: `(${failureRatio}) > 0.05 and (${failureRatio}) <= 0.15`,
  for: '5m',
  severity: 'warning',
  labels: { signal: 'failure-rate' },
  summary: 'Orchestration failure rate is {{ $value | humanizePercentage }}',
  description: 'Between 5% and 15% of orchestration runs fail.',
  tests: [
    { name: 'fires at 10% failures', series: runs('0+10x20', '0+90x20'), at: '15m', fires: [{ labels: BY_JOB, annotations: { summary: 'Orchestration failure rate is 10%' } }] },
    { name: 'stays quiet at 1% failures', series: runs('0+1x20', '0+99x20'), at: '15m', fires: [] },
  ],
});

const criticalLatency = latencyQuantileAlert({
  alert: 'CriticalOrchestrationLatency',
  runbook: runbooks.criticalOrchestrationLatency,
  dashboard: 'genesis-overview',
  histogram: 'genesis_orchestrator_run_duration_seconds',
  matchers: JOB,
  above: 10,
  by: ['job'],
  for: '5m',
  severity: 'critical',
  labels: { signal: 'orchestration-latency' },
  summary: 'P95 orchestration latency is {{ $value | humanizeDuration }}',
  description: 'Orchestration runs take more than 10 seconds at the 95th percentile.',
  tests: [
    { name: 'fires when runs take 10 to 30 seconds', series: runBuckets('0x20', '0x20', '0+10x20'), at: '15m', fires: [{ labels: BY_JOB, annotations: { summary: 'P95 orchestration latency is 29s' } }] },
    { name: 'stays quiet when runs take under a second', series: { ...runBuckets('0+10x20', '0+10x20', '0+10x20'), 'genesis_orchestrator_run_duration_seconds_bucket{job="genesis-orchestrator", le="1"}': '0+10x20' }, at: '15m', fires: [] },
  ],
});

const highLatency = defineAlert({
  alert: 'HighOrchestrationLatency',
  runbook: runbooks.highOrchestrationLatency,
  dashboard: 'genesis-overview',
  expr: `${runP95} > 5 and ${runP95} <= 10`,
  for: '5m',
  severity: 'warning',
  labels: { signal: 'orchestration-latency' },
  summary: 'P95 orchestration latency is between 5 and 10 seconds',
  tests: [
    { name: 'fires when runs take 5 to 10 seconds', series: runBuckets('0x20', '0+10x20', '0+10x20'), at: '15m', fires: [{ labels: BY_JOB }] },
    { name: 'stays quiet when runs take 1 to 5 seconds', series: runBuckets('0+10x20', '0+10x20', '0+10x20'), at: '15m', fires: [] },
  ],
});

const stability = defineAlert({
  alert: 'StabilityScoreDropped',
  runbook: runbooks.stabilityScoreDropped,
  dashboard: 'genesis-overview',
  expr: `genesis_orchestrator_stability_score{${JOB}} < 0.95`,
  for: '5m',
  severity: 'warning',
  summary: 'Stability score is {{ $value | humanizePercentage }}',
  description: 'The orchestrator stability score fell under 95%.',
  tests: [
    { name: 'fires at a 90% stability score', series: { 'genesis_orchestrator_stability_score{job="genesis-orchestrator", instance="genesis-orchestrator:8000"}': '0.9x10' }, at: '10m', fires: [{ labels: INSTANCE, annotations: { summary: 'Stability score is 90%' } }] },
    { name: 'stays quiet at 99%', series: { 'genesis_orchestrator_stability_score{job="genesis-orchestrator", instance="genesis-orchestrator:8000"}': '0.99x10' }, at: '10m', fires: [] },
  ],
});

const budget = (remaining: string) => ({
  'genesis_orchestrator_token_budget_remaining{job="genesis-orchestrator", instance="genesis-orchestrator:8000"}': remaining,
  'genesis_orchestrator_token_budget_limit{job="genesis-orchestrator", instance="genesis-orchestrator:8000"}': '100000x10',
});

const tokenBudget = defineAlert({
  alert: 'TokenBudgetExhaustion',
  dashboard: 'genesis-overview',
  expr: `genesis_orchestrator_token_budget_remaining{${JOB}} / genesis_orchestrator_token_budget_limit{${JOB}} < 0.1`,
  for: '5m',
  severity: 'warning',
  labels: { signal: 'token-budget' },
  summary: 'Less than 10% of the token budget remains',
  tests: [
    { name: 'fires with 5% of the budget left', series: budget('5000x10'), at: '10m', fires: [{ labels: INSTANCE }] },
    { name: 'stays quiet with half the budget left', series: budget('50000x10'), at: '10m', fires: [] },
  ],
});

const tokenBudgetPredicted = exhaustionAlert({
  alert: 'TokenBudgetExhaustionPredicted',
  dashboard: 'genesis-overview',
  series: `genesis_orchestrator_token_budget_remaining{${JOB}}`,
  lookback: '30m',
  within: '1h',
  for: '5m',
  severity: 'warning',
  labels: { signal: 'token-budget' },
  summary: 'The token budget runs out within the hour at the current spend',
  tests: [
    { name: 'fires when 2,000 tokens go every minute with 20,000 left', series: { 'genesis_orchestrator_token_budget_remaining{job="genesis-orchestrator", instance="genesis-orchestrator:8000"}': '100000-2000x40' }, at: '40m', fires: [{ labels: INSTANCE }] },
    { name: 'stays quiet when spend is flat', series: { 'genesis_orchestrator_token_budget_remaining{job="genesis-orchestrator", instance="genesis-orchestrator:8000"}': '100000x40' }, at: '40m', fires: [] },
  ],
});

const http = (errors: string, ok: string) => ({
  'http_requests_total{job="genesis-orchestrator", code="500"}': errors,
  'http_requests_total{job="genesis-orchestrator", code="200"}': ok,
});

const highErrorRate = errorRatioAlert({
  alert: 'HighErrorRate',
  runbook: runbooks.highErrorRate,
  dashboard: 'genesis-post-deploy',
  errors: `http_requests_total{${JOB}, code=~"5.."}`,
  total: `http_requests_total{${JOB}}`,
  above: 0.001,
  by: ['job'],
  for: '2m',
  severity: 'critical',
  labels: { signal: 'error-rate', automated_response: 'rollback' },
  summary: 'HTTP error rate is {{ $value | humanizePercentage }} (post-deployment SLO: under 0.1%)',
  tests: [
    { name: 'fires at 1% errors', series: http('0+1x20', '0+99x20'), at: '15m', fires: [{ labels: BY_JOB, annotations: { summary: 'HTTP error rate is 1% (post-deployment SLO: under 0.1%)' } }] },
    { name: 'stays quiet without errors', series: http('0x20', '0+100x20'), at: '15m', fires: [] },
  ],
});

const latencyBuckets = (fast: string) => ({
  'http_request_duration_seconds_bucket{job="genesis-orchestrator", le="0.1"}': fast,
  'http_request_duration_seconds_bucket{job="genesis-orchestrator", le="0.5"}': '0+10x20',
  'http_request_duration_seconds_bucket{job="genesis-orchestrator", le="+Inf"}': '0+10x20',
});

const highLatencyP95 = latencyQuantileAlert({
  alert: 'HighLatencyP95',
  runbook: runbooks.highLatencyP95,
  dashboard: 'genesis-post-deploy',
  histogram: 'http_request_duration_seconds',
  matchers: JOB,
  above: 0.2,
  by: ['job'],
  for: '5m',
  severity: 'critical',
  labels: { signal: 'latency', automated_response: 'rollback' },
  summary: 'HTTP P95 latency is above 200ms (post-deployment SLO)',
  tests: [
    { name: 'fires when requests take 100 to 500 ms', series: latencyBuckets('0x20'), at: '15m', fires: [{ labels: BY_JOB }] },
    { name: 'stays quiet when requests take under 100 ms', series: latencyBuckets('0+10x20'), at: '15m', fires: [] },
  ],
});

const throughput = defineAlert({
  alert: 'SystemThroughputDegraded',
  dashboard: 'genesis-overview',
  expr: `sum by (job) (rate(genesis_orchestrator_operations_total{${JOB}}[5m])) < 4`,
  for: '10m',
  severity: 'warning',
  summary: 'Throughput is {{ $value | humanize }} operations per second (expected at least 4)',
  tests: [
    { name: 'fires at 2 operations per second', series: { 'genesis_orchestrator_operations_total{job="genesis-orchestrator", instance="genesis-orchestrator:8000"}': '0+120x30' }, at: '20m', fires: [{ labels: BY_JOB, annotations: { summary: 'Throughput is 2 operations per second (expected at least 4)' } }] },
    { name: 'stays quiet at 10 operations per second', series: { 'genesis_orchestrator_operations_total{job="genesis-orchestrator", instance="genesis-orchestrator:8000"}': '0+600x30' }, at: '20m', fires: [] },
  ],
});

/** The seeds' SLA: 99.9% availability (43.2 minutes a month), which also keeps the error rate under its 1% ceiling. */
const availability = defineSlo({
  id: 'genesis-availability',
  runbook: runbooks.genesisAvailabilitySlo,
  description: 'Orchestrator requests that do not fail with a 5xx',
  objective: 99.9,
  period: '30d',
  sli: { events: { errors: `http_requests_total{${JOB}, code=~"5.."}`, total: `http_requests_total{${JOB}}` } },
});

/** The seeds' SLA: P95 response time at most 2 seconds, that is 95% of requests within 2 s. */
const latency = defineSlo({
  id: 'genesis-latency',
  runbook: runbooks.genesisLatencySlo,
  description: '95% of orchestrator requests answer within 2 seconds',
  objective: 95,
  period: '30d',
  sli: { latency: { histogram: 'http_request_duration_seconds', matchers: { job: 'genesis-orchestrator' }, threshold: 2 } },
});

/**
 * The 48-hour post-deployment SLO: P95 under 200 ms. Its error-rate twin
 * (under 0.1%) is genesis-availability; HighErrorRate and HighLatencyP95 stay
 * as the fast rollback triggers of the deployment protocol.
 */
const postDeployLatency = defineSlo({
  id: 'genesis-post-deploy-latency',
  runbook: runbooks.postDeploy,
  description: '95% of orchestrator requests answer within 200 ms after a deployment',
  objective: 95,
  period: '30d',
  sli: { latency: { histogram: 'http_request_duration_seconds', matchers: { job: 'genesis-orchestrator' }, threshold: 0.2 } },
});


/**
 * The orchestrator API scales on request rate and P95 latency from Prometheus,
 * and on CPU and memory; the budget caps it at 10 replicas.
 */
const apiScaling = defineScaling({
  workload: { name: 'genesis-orchestrator', namespace: 'genesis' },
  minReplicas: 2,
  maxReplicas: 10,
  cost: { perReplica: 120, budget: 1200 },
  signals: [
    { prometheus: { name: 'request-rate', query: `sum(rate(http_requests_total{${JOB}}[2m]))`, target: { type: 'AverageValue', value: 50 } } },
    { prometheus: { name: 'p95-latency', query: `histogram_quantile(0.95, sum by (le) (rate(http_request_duration_seconds_bucket{${JOB}}[2m])))`, target: { type: 'Value', value: 1.5 } } },
    { cpu: { utilization: 70 } },
    { memory: { utilization: 80 } },
  ],
  behavior: { scaleDown: gentleScaleDown },
  schedules: businessHours(4),
  fallback: { failureThreshold: 3, replicas: 4 },
});

/** The orchestration workers scale on the queue of pending runs. */
const workerScaling = defineScaling({
  workload: { name: 'genesis-orchestrator-worker', namespace: 'genesis' },
  minReplicas: 1,
  maxReplicas: 8,
  cost: { perReplica: 80, budget: 640 },
  signals: [
    { prometheus: { name: 'queue-depth', query: 'sum(genesis_orchestrator_queue_depth{job="genesis-orchestrator"})', target: { type: 'AverageValue', value: 20 } } },
    { cpu: { utilization: 75 } },
  ],
  behavior: { scaleDown: gentleScaleDown },
  schedules: businessHours(2),
  fallback: { failureThreshold: 3, replicas: 2 },
});

/**
 * The GENESIS orchestrator API (port 8000). The seeds scrape its critical
 * application metrics every 5 s and the rest at the global 15 s.
 * `/health/metrics` is JSON for humans, not Prometheus text, so it is not scraped;
 * `/health/ready` and `/health/live` are probed through the blackbox exporter.
 */
/** The orchestrator serves three metrics paths on one port; each job finds it through its Service. */
const ORCHESTRATOR_SERVICE = onKubernetes('genesis', 'genesis-orchestrator');

/**
 * The seeds' 48-hour post-deployment protocol: error rate under 0.1%, P95
 * under 200 ms, test pass rate at least 95%, and the availability SLO not
 * burning at the paging rate; any breach rolls back. `monac verify` runs it,
 * and so does the Rollout through its AnalysisTemplate.
 */
const postDeploy: PostDeployInput = {
  window: '48h',
  every: '5m',
  namespace: 'genesis',
  checks: [
    {
      name: 'error-rate',
      query: `sum(rate(http_requests_total{${JOB}, code=~"5.."}[5m])) / sum(rate(http_requests_total{${JOB}}[5m]))`,
      max: 0.001,
    },
    {
      name: 'p95-latency',
      query: `histogram_quantile(0.95, sum by (le) (rate(http_request_duration_seconds_bucket{${JOB}}[5m])))`,
      max: 0.2,
    },
    {
      name: 'test-pass-rate',
      query: 'sum(genesis_test_suite_tests{job="genesis-test-suite", result="passed"}) / sum(genesis_test_suite_tests{job="genesis-test-suite", result=~"passed|failed"})',
      min: 0.95,
    },
    { name: 'availability-burn', slo: 'genesis-availability', maxBurnRate: 14.4, window: '1h' },
  ],
};

export const genesisOrchestrator = defineService({
  id: 'genesis-orchestrator',
  description: 'GENESIS orchestrator API: orchestration runs, routing, token budgets',
  team: 'genesis',
  labels: { tier: 'critical' },
  endpoints: [
    { job: 'genesis-orchestrator', metricsPath: '/api/metrics/application', targets: ['genesis-orchestrator:8000'], kubernetes: ORCHESTRATOR_SERVICE, interval: '5s', timeout: '4s' },
    { job: 'genesis-orchestrator-business', metricsPath: '/api/metrics/business', targets: ['genesis-orchestrator:8000'], kubernetes: ORCHESTRATOR_SERVICE },
    { job: 'genesis-orchestrator-security', metricsPath: '/api/metrics/security', targets: ['genesis-orchestrator:8000'], kubernetes: ORCHESTRATOR_SERVICE },
    blackboxProbe({ job: 'genesis-health-ready', prober: BLACKBOX, urls: ['http://genesis-orchestrator:8000/health/ready'], interval: '5s', timeout: '4s' }),
    blackboxProbe({ job: 'genesis-health-live', prober: BLACKBOX, urls: ['http://genesis-orchestrator:8000/health/live'], interval: '5s', timeout: '4s' }),
  ],
  metrics: {
    ...signalMetrics,
    genesis_orchestrator_runs_total: 'counter',
    genesis_orchestrator_run_duration_seconds: 'histogram',
    genesis_orchestrator_stability_score: 'gauge',
    genesis_orchestrator_token_budget_remaining: 'gauge',
    genesis_orchestrator_token_budget_limit: 'gauge',
    genesis_orchestrator_operations_total: 'counter',
    genesis_orchestrator_queue_depth: 'gauge',
    http_requests_total: 'counter',
    http_request_duration_seconds: 'histogram',
  },
  ruleGroups: [
    { name: 'genesis-orchestrator-availability', alerts: [down, criticalFailureRate, highFailureRate, stability] },
    { name: 'genesis-orchestrator-performance', alerts: [criticalLatency, highLatency, throughput, tokenBudget, tokenBudgetPredicted] },
    { name: 'genesis-post-deployment', alerts: [highErrorRate, highLatencyP95] },
    anomalyGroup,
    securityGroup,
  ],
  slos: [availability, latency, postDeployLatency],
  scaling: [apiScaling, workerScaling],
  postDeploy,
});
