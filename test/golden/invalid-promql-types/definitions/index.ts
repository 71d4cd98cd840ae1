import { defineAlert, defineProject, defineService } from '#schemas';

const quiet = [{ name: 'quiet', series: { 'up{job="db"}': '1x5' }, at: '4m', fires: [] }];

/** Each expression parses; Prometheus' type rules refuse it, as promtool check rules would. */
const connections = defineAlert({
  alert: 'PostgresTooManyConnections',
  // The `[5m]` belongs on a selector, not after a comparison's number.
  expr: 'sum by (job, instance) (pg_stat_activity_count) / max by (job, instance) (pg_settings_max_connections) > 0.8[5m]',
  for: '5m',
  severity: 'warning',
  summary: 'PostgreSQL is near its connection limit',
  tests: quiet,
});

const notARange = defineAlert({ alert: 'RateOfGauge', expr: 'rate(pg_up{job="db"}) > 0', severity: 'warning', summary: 'x', tests: quiet });
const scalars = defineAlert({ alert: 'ScalarComparison', expr: 'scalar(pg_up{job="db"}) > 1', severity: 'warning', summary: 'x', tests: quiet });
const perl = defineAlert({ alert: 'LookaheadRegex', expr: 'pg_up{instance=~"(?!replica).*"} == 0', severity: 'warning', summary: 'x', tests: quiet });
const newer = defineAlert({ alert: 'NewerFunction', expr: 'histogram_avg(pg_up) > 1', severity: 'warning', summary: 'x', tests: quiet });

const db = defineService({
  id: 'db',
  team: 'data',
  endpoints: [{ job: 'db', targets: ['db:9187'] }],
  metrics: { pg_stat_activity_count: 'gauge', pg_settings_max_connections: 'gauge', pg_up: 'gauge' },
  ruleGroups: [{
    name: 'db',
    records: [{ record: 'instance:pg_up:range5m', expr: 'pg_up[5m]' }],
    alerts: [connections, notARange, scalars, perl, newer],
  }],
});

export default defineProject({
  name: 'invalid-promql-types',
  targets: { prometheus: '2.42.0', alertmanager: '0.25.0', grafana: '11.3.0', kubernetes: '1.30' },
  services: [db],
});
