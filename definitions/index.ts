import { defineProject } from '#schemas';
import { alertmanager } from './alertmanager.ts';
import { autonomicaEscalation, genesisEscalation, platformEscalation } from './escalation.ts';
import { autonomicaApplication, autonomicaDatabase, autonomicaSystem } from './dashboards/autonomica.ts';
import { genesisOverview, genesisPostDeploy, genesisSecurityAnomalies, genesisSla } from './dashboards/genesis.ts';
import { autonomicaApi, autonomicaFrontend, autonomicaPostgres, autonomicaRedis, autonomicaWorker } from './services/autonomica.ts';
import { genesisHtdagHalo, genesisTestSuite } from './services/genesis-components.ts';
import { genesisMysql, genesisRedis } from './services/genesis-datastores.ts';
import { genesisOrchestrator } from './services/genesis-orchestrator.ts';
import { autonomicaHost, genesisHost } from './services/hosts.ts';
import { cluster, monitoring } from './services/monitoring.ts';

/**
 * The estate the seeds describe: the GENESIS orchestrator with its 48-hour
 * post-deployment monitoring, and the Autonomica production stack, watched by
 * one Prometheus (2.42, as Debian ships it) and one Alertmanager (0.25).
 */
export default defineProject({
  name: 'genesis',
  targets: { prometheus: '2.42.0', alertmanager: '0.25.0', grafana: '11.3.0', kubernetes: '1.30', prometheusOperator: '0.75.0' },
  // The seeds run Prometheus and Alertmanager from files; the clusters run kube-prometheus-stack. CI proves both.
  delivery: {
    files: true,
    prometheusOperator: {
      selectorLabels: { release: 'kube-prometheus-stack' },
      alertmanagerSecret: 'alertmanager-genesis',
      // The Alertmanager resource lists alertmanager-credentials in spec.secrets.
      secrets: {
        '/etc/alertmanager/secrets/slack-webhook-url': { secret: 'alertmanager-credentials', key: 'slack-webhook-url' },
        '/etc/alertmanager/secrets/slack-autonomica-webhook-url': { secret: 'alertmanager-credentials', key: 'slack-autonomica-webhook-url' },
        '/etc/alertmanager/secrets/smtp-password': { secret: 'alertmanager-credentials', key: 'smtp-password' },
        '/etc/alertmanager/secrets/pagerduty-genesis': { secret: 'alertmanager-credentials', key: 'pagerduty-genesis' },
      },
    },
  },
  prometheus: {
    scrapeInterval: '15s',
    scrapeTimeout: '10s',
    evaluationInterval: '15s',
    externalLabels: { environment: 'production' },
    retention: { time: '90d', size: '50GB' },
    alertmanagers: [{ targets: ['alertmanager:9093'] }],
  },
  links: {
    runbooks: 'https://github.com/genesis/monitoring/blob/main/out/docs/runbooks',
    grafana: 'https://grafana.genesis.internal',
    prometheus: 'https://prometheus.genesis.internal',
    alertmanager: 'https://alertmanager.genesis.internal',
  },
  escalation: [genesisEscalation, autonomicaEscalation, platformEscalation],
  // Critical and high alerts must say what stops the damage (out/docs/runbooks/); warnings may rely on the generated sections.
  docs: { requireMitigation: 'high' },
  alertmanager,
  grafana: {
    datasource: { url: 'http://prometheus:9090' },
    // The seeds' infrastructure dashboard: the generated node exporter view, with job and instance variables.
    infrastructure: { id: 'genesis-infrastructure', title: 'GENESIS Infrastructure', folder: 'GENESIS' },
  },
  // Every alert of the estate is proven by a test that fires it and one that keeps it quiet.
  lint: { 'alert/untested': 'error', 'alert/runbook-missing': 'error' },
  services: [
    genesisOrchestrator, genesisHtdagHalo, genesisTestSuite, genesisMysql, genesisRedis,
    autonomicaApi, autonomicaFrontend, autonomicaWorker, autonomicaPostgres, autonomicaRedis,
    genesisHost, autonomicaHost, monitoring, cluster,
  ],
  // Besides these, every service, every SLO and the node exporters get a generated dashboard.
  dashboards: [
    genesisOverview, genesisSla, genesisSecurityAnomalies, genesisPostDeploy,
    autonomicaSystem, autonomicaApplication, autonomicaDatabase,
  ],
});
