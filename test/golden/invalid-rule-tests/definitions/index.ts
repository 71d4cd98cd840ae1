import { defineAlert, defineProject, defineService } from '#schemas';

const down = defineAlert({
  alert: 'ApiDown',
  expr: 'up{job="api"} == 0',
  for: '1m',
  severity: 'critical',
  summary: 'API {{ $labels.instance }} is down',
  tests: [
    { name: 'fires', series: { 'up{job="api", instance="a:8000"}': '0x10' }, at: '5m', fires: [{ labels: { instance: 'a:8000' } }] },
    { name: 'fires with a made-up annotation', series: { 'up{job="api", instance="a:8000"}': '0x10' }, at: '5m',
      fires: [{ labels: { instance: 'a:8000' }, annotations: { summary: 'API a:8000 is down', owner: 'web' } }] },
    { name: 'quiet', series: { 'sum(up{job="api"})': '1x10' }, at: '5m', fires: [] },
  ],
});

const api = defineService({
  id: 'api',
  team: 'web',
  endpoints: [{ job: 'api', targets: ['api:8000'] }],
  ruleGroups: [
    { name: 'api', alerts: [down] },
    { name: 'api', records: [{ record: 'job:up:sum', expr: 'sum by (job) (up)' }] },
  ],
});

export default defineProject({
  name: 'invalid-rule-tests',
  targets: { prometheus: '2.42.0', alertmanager: '0.25.0', grafana: '11.3.0', kubernetes: '1.30' },
  services: [api],
});
