import { defineAlert, defineProject, defineService } from '#schemas';

const valueInLabel = defineAlert({
  alert: 'ApiDown',
  expr: 'up{job="api"} == 0',
  for: '1m',
  severity: 'critical',
  labels: { value: '{{ $value }}' },
  summary: 'The API is down',
  runbookUrl: 'https://runbooks.example.org/api',
});

const duplicate = defineAlert({
  alert: 'ApiDown',
  expr: 'up{job="api"} < 1',
  for: '1m',
  severity: 'critical',
  labels: { value: '{{ $value }}' },
  summary: 'The API is down',
  runbookUrl: 'https://runbooks.example.org/api',
});

const api = defineService({
  id: 'api',
  team: 'web',
  endpoints: [{ job: 'api', targets: ['api:8000'] }],
  ruleGroups: [{
    name: 'api',
    records: [{ record: 'api_up_sum', expr: 'sum(up{job="api"})' }],
    alerts: [valueInLabel, duplicate],
  }],
});

export default defineProject({
  name: 'invalid-rule-lint-errors',
  targets: { prometheus: '2.42.0', alertmanager: '0.25.0', grafana: '11.3.0', kubernetes: '1.30' },
  lint: { 'alert/untested': 'off' },
  services: [api],
});
