import { defineAlert, defineService, mysqlExporter, redisExporter } from '#schemas';
import * as runbooks from '../runbooks.ts';
import { onKubernetes } from '../kubernetes.ts';

const MYSQL = { job: 'mysql', instance: 'mysqld-exporter:9104' };
const REDIS = { job: 'genesis-redis', instance: 'genesis-redis-exporter:9121' };
const series = (metric: string, labels: Readonly<Record<string, string>>) =>
  `${metric}{${Object.entries(labels).map(([k, v]) => `${k}="${v}"`).join(', ')}}`;

/** The orchestrator's MySQL database, through mysqld_exporter. */
export const genesisMysql = defineService({
  id: 'genesis-mysql',
  description: 'GENESIS MySQL database',
  team: 'genesis',
  endpoints: [mysqlExporter({ targets: ['mysqld-exporter:9104'], kubernetes: onKubernetes('genesis', 'mysqld-exporter') })],
  ruleGroups: [{
    name: 'genesis-mysql',
    alerts: [
      defineAlert({
        alert: 'MySQLDown',
        runbook: runbooks.mysqlDown,
        expr: 'mysql_up{job="mysql"} == 0',
        for: '1m',
        severity: 'critical',
        labels: { signal: 'down' },
        summary: 'MySQL behind {{ $labels.instance }} is down',
        tests: [
          { name: 'fires after a minute down', series: { [series('mysql_up', MYSQL)]: '1 0x5' }, at: '4m', fires: [{ labels: MYSQL, annotations: { summary: 'MySQL behind mysqld-exporter:9104 is down' } }] },
          { name: 'stays quiet while up', series: { [series('mysql_up', MYSQL)]: '1x5' }, at: '4m', fires: [] },
        ],
      }),
      defineAlert({
        alert: 'MySQLTooManyConnections',
        expr: 'max by (job, instance) (mysql_global_status_threads_connected{job="mysql"}) / max by (job, instance) (mysql_global_variables_max_connections{job="mysql"}) > 0.8',
        for: '5m',
        severity: 'warning',
        summary: '{{ $value | humanizePercentage }} of MySQL connections are in use',
        tests: [
          { name: 'fires with 90 of 100 connections in use', series: { [series('mysql_global_status_threads_connected', MYSQL)]: '90x10', [series('mysql_global_variables_max_connections', MYSQL)]: '100x10' }, at: '10m', fires: [{ labels: MYSQL, annotations: { summary: '90% of MySQL connections are in use' } }] },
          { name: 'stays quiet with 20 of 100 in use', series: { [series('mysql_global_status_threads_connected', MYSQL)]: '20x10', [series('mysql_global_variables_max_connections', MYSQL)]: '100x10' }, at: '10m', fires: [] },
        ],
      }),
      // The seeds track slow queries without a threshold: one every 10 seconds, sustained, is ours.
      defineAlert({
        alert: 'MySQLSlowQueries',
        expr: 'rate(mysql_global_status_slow_queries{job="mysql"}[5m]) > 0.1',
        for: '10m',
        severity: 'warning',
        summary: 'MySQL logs more than one slow query every 10 seconds',
        tests: [
          { name: 'fires at 12 slow queries a minute', series: { [series('mysql_global_status_slow_queries', MYSQL)]: '0+12x30' }, at: '20m', fires: [{ labels: MYSQL }] },
          { name: 'stays quiet at one slow query a minute', series: { [series('mysql_global_status_slow_queries', MYSQL)]: '0+1x30' }, at: '20m', fires: [] },
        ],
      }),
    ],
  }],
});

const HITS = 'sum by (job) (rate(redis_keyspace_hits_total{job="genesis-redis"}[5m]))';
const MISSES = 'sum by (job) (rate(redis_keyspace_misses_total{job="genesis-redis"}[5m]))';

/** The orchestrator's Redis cache, through redis_exporter. */
export const genesisRedis = defineService({
  id: 'genesis-redis',
  description: 'GENESIS Redis cache',
  team: 'genesis',
  endpoints: [redisExporter({ job: 'genesis-redis', targets: ['genesis-redis-exporter:9121'], kubernetes: onKubernetes('genesis', 'redis-exporter') })],
  ruleGroups: [{
    name: 'genesis-redis',
    alerts: [
      defineAlert({
        alert: 'GenesisRedisDown',
        runbook: runbooks.genesisRedisDown,
        expr: 'redis_up{job="genesis-redis"} == 0',
        for: '1m',
        severity: 'critical',
        labels: { signal: 'down' },
        summary: 'Redis behind {{ $labels.instance }} is down',
        tests: [
          { name: 'fires after a minute down', series: { [series('redis_up', REDIS)]: '1 0x5' }, at: '4m', fires: [{ labels: REDIS, annotations: { summary: 'Redis behind genesis-redis-exporter:9121 is down' } }] },
          { name: 'stays quiet while up', series: { [series('redis_up', REDIS)]: '1x5' }, at: '4m', fires: [] },
        ],
      }),
      defineAlert({
        alert: 'GenesisRedisHighMemory',
        expr: 'redis_memory_used_bytes{job="genesis-redis"} / redis_memory_max_bytes{job="genesis-redis"} > 0.85 and redis_memory_max_bytes{job="genesis-redis"} > 0',
        for: '5m',
        severity: 'warning',
        summary: 'Redis uses {{ $value | humanizePercentage }} of its memory limit',
        tests: [
          { name: 'fires at 90% of maxmemory', series: { [series('redis_memory_used_bytes', REDIS)]: '9e8x10', [series('redis_memory_max_bytes', REDIS)]: '1e9x10' }, at: '10m', fires: [{ labels: REDIS, annotations: { summary: 'Redis uses 90% of its memory limit' } }] },
          { name: 'stays quiet without a memory limit', series: { [series('redis_memory_used_bytes', REDIS)]: '9e8x10', [series('redis_memory_max_bytes', REDIS)]: '0x10' }, at: '10m', fires: [] },
        ],
      }),
      // The seeds watch hit rates without a threshold: under 80% for 15 minutes is ours.
      defineAlert({
        alert: 'GenesisRedisLowCacheHitRate',
        expr: `${HITS} / (${HITS} + ${MISSES}) < 0.8`,
        for: '15m',
        severity: 'warning',
        summary: 'Redis cache hit rate is {{ $value | humanizePercentage }}',
        tests: [
          { name: 'fires at a 50% hit rate', series: { [series('redis_keyspace_hits_total', REDIS)]: '0+60x30', [series('redis_keyspace_misses_total', REDIS)]: '0+60x30' }, at: '25m', fires: [{ labels: { job: 'genesis-redis' }, annotations: { summary: 'Redis cache hit rate is 50%' } }] },
          { name: 'stays quiet at a 95% hit rate', series: { [series('redis_keyspace_hits_total', REDIS)]: '0+95x30', [series('redis_keyspace_misses_total', REDIS)]: '0+5x30' }, at: '25m', fires: [] },
        ],
      }),
    ],
  }],
});
