import { defineProject } from '#schemas';
import { autonomicaApi, autonomicaFrontend, autonomicaPostgres, autonomicaRedis, autonomicaWorker } from './services/autonomica.ts';
import { genesisHtdagHalo, genesisMysql, genesisOrchestrator, genesisRedis, genesisTestSuite } from './services/genesis.ts';
import { hosts, monitoring } from './services/monitoring.ts';

/**
 * The estate the seeds describe: the GENESIS orchestrator with its 48-hour
 * post-deployment monitoring, and the Autonomica production stack, watched by
 * one Prometheus (2.42, as Debian ships it) and one Alertmanager (0.25).
 */
export default defineProject({
  name: 'genesis',
  targets: { prometheus: '2.42.0', alertmanager: '0.25.0', grafana: '11.3.0', kubernetes: '1.30' },
  prometheus: {
    scrapeInterval: '15s',
    scrapeTimeout: '10s',
    evaluationInterval: '15s',
    externalLabels: { environment: 'production' },
    retention: { time: '90d', size: '50GB' },
    alertmanagers: [{ targets: ['alertmanager:9093'] }],
  },
  services: [
    genesisOrchestrator, genesisHtdagHalo, genesisTestSuite, genesisMysql, genesisRedis,
    autonomicaApi, autonomicaFrontend, autonomicaWorker, autonomicaPostgres, autonomicaRedis,
    hosts, monitoring,
  ],
});
