import { defineAlert, zScoreAnomaly, type MetricType, type RuleGroupInput } from '#schemas';
import * as runbooks from '../runbooks.ts';

/**
 * Anomaly detection and security signals of the GENESIS orchestrator, which
 * replace the seeds' home-made detector with recording rules and alerts. The
 * service in genesis-orchestrator.ts includes these groups and metrics.
 */

/** Metrics these groups read that the orchestrator exposes. */
export const signalMetrics: Record<string, MetricType> = {
  http_requests_total: 'counter',
  http_request_duration_seconds: 'histogram',
  process_resident_memory_bytes: 'gauge',
  process_start_time_seconds: 'gauge',
  genesis_security_rate_limited_requests_total: 'counter',
  genesis_security_hmac_validation_failures_total: 'counter',
  genesis_security_auth_failures_total: 'counter',
};

const JOB = 'job="genesis-orchestrator"';
const SECURITY = 'job="genesis-orchestrator-security"';
const BY_JOB = { job: 'genesis-orchestrator' };

/*
 * The baseline is one hour: long enough to smooth scrape noise, short enough
 * that a change which lasts is the new normal within the hour (the seeds'
 * detector adapted its thresholds the same way).
 */
const requestRate = zScoreAnomaly({
  alert: 'RequestRateAnomaly',
  dashboard: 'genesis-security-anomalies',
  record: 'job:genesis_http_requests:rate5m',
  expr: `sum by (job) (rate(http_requests_total{${JOB}}[5m]))`,
  baseline: '1h',
  sigmas: 3,
  for: '5m',
  severity: 'warning',
  summary: 'Request rate of {{ $labels.job }} is more than 3 standard deviations from its hourly mean',
  tests: [
    {
      name: 'fires when traffic jumps tenfold after a steady hour',
      series: { 'http_requests_total{job="genesis-orchestrator", code="200"}': '0+60x60 3660+600x15' },
      at: '68m',
      fires: [{ labels: BY_JOB, annotations: { summary: 'Request rate of genesis-orchestrator is more than 3 standard deviations from its hourly mean' } }],
    },
    { name: 'stays quiet on steady traffic', series: { 'http_requests_total{job="genesis-orchestrator", code="200"}': '0+60x75' }, at: '75m', fires: [] },
  ],
});

const responseTime = zScoreAnomaly({
  alert: 'ResponseTimeAnomaly',
  dashboard: 'genesis-security-anomalies',
  record: 'job:genesis_http_request_duration_seconds:mean5m',
  expr: `sum by (job) (rate(http_request_duration_seconds_sum{${JOB}}[5m])) / sum by (job) (rate(http_request_duration_seconds_count{${JOB}}[5m]))`,
  baseline: '1h',
  sigmas: 2,
  for: '5m',
  severity: 'warning',
  summary: 'Mean response time of {{ $labels.job }} is more than 2 standard deviations from its hourly mean',
  tests: [
    {
      name: 'fires when responses go from 100 ms to a second',
      series: {
        'http_request_duration_seconds_count{job="genesis-orchestrator"}': '0+60x75',
        'http_request_duration_seconds_sum{job="genesis-orchestrator"}': '0+6x60 366+60x15',
      },
      at: '68m',
      fires: [{ labels: BY_JOB, annotations: { summary: 'Mean response time of genesis-orchestrator is more than 2 standard deviations from its hourly mean' } }],
    },
    {
      name: 'stays quiet at a steady 100 ms',
      series: {
        'http_request_duration_seconds_count{job="genesis-orchestrator"}': '0+60x75',
        'http_request_duration_seconds_sum{job="genesis-orchestrator"}': '0+6x75',
      },
      at: '75m',
      fires: [],
    },
  ],
});

const memory = zScoreAnomaly({
  alert: 'MemoryUsageAnomaly',
  dashboard: 'genesis-security-anomalies',
  record: 'job:process_resident_memory_bytes:max',
  expr: `max by (job) (process_resident_memory_bytes{${JOB}})`,
  baseline: '1h',
  sigmas: 3,
  for: '2m',
  severity: 'warning',
  summary: 'Memory of {{ $labels.job }} is more than 3 standard deviations from its hourly mean',
  tests: [
    {
      name: 'fires when memory jumps from 500 MB to 2 GB',
      series: { 'process_resident_memory_bytes{job="genesis-orchestrator", instance="genesis-orchestrator:8000"}': '5e8x60 2e9x15' },
      at: '64m',
      fires: [{ labels: BY_JOB, annotations: { summary: 'Memory of genesis-orchestrator is more than 3 standard deviations from its hourly mean' } }],
    },
    {
      name: 'stays quiet while memory wobbles around 500 MB',
      series: { 'process_resident_memory_bytes{job="genesis-orchestrator", instance="genesis-orchestrator:8000"}': '5e8 5.1e8 4.9e8 5e8 5.1e8 4.9e8 5e8 5.1e8 4.9e8 5e8 5.1e8 4.9e8 5e8 5.1e8 4.9e8 5e8 5.1e8 4.9e8 5e8 5.1e8' },
      at: '19m',
      fires: [],
    },
  ],
});

/** Z-score anomaly detection: request rate (3 sigma), response time (2 sigma), memory (3 sigma). */
export const anomalyGroup: RuleGroupInput = {
  name: 'genesis-orchestrator-anomalies',
  records: [...requestRate.records, ...responseTime.records, ...memory.records],
  alerts: [requestRate.alert, responseTime.alert, memory.alert],
};

// The seeds list rate limiting, HMAC and authentication metrics without thresholds; these are ours.
const rateLimiting = defineAlert({
  alert: 'RateLimitingSpike',
  dashboard: 'genesis-security-anomalies',
  expr: `sum by (job) (rate(genesis_security_rate_limited_requests_total{${SECURITY}}[5m])) > 10`,
  for: '5m',
  severity: 'warning',
  labels: { category: 'security' },
  summary: 'Rate limiting rejects {{ $value | humanize }} requests per second',
  description: 'More than 10 requests per second are rejected by rate limiting: a client misbehaves or an abuse attempt is under way.',
  tests: [
    { name: 'fires at 20 rejections per second', series: { 'genesis_security_rate_limited_requests_total{job="genesis-orchestrator-security"}': '0+1200x20' }, at: '15m', fires: [{ labels: { job: 'genesis-orchestrator-security' }, annotations: { summary: 'Rate limiting rejects 20 requests per second' } }] },
    { name: 'stays quiet at one rejection per second', series: { 'genesis_security_rate_limited_requests_total{job="genesis-orchestrator-security"}': '0+60x20' }, at: '15m', fires: [] },
  ],
});

const hmac = defineAlert({
  alert: 'HMACValidationFailures',
  runbook: runbooks.securitySpike,
  dashboard: 'genesis-security-anomalies',
  expr: `sum by (job) (increase(genesis_security_hmac_validation_failures_total{${SECURITY}}[5m])) > 0`,
  for: '5m',
  severity: 'high',
  labels: { category: 'security' },
  summary: 'HMAC signature validation keeps failing: webhook payloads may be forged',
  tests: [
    { name: 'fires when a failure arrives every minute', series: { 'genesis_security_hmac_validation_failures_total{job="genesis-orchestrator-security"}': '0+1x20' }, at: '15m', fires: [{ labels: { job: 'genesis-orchestrator-security' } }] },
    { name: 'stays quiet when old failures stop growing', series: { 'genesis_security_hmac_validation_failures_total{job="genesis-orchestrator-security"}': '3x20' }, at: '15m', fires: [] },
  ],
});

const authFailures = defineAlert({
  alert: 'AuthenticationFailureSpike',
  runbook: runbooks.securitySpike,
  dashboard: 'genesis-security-anomalies',
  expr: `sum by (job) (rate(genesis_security_auth_failures_total{${SECURITY}}[5m])) > 1`,
  for: '5m',
  severity: 'high',
  labels: { category: 'security' },
  summary: 'Authentication fails {{ $value | humanize }} times per second',
  description: 'More than one failed authentication per second for 5 minutes: a credential-stuffing or brute-force attempt is likely.',
  tests: [
    { name: 'fires at two failures per second', series: { 'genesis_security_auth_failures_total{job="genesis-orchestrator-security"}': '0+120x20' }, at: '15m', fires: [{ labels: { job: 'genesis-orchestrator-security' }, annotations: { summary: 'Authentication fails 2 times per second' } }] },
    { name: 'stays quiet at a failure a minute', series: { 'genesis_security_auth_failures_total{job="genesis-orchestrator-security"}': '0+1x20' }, at: '15m', fires: [] },
  ],
});

/** Rate limiting, HMAC validation failures, authentication failures. */
export const securityGroup: RuleGroupInput = { name: 'genesis-orchestrator-security', alerts: [rateLimiting, hmac, authFailures] };
