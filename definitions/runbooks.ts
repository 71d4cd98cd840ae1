import type { RunbookInput } from '#schemas';

/**
 * What the responder does, per alert: the seeds' runbook (immediate response,
 * investigation, mitigation) for the alerts it covers, and the same shape for
 * the estate's other critical and high alerts. Each becomes the alert's section
 * of its service's page in out/docs/runbooks/.
 */

const journal = (unit: string) => `Read the service's recent log:\n\n\`\`\`sh\nsudo systemctl status ${unit}\nsudo journalctl -u ${unit} -n 50\n\`\`\``;

export const genesisOrchestratorDown: RunbookInput = {
  meaning: 'Prometheus has not scraped the GENESIS orchestrator for 30 seconds: the process is down, hung, or unreachable.',
  impact: 'Every orchestration run fails while it lasts; it counts directly against the 99.9% availability SLO (43 minutes of downtime a month).',
  automated: 'The incident automation restarts the service 30 seconds after the alert fires; after three failed restarts it stops and leaves the service to you.',
  diagnosis: [
    'Check the GENESIS overview dashboard: is the orchestrator down, or only its metrics endpoint?',
    'Check whether the automated restart is in progress or has given up (three attempts).',
    journal('genesis-orchestrator'),
    'Check what it depends on:\n\n```sh\ndf -h && free -h\nmysql -h localhost -u genesis_user -p -e "SELECT 1;"\nredis-cli ping\nnetstat -tulpn | grep :8000\n```',
    'If it will not start: check the configuration in `/etc/genesis/config/`, the environment variables (`env | grep GENESIS`) and the dependencies (MySQL, Redis, Temporal).',
  ],
  mitigation: [
    'If the automated restart failed three times, restart by hand:\n\n```sh\nsudo systemctl restart genesis-orchestrator\ncurl http://localhost:8000/health/ready\n```',
    'If a dependency is down (MySQL, Redis), bring it back first; the orchestrator recovers once its health check passes.',
    'Still down after 5 minutes: escalate to the senior engineer and post on the status page.',
  ],
};

const performanceDiagnosis = [
  'Check the current performance metrics and recent changes:\n\n```sh\ncurl http://localhost:8000/health/metrics | jq .\ngit log --oneline -10\n```',
  'Check resource use on the host:\n\n```sh\nhtop\niostat 1 5\n```',
  'Check the database:\n\n```sh\nmysql -e "SHOW PROCESSLIST;"\nmysql -e "SHOW ENGINE INNODB STATUS\\G" | grep -A 20 "LATEST DETECTED DEADLOCK"\n```',
];

export const criticalFailureRate: RunbookInput = {
  meaning: 'More than 15% of orchestration runs fail.',
  impact: 'Users see failed orchestrations; the error budget of the availability SLO burns fast.',
  automated: 'The incident automation opens the circuit breaker and assesses scaling.',
  diagnosis: performanceDiagnosis,
  mitigation: [
    'If a deployment preceded it, roll it back.',
    'Clear the caches when the hit rate is low: `curl -X POST http://localhost:8000/api/cache/clear`',
    'Watch the failure rate fall on the GENESIS overview dashboard before closing the circuit breaker again.',
  ],
};

export const criticalOrchestrationLatency: RunbookInput = {
  meaning: 'The 95th percentile of orchestration run time is above 10 seconds.',
  impact: 'Runs queue up and time out; the latency SLO (P95 at most 2 seconds) is breached.',
  automated: 'The incident automation opens the circuit breaker and assesses scaling.',
  diagnosis: performanceDiagnosis,
  mitigation: [
    'Clear the caches when the hit rate is low: `curl -X POST http://localhost:8000/api/cache/clear`',
    'End long-running queries that block the others (`SHOW PROCESSLIST`, then `KILL <id>`).',
    'Watch the improvement:\n\n```sh\nwatch -n 5 \'curl -s http://localhost:8000/health/metrics | jq .orchestrator.average_latency_ms\'\n```',
  ],
};

const warningPerformance = {
  diagnosis: [
    'Watch the trend on the GENESIS overview dashboard: improving or getting worse?',
    'Check CPU, memory, disk and network use on the host.',
    'Look for slow queries: `mysql -e "SELECT * FROM information_schema.processlist WHERE time > 10;"`',
  ],
  mitigation: [
    'Respond within 15 minutes.',
    'Optimise the busiest tables in the next maintenance window: `mysql -e "OPTIMIZE TABLE router_metrics, orchestration_runs;"`',
    'If the trend continues, prepare to scale: raise the scaling policy\'s bounds.',
  ],
};

export const highOrchestrationLatency: RunbookInput = {
  meaning: 'The 95th percentile of orchestration run time is between 5 and 10 seconds.',
  ...warningPerformance,
};

export const highFailureRate: RunbookInput = {
  meaning: 'Between 5% and 15% of orchestration runs fail.',
  ...warningPerformance,
};

export const stabilityScoreDropped: RunbookInput = {
  meaning: 'The orchestrator\'s stability score fell under 95%.',
  diagnosis: [
    'Respond within 30 minutes.',
    'Look for a pattern in the router\'s performance and the recent runs: `ls -la /var/lib/genesis/orchestrator_runs/ | head -20`',
  ],
  mitigation: [
    'Review the router algorithm configuration.',
    'Adjust the token budgets if they are the cause.',
    'Clear and rebuild the caches.',
    'Update the routing rules if the traffic pattern changed.',
  ],
};

export const genesisAvailabilitySlo: RunbookInput = {
  meaning: 'GENESIS requests fail fast enough to spend the 99.9% availability budget early: the burn-rate alerts of the SLO that replaced SLAAvailabilityBreach.',
  impact: 'A customer SLA violation if it lasts: the contract promises 99.9% a month.',
  diagnosis: [
    'Confirm the burn on the SLO dashboard: which window, since when.',
    'Check every critical service and the alerts firing with it: the runbook sections of GenesisOrchestratorDown, CriticalFailureRate and HighErrorRate.',
    'Check the alerts Alertmanager holds: `amtool alert query service=genesis-orchestrator`',
  ],
  mitigation: [
    'Stop the cause first: roll back the last deployment, or follow the runbook of the alert that fires with this one.',
    'A page (fast burn): tell management at once, and customer success when customers are affected.',
    'A contractual breach (the period\'s budget spent): involve legal and compliance.',
  ],
};

export const genesisLatencySlo: RunbookInput = {
  mitigation: [
    'Follow the runbook of CriticalOrchestrationLatency: caches, blocking queries, scaling.',
    'Roll back a deployment that made requests slower.',
  ],
};

export const postDeploy: RunbookInput = {
  impact: 'The new release misbehaves within its 48-hour watch: the rollout criteria are not met.',
  mitigation: [
    'Roll the deployment back (the 15-minute rollback procedure), then verify the health endpoints.',
    'Record the timeline and the cause in an incident report and update the runbooks with what you learned.',
  ],
};

const downService = (what: string, unit: string, check: string): RunbookInput => ({
  meaning: `Prometheus cannot scrape ${what}: it is down or unreachable.`,
  diagnosis: [journal(unit), `Check that it answers: \`${check}\``],
  mitigation: [`Restart it: \`sudo systemctl restart ${unit}\` (or \`docker compose restart ${unit}\` on the container hosts), then check it answers.`, 'Escalate when it does not come back within 15 minutes.'],
});

export const genesisServiceDown = downService('a GENESIS component (HTDAG/HALO or the production test suite)', 'genesis-orchestrator', 'curl http://localhost:8001/health');
export const mysqlDown = downService('MySQL (mysqld_exporter)', 'mysql', 'mysql -h localhost -u genesis_user -p -e "SELECT 1;"');
export const genesisRedisDown = downService('GENESIS\'s Redis', 'redis-server', 'redis-cli ping');
export const autonomicaApiDown = downService('the Autonomica API', 'autonomica-api', 'curl http://localhost:8000/health');
export const autonomicaFrontendDown = downService('the Autonomica frontend', 'autonomica-frontend', 'curl -I http://localhost:3000/');
export const autonomicaWorkerDown = downService('the Autonomica worker', 'autonomica-worker', 'docker compose ps autonomica-worker');
export const autonomicaPostgresDown = downService('PostgreSQL (postgres_exporter)', 'postgresql', 'pg_isready -h localhost');
export const autonomicaRedisDown = downService('Autonomica\'s Redis', 'redis-server', 'redis-cli ping');

export const dockerDaemonDown: RunbookInput = {
  meaning: 'The Docker daemon of the Autonomica host is not running: every container on it is down.',
  diagnosis: ['`sudo systemctl status docker`', '`sudo journalctl -u docker -n 100`'],
  mitigation: ['`sudo systemctl restart docker`', 'Bring the stack back: `docker compose up -d`, then `docker compose ps`.'],
};

export const highErrorRate: RunbookInput = {
  meaning: 'More than 0.1% of HTTP requests fail during the 48-hour post-deployment watch.',
  ...postDeploy,
};

export const highLatencyP95: RunbookInput = {
  meaning: 'HTTP P95 latency is above 200 ms during the post-deployment watch.',
  ...postDeploy,
};

export const testPassRateLow: RunbookInput = {
  meaning: 'Fewer than 98% of the production test suite\'s tests pass.',
  diagnosis: ['Run the failing tests verbosely: `pytest tests/test_production_health.py -vv --tb=short`', 'Check the imports and dependencies: `pip list | grep -E \'(pytest|psutil|opentelemetry)\'`'],
  mitigation: postDeploy.mitigation,
};

export const securitySpike: RunbookInput = {
  impact: 'A possible attack on the API; the security team is told as well.',
  diagnosis: ['Find the sources on the security dashboard (client, key, path).', 'Check the API gateway\'s logs for the same clients.'],
  mitigation: ['Block or rate-limit the offending clients.', 'Rotate the credentials or HMAC keys involved if a leak is possible.', 'Tell the security team in #security-alerts what you did.'],
};

export const prometheusRuleFailures: RunbookInput = {
  meaning: 'Prometheus fails to evaluate some rules: the alerts they feed cannot fire.',
  diagnosis: ['Open Prometheus\' rules page and find the failing group and its error.', '`promtool check rules` the deployed rule files.'],
  mitigation: ['Fix the rule in its declaration and deploy; until then watch its signal on the dashboards by hand.'],
};

export const alertmanagerNotificationsFailing: RunbookInput = {
  meaning: 'Alertmanager fails to deliver notifications: pages and messages may be lost.',
  diagnosis: ['`amtool config show` and Alertmanager\'s log: which integration fails, with what error?', 'Check the credential files the receivers read.'],
  mitigation: ['Restore the integration (credentials, network); until then watch the alerts in Alertmanager\'s UI.', 'Tell the on-call engineer by phone for anything critical.'],
};

export const autonomicaAvailabilitySlo: RunbookInput = {
  impact: 'Autonomica API requests fail with 5xx: users see errors, and the 99.5% monthly objective is at risk.',
  diagnosis: ['Find the failing endpoints on the Autonomica application dashboard.', 'Check PostgreSQL and Redis: their own alerts fire first when they are the cause.'],
  mitigation: ['Roll back the last deployment when it preceded the burn.', 'Restart the API when it is stuck: `docker compose restart autonomica-api`.'],
};

export const autonomicaLatencySlo: RunbookInput = {
  impact: 'Autonomica API requests take over 2 seconds: the 95% objective is at risk.',
  diagnosis: ['Find the slow endpoints on the Autonomica application dashboard (latency heatmap).', 'Check the database dashboard for slow queries and connection saturation.'],
  mitigation: ['Scale the API out (its scaling policy\'s bounds), or roll back a slower release.'],
};
