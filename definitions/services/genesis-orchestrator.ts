import { blackboxProbe, defineService } from '#schemas';
import { anomalyGroup, securityGroup, signalMetrics } from './genesis-orchestrator-signals.ts';
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
  metrics: { ...signalMetrics },
  ruleGroups: [anomalyGroup, securityGroup],
});
