import { defineService, mysqlExporter, redisExporter } from '#schemas';

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
