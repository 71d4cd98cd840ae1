import { absentAlert, defineAlertmanager, defineProject, defineService } from '#schemas';

const missing = absentAlert({
  alert: 'ApiMetricsMissing',
  selector: 'up{job="api"}',
  for: '20s',
  severity: 'warning',
  summary: 'The API exports no metrics',
  tests: [
    { name: 'fires without series', series: { 'up{job="other"}': '1x10' }, at: '2m', fires: [{ labels: { job: 'api' } }] },
    { name: 'quiet with series', series: { 'up{job="api"}': '1x10' }, at: '2m', fires: [] },
  ],
});

const api = defineService({
  id: 'api',
  team: 'web',
  endpoints: [{ job: 'api', targets: ['api:8000'] }],
  ruleGroups: [{ name: 'api', alerts: [missing] }],
});

const alertmanager = defineAlertmanager({
  receivers: [{ name: 'default' }, { name: 'pager' }],
  route: { receiver: 'default', routes: [{ matchers: ['severity="critical"'], receiver: 'pager' }] },
});

export default defineProject({
  name: 'invalid-lint-findings',
  targets: { prometheus: '2.42.0', alertmanager: '0.25.0', grafana: '11.3.0', kubernetes: '1.30' },
  alertmanager,
  services: [api],
  lint: { 'alert/absent-for': 'error', 'alert/absent': 'off' },
});
