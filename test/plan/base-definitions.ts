// The base revision of the fixture repository test/plan.test.ts builds: one
// service with a recording rule read by an alert, a critical and a warning
// alert, an SLO, a dashboard and routing that pages for critical alerts.
import { defineAlertmanager, defineDashboard, defineProject, defineService, timeseries } from '#schemas';

export const api = defineService({
  id: 'api',
  team: 'shop',
  endpoints: [{ job: 'api', targets: ['api:8000'], interval: '15s' }],
  ruleGroups: [{
    name: 'api',
    records: [{ record: 'job:http_requests:rate5m', expr: 'sum by (job) (rate(http_requests_total{job="api"}[5m]))' }],
    alerts: [
      { alert: 'ApiDown', expr: 'up{job="api"} == 0', for: '1m', severity: 'critical', summary: 'API down' },
      { alert: 'ApiTrafficLow', expr: 'job:http_requests:rate5m < 1', for: '10m', severity: 'warning', summary: 'API traffic is low' },
    ],
  }],
  scaling: [{
    workload: { name: 'api', namespace: 'shop' },
    minReplicas: 2,
    maxReplicas: 10,
    signals: [{ prometheus: { name: 'requests', query: 'sum(job:http_requests:rate5m{job="api"})', target: { type: 'AverageValue', value: 100 } } }],
  }],
  slos: [{
    id: 'api-availability',
    objective: 99.9,
    sli: { events: { errors: 'http_requests_total{job="api", code=~"5.."}', total: 'http_requests_total{job="api"}' } },
  }],
});

export const overview = defineDashboard({
  id: 'api-overview',
  title: 'API overview',
  folder: 'Shop',
  panels: [timeseries({ title: 'Requests', description: 'Requests per second.', unit: 'reqps', queries: ['job:http_requests:rate5m'] })],
});

export default defineProject({
  name: 'plan-fixture',
  targets: { prometheus: '2.42.0', alertmanager: '0.25.0', grafana: '11.3.0', kubernetes: '1.30' },
  grafana: { datasource: { url: 'http://prometheus:9090' }, serviceDashboards: false, sloDashboards: false },
  alertmanager: defineAlertmanager({
    receivers: [
      { name: 'default', email: [{ to: 'team@example.org', smarthost: 'smtp:587', from: 'am@example.org' }] },
      { name: 'pager', pagerduty: [{ routingKeyFile: '/etc/alertmanager/pd' }] },
      { name: 'chat', slack: [{ channel: '#shop', apiUrlFile: '/etc/alertmanager/slack' }] },
    ],
    route: {
      receiver: 'default',
      routes: [
        { matchers: ['severity="critical"'], receiver: 'pager' },
        { matchers: ['severity=~"warning|high"'], receiver: 'chat' },
      ],
    },
  }),
  // The fixture's alerts are not tested; its critical alerts reach the pager only through one route.
  lint: { 'alert/untested': 'off', 'alert/runbook-missing': 'off' },
  services: [api],
  dashboards: [overview],
});
