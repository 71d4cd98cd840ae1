import { blackboxProbe, defineService, mysqlExporter, redisExporter } from '#schemas';
import { BLACKBOX } from './monitoring.ts';

/**
 * The GENESIS orchestrator API (port 8000). The seeds scrape its critical
 * application metrics every 5 s and the rest at the global 15 s.
 * `/health/metrics` is JSON for humans, not Prometheus text, so it is not scraped;
 * `/health/ready` and `/health/live` are probed through the blackbox exporter.
 */
export const genesisOrchestrator = defineService({
  id: 'genesis-orchestrator',
  description: 'GENESIS orchestrator API: orchestration runs, routing, token budgets',
  team: 'genesis',
  labels: { tier: 'critical' },
  endpoints: [
    { job: 'genesis-orchestrator', metricsPath: '/api/metrics/application', targets: ['genesis-orchestrator:8000'], interval: '5s', timeout: '4s' },
    { job: 'genesis-orchestrator-business', metricsPath: '/api/metrics/business', targets: ['genesis-orchestrator:8000'] },
    { job: 'genesis-orchestrator-security', metricsPath: '/api/metrics/security', targets: ['genesis-orchestrator:8000'] },
    blackboxProbe({ job: 'genesis-health-ready', prober: BLACKBOX, urls: ['http://genesis-orchestrator:8000/health/ready'], interval: '5s', timeout: '4s' }),
    blackboxProbe({ job: 'genesis-health-live', prober: BLACKBOX, urls: ['http://genesis-orchestrator:8000/health/live'], interval: '5s', timeout: '4s' }),
  ],
});

/** HTDAG task decomposition and HALO routing (port 8001). */
export const genesisHtdagHalo = defineService({
  id: 'genesis-htdag-halo',
  description: 'HTDAG decomposition and HALO routing',
  team: 'genesis',
  labels: { tier: 'critical' },
  endpoints: [{ job: 'genesis-htdag-halo', targets: ['genesis-htdag-halo:8001'] }],
});

/** The production health test suite that runs every 5 minutes (port 8002). */
export const genesisTestSuite = defineService({
  id: 'genesis-test-suite',
  description: 'Production health test suite: pass rate, test execution',
  team: 'genesis',
  endpoints: [{ job: 'genesis-test-suite', targets: ['genesis-test-suite:8002'] }],
});

/** The orchestrator's MySQL database, through mysqld_exporter. */
export const genesisMysql = defineService({
  id: 'genesis-mysql',
  description: 'GENESIS MySQL database',
  team: 'genesis',
  endpoints: [mysqlExporter({ targets: ['mysqld-exporter:9104'] })],
});

/** The orchestrator's Redis cache, through redis_exporter. */
export const genesisRedis = defineService({
  id: 'genesis-redis',
  description: 'GENESIS Redis cache',
  team: 'genesis',
  endpoints: [redisExporter({ job: 'genesis-redis', targets: ['genesis-redis-exporter:9121'] })],
});
