import { defineAlert, defineScaling, defineService, defineSlo, postgresExporter, redisExporter, type AlertRuleInput } from '#schemas';
import { businessHours, gentleScaleDown } from '../scaling-conventions.ts';
import * as runbooks from '../runbooks.ts';
import type { RunbookInput } from '#schemas';
import { onKubernetes } from '../kubernetes.ts';

/** An Autonomica component whose scrape target is gone. */
function downAlert(alert: string, job: string, instance: string, severity: 'critical' | 'high', summary: string, runbook: RunbookInput): AlertRuleInput {
  const up = `up{job="${job}", instance="${instance}"}`;
  return defineAlert({
    alert,
    dashboard: 'autonomica-application',
    expr: `up{job="${job}"} == 0`,
    for: '1m',
    severity,
    labels: { signal: 'down' },
    summary,
    runbook,
    tests: [
      { name: 'fires after a minute down', series: { [up]: '1 0x5' }, at: '4m', fires: [{ labels: { job, instance } }] },
      { name: 'stays quiet while up', series: { [up]: '1x5' }, at: '4m', fires: [] },
    ],
  });
}

const API = 'job="autonomica-api"';

/*
 * The seeds' hand-written AutonomicaHighApiErrorRate (> 5%) and
 * AutonomicaHighResponseTime (P95 > 2 s) are replaced by these SLOs: their
 * burn-rate alerts page on the same conditions with less noise.
 */
const availability = defineSlo({
  id: 'autonomica-availability',
  runbook: runbooks.autonomicaAvailabilitySlo,
  description: 'Autonomica API requests that do not fail with a 5xx',
  objective: 99.5,
  period: '30d',
  sli: { events: { errors: `http_requests_total{${API}, status=~"5.."}`, total: `http_requests_total{${API}}` } },
});

const latency = defineSlo({
  id: 'autonomica-latency',
  runbook: runbooks.autonomicaLatencySlo,
  description: '95% of Autonomica API requests answer within 2 seconds',
  objective: 95,
  period: '30d',
  sli: { latency: { histogram: 'http_request_duration_seconds', matchers: { job: 'autonomica-api' }, threshold: 2 } },
});

const apiScaling = defineScaling({
  workload: { name: 'autonomica-api', namespace: 'autonomica' },
  minReplicas: 2,
  maxReplicas: 8,
  cost: { perReplica: 100, budget: 800 },
  signals: [
    { prometheus: { name: 'request-rate', query: `sum(rate(http_requests_total{${API}}[2m]))`, target: { type: 'AverageValue', value: 40 } } },
    { cpu: { utilization: 70 } },
  ],
  behavior: { scaleDown: gentleScaleDown },
  schedules: businessHours(3),
  fallback: { failureThreshold: 3, replicas: 3 },
});

/** The Autonomica production API. */
export const autonomicaApi = defineService({
  id: 'autonomica-api',
  description: 'Autonomica production API',
  team: 'autonomica',
  endpoints: [{ job: 'autonomica-api', targets: ['autonomica-api:8000'], kubernetes: onKubernetes('autonomica', 'autonomica-api') }],
  metrics: { http_requests_total: 'counter', http_request_duration_seconds: 'histogram' },
  ruleGroups: [{
    name: 'autonomica-api',
    alerts: [downAlert('AutonomicaApiDown', 'autonomica-api', 'autonomica-api:8000', 'critical', 'The Autonomica API is down', runbooks.autonomicaApiDown)],
  }],
  slos: [availability, latency],
  scaling: [apiScaling],
});

/** The Autonomica production frontend. */
export const autonomicaFrontend = defineService({
  id: 'autonomica-frontend',
  description: 'Autonomica production frontend',
  team: 'autonomica',
  endpoints: [{ job: 'autonomica-frontend', targets: ['autonomica-frontend:3000'], kubernetes: onKubernetes('autonomica', 'autonomica-frontend') }],
  ruleGroups: [{
    name: 'autonomica-frontend',
    // Users cannot reach the product without it: it pages like the API.
    alerts: [downAlert('AutonomicaFrontendDown', 'autonomica-frontend', 'autonomica-frontend:3000', 'critical', 'The Autonomica frontend is down', runbooks.autonomicaFrontendDown)],
  }],
});

/** The Autonomica background workers. */
export const autonomicaWorker = defineService({
  id: 'autonomica-worker',
  description: 'Autonomica background workers',
  team: 'autonomica',
  endpoints: [{ job: 'autonomica-worker', targets: ['autonomica-worker:8080'], kubernetes: onKubernetes('autonomica', 'autonomica-worker') }],
  scaling: [defineScaling({
    workload: { name: 'autonomica-worker', namespace: 'autonomica' },
    minReplicas: 1,
    maxReplicas: 6,
    cost: { perReplica: 60, budget: 360 },
    signals: [{ cpu: { utilization: 75 } }, { memory: { utilization: 80 } }],
    behavior: { scaleDown: gentleScaleDown },
  })],
  ruleGroups: [{
    name: 'autonomica-worker',
    // Queued work waits but nothing is lost: on-call within 15 minutes, no page.
    alerts: [downAlert('AutonomicaWorkerDown', 'autonomica-worker', 'autonomica-worker:8080', 'high', 'The Autonomica workers are down', runbooks.autonomicaWorkerDown)],
  }],
});

const PG = { job: 'postgres', instance: 'postgres-exporter:9187' };
const connections = (backends: string) => ({
  'pg_stat_database_numbackends{job="postgres", instance="postgres-exporter:9187", datname="autonomica"}': backends,
  'pg_stat_database_numbackends{job="postgres", instance="postgres-exporter:9187", datname="postgres"}': '5x10',
  'pg_settings_max_connections{job="postgres", instance="postgres-exporter:9187"}': '100x10',
});

/** The Autonomica PostgreSQL database, through postgres_exporter. */
export const autonomicaPostgres = defineService({
  id: 'autonomica-postgres',
  description: 'Autonomica PostgreSQL database',
  team: 'autonomica',
  endpoints: [postgresExporter({ targets: ['postgres-exporter:9187'], kubernetes: onKubernetes('autonomica', 'postgres-exporter') })],
  ruleGroups: [{
    name: 'autonomica-postgres',
    alerts: [
      defineAlert({
        alert: 'AutonomicaPostgresDown',
        runbook: runbooks.autonomicaPostgresDown,
        dashboard: 'autonomica-database',
        expr: 'pg_up{job="postgres"} == 0',
        for: '1m',
        severity: 'critical',
        labels: { signal: 'down' },
        summary: 'PostgreSQL behind {{ $labels.instance }} is down',
        tests: [
          { name: 'fires after a minute down', series: { 'pg_up{job="postgres", instance="postgres-exporter:9187"}': '1 0x5' }, at: '4m', fires: [{ labels: PG, annotations: { summary: 'PostgreSQL behind postgres-exporter:9187 is down' } }] },
          { name: 'stays quiet while up', series: { 'pg_up{job="postgres", instance="postgres-exporter:9187"}': '1x5' }, at: '4m', fires: [] },
        ],
      }),
      // The seed's threshold reads "(>legacy)", garbled: 80% of max_connections is ours.
      defineAlert({
        alert: 'AutonomicaPostgresHighConnections',
        dashboard: 'autonomica-database',
        expr: 'sum by (job, instance) (pg_stat_database_numbackends{job="postgres"}) / max by (job, instance) (pg_settings_max_connections{job="postgres"}) > 0.8',
        for: '5m',
        severity: 'warning',
        summary: '{{ $value | humanizePercentage }} of PostgreSQL connections are in use',
        tests: [
          { name: 'fires with 85 of 100 connections in use', series: connections('80x10'), at: '10m', fires: [{ labels: PG, annotations: { summary: '85% of PostgreSQL connections are in use' } }] },
          { name: 'stays quiet with 25 of 100 in use', series: connections('20x10'), at: '10m', fires: [] },
        ],
      }),
    ],
  }],
});

const REDIS = { job: 'autonomica-redis', instance: 'autonomica-redis-exporter:9121' };
const redisMemory = (used: string, max: string) => ({
  'redis_memory_used_bytes{job="autonomica-redis", instance="autonomica-redis-exporter:9121"}': used,
  'redis_memory_max_bytes{job="autonomica-redis", instance="autonomica-redis-exporter:9121"}': max,
});

/** The Autonomica Redis, through redis_exporter. */
export const autonomicaRedis = defineService({
  id: 'autonomica-redis',
  description: 'Autonomica Redis',
  team: 'autonomica',
  endpoints: [redisExporter({ job: 'autonomica-redis', targets: ['autonomica-redis-exporter:9121'], kubernetes: onKubernetes('autonomica', 'redis-exporter') })],
  ruleGroups: [{
    name: 'autonomica-redis',
    alerts: [
      defineAlert({
        alert: 'AutonomicaRedisDown',
        runbook: runbooks.autonomicaRedisDown,
        dashboard: 'autonomica-database',
        expr: 'redis_up{job="autonomica-redis"} == 0',
        for: '1m',
        severity: 'critical',
        labels: { signal: 'down' },
        summary: 'Autonomica Redis is down',
        tests: [
          { name: 'fires after a minute down', series: { 'redis_up{job="autonomica-redis", instance="autonomica-redis-exporter:9121"}': '1 0x5' }, at: '4m', fires: [{ labels: REDIS }] },
          { name: 'stays quiet while up', series: { 'redis_up{job="autonomica-redis", instance="autonomica-redis-exporter:9121"}': '1x5' }, at: '4m', fires: [] },
        ],
      }),
      defineAlert({
        alert: 'AutonomicaRedisHighMemory',
        dashboard: 'autonomica-database',
        expr: 'redis_memory_used_bytes{job="autonomica-redis"} / redis_memory_max_bytes{job="autonomica-redis"} > 0.85 and redis_memory_max_bytes{job="autonomica-redis"} > 0',
        for: '5m',
        severity: 'warning',
        summary: 'Autonomica Redis uses {{ $value | humanizePercentage }} of its memory limit (threshold 85%)',
        tests: [
          { name: 'fires at 90% of maxmemory', series: redisMemory('9e8x10', '1e9x10'), at: '10m', fires: [{ labels: REDIS, annotations: { summary: 'Autonomica Redis uses 90% of its memory limit (threshold 85%)' } }] },
          { name: 'stays quiet at half of maxmemory', series: redisMemory('5e8x10', '1e9x10'), at: '10m', fires: [] },
        ],
      }),
    ],
  }],
});
