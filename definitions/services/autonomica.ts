import { defineService, postgresExporter, redisExporter } from '#schemas';

/** The Autonomica production API. */
export const autonomicaApi = defineService({
  id: 'autonomica-api',
  description: 'Autonomica production API',
  team: 'autonomica',
  endpoints: [{ job: 'autonomica-api', targets: ['autonomica-api:8000'] }],
});

/** The Autonomica production frontend. */
export const autonomicaFrontend = defineService({
  id: 'autonomica-frontend',
  description: 'Autonomica production frontend',
  team: 'autonomica',
  endpoints: [{ job: 'autonomica-frontend', targets: ['autonomica-frontend:3000'] }],
});

/** The Autonomica background workers. */
export const autonomicaWorker = defineService({
  id: 'autonomica-worker',
  description: 'Autonomica background workers',
  team: 'autonomica',
  endpoints: [{ job: 'autonomica-worker', targets: ['autonomica-worker:8080'] }],
});

/** The Autonomica PostgreSQL database, through postgres_exporter. */
export const autonomicaPostgres = defineService({
  id: 'autonomica-postgres',
  description: 'Autonomica PostgreSQL database',
  team: 'autonomica',
  endpoints: [postgresExporter({ targets: ['postgres-exporter:9187'] })],
});

/** The Autonomica Redis, through redis_exporter. */
export const autonomicaRedis = defineService({
  id: 'autonomica-redis',
  description: 'Autonomica Redis',
  team: 'autonomica',
  endpoints: [redisExporter({ job: 'autonomica-redis', targets: ['autonomica-redis-exporter:9121'] })],
});
