import { defineAlertmanager, defineProject, defineService } from '#schemas';

const api = defineService({
  id: 'api',
  team: 'web',
  endpoints: [{ job: 'api', targets: ['api:8000'] }],
  ruleGroups: [{
    name: 'api',
    alerts: [{
      alert: 'ApiDown', expr: 'max by (node) (up{job="api"}) == 0', for: '5m', severity: 'warning', summary: 'The API on {{ $labels.node }} is down.',
      runbookUrl: 'https://runbooks.example.org/api-down',
      tests: [{ name: 'fires when down', series: { 'up{job="api", node="a"}': '0x10' }, at: '10m', fires: [{ labels: { node: 'a' }, annotations: { summary: 'The API on a is down.' } }] }],
    }],
  }],
});

const alertmanager = defineAlertmanager({
  receivers: [{ name: 'default' }, { name: 'pager' }, { name: 'payments-oncall' }],
  route: {
    receiver: 'default',
    routes: [
      { matchers: ['severity="critical"'], receiver: 'pager' },
      { matchers: ['namespace="payments"'], receiver: 'payments-oncall' },
    ],
  },
  inhibitRules: [{ source: ['alertname="NodeDown"'], target: ['severity="warning"'], equal: ['node'] }],
  routingTests: [
    // The critical route comes first, so payments' critical alerts page the platform pager instead.
    { labels: { alertname: 'KubePodCrashLooping', severity: 'critical', namespace: 'payments' }, receivers: ['payments-oncall'] },
    // Inhibition needs the same node on both alerts.
    { labels: { alertname: 'KubeletDown', severity: 'warning', node: 'a' }, receivers: ['default'], mutedWhile: { alertname: 'NodeDown', node: 'b' } },
  ],
});

export default defineProject({
  name: 'invalid-route-expectation',
  targets: { prometheus: '2.42.0', alertmanager: '0.25.0', grafana: '11.3.0', kubernetes: '1.30' },
  alertmanager,
  services: [api],
});
