import { blackboxProbe, defineAlert, defineAlertmanager, defineProject, defineService } from '#schemas';

const up = 'up{job="api", instance="api:8000"}';
const apiDown = defineAlert({
  alert: 'ApiDown', expr: 'up{job="api"} == 0', for: '1m', keepFiringFor: '2m', severity: 'critical', summary: 'The API is down',
  runbookUrl: 'https://runbooks.example.org/api#apidown', runbook: { mitigation: ['Roll back the last deploy.'] },
  tests: [
    { name: 'fires when down', series: { [up]: '0x5' }, at: '4m', fires: [{ labels: { job: 'api', instance: 'api:8000' } }] },
    { name: 'stays quiet when up', series: { [up]: '1x5' }, at: '4m', fires: [] },
  ],
});

/** Scraped from static targets by the files delivery, found through its Service by a ServiceMonitor. */
const api = defineService({
  id: 'api',
  team: 'shop',
  endpoints: [
    {
      job: 'api',
      targets: ['api:8000'],
      scheme: 'https',
      kubernetes: { namespace: 'shop', selector: { 'app.kubernetes.io/name': 'api' }, port: 'http-metrics' },
      interval: '30s',
      metricRelabel: [{ sourceLabels: ['__name__'], regex: 'go_gc_.*', action: 'drop' }],
      authorization: { credentialsFile: 'secrets/api-token' },
    },
    {
      job: 'api-workers',
      targets: ['api-worker:9000'],
      kubernetes: { kind: 'pod', namespace: 'shop', selector: { 'app.kubernetes.io/name': 'api-worker' }, port: 'metrics' },
    },
    blackboxProbe({ job: 'api-health', prober: 'blackbox-exporter:9115', urls: ['http://api.shop.svc:8000/health'] }),
  ],
  ruleGroups: [{ name: 'api', limit: 10, alerts: [apiDown] }],
});

const alertmanager = defineAlertmanager({
  global: { slackApiUrlFile: '/etc/alertmanager/secrets/slack-url' },
  receivers: [
    { name: 'default', slack: [{ channel: '#shop' }] },
    { name: 'pager', pagerduty: [{ routingKeyFile: '/etc/alertmanager/secrets/pagerduty-key' }] },
  ],
  route: {
    receiver: 'default',
    groupBy: ['alertname', 'service'],
    routes: [{ matchers: ['severity="critical"'], receiver: 'pager' }],
  },
});

export default defineProject({
  name: 'shop',
  targets: { prometheus: '2.42.0', alertmanager: '0.25.0', grafana: '11.3.0', kubernetes: '1.30', prometheusOperator: '0.75.0' },
  prometheus: { alertmanagers: [{ targets: ['alertmanager:9093'] }] },
  links: { grafana: 'https://grafana.example.org' },
  delivery: {
    files: true,
    prometheusOperator: {
      selectorLabels: { release: 'kube-prometheus-stack' },
      alertmanagerSecret: 'alertmanager-shop',
      secrets: {
        'secrets/api-token': { secret: 'api-scrape-token', key: 'token' },
        '/etc/alertmanager/secrets/slack-url': { secret: 'alertmanager-credentials', key: 'slack-url' },
        '/etc/alertmanager/secrets/pagerduty-key': { secret: 'alertmanager-credentials', key: 'pagerduty-key' },
      },
    },
  },
  alertmanager,
  grafana: { datasource: { url: 'http://prometheus-operated.monitoring.svc:9090' }, serviceDashboards: true, sloDashboards: false },
  services: [api],
});
