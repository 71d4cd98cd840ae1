import { defineAlert, defineAlertmanager, defineProject, defineService } from '#schemas';

const quiet = (up: string) => [
  { name: 'fires when down', series: { [up]: '0x5' }, at: '4m', fires: [{ labels: { job: 'db', instance: 'db:9104' } }] },
  { name: 'stays quiet when up', series: { [up]: '1x5' }, at: '4m', fires: [] },
];

const dbDown = defineAlert({
  alert: 'DatabaseDown', expr: 'up{job="db"} == 0', for: '1m', severity: 'critical', summary: 'The database is down',
  labels: { automated_response: 'restart' }, tests: quiet('up{job="db", instance="db:9104"}'),
});
const dbSlow = defineAlert({
  alert: 'DatabaseSlow', expr: 'up{job="db"} == 0', for: '1m', severity: 'warning', summary: 'The database is slow', tests: quiet('up{job="db", instance="db:9104"}'),
});
const loginFailures = defineAlert({
  alert: 'LoginFailures', expr: 'up{job="db"} == 0', for: '1m', severity: 'high', summary: 'Logins fail',
  labels: { category: 'security' }, tests: quiet('up{job="db", instance="db:9104"}'),
});
const note = defineAlert({
  alert: 'DatabaseNote', expr: 'up{job="db"} == 0', for: '1m', severity: 'info', summary: 'For the record', tests: quiet('up{job="db", instance="db:9104"}'),
});

const db = defineService({
  id: 'db',
  team: 'data',
  endpoints: [{ job: 'db', targets: ['db:9104'] }],
  ruleGroups: [{ name: 'db', alerts: [dbDown, dbSlow, loginFailures, note] }],
});

const alertmanager = defineAlertmanager({
  global: {
    resolveTimeout: '5m',
    slackApiUrlFile: 'secrets/slack-url',
    smtp: { smarthost: 'smtp.example.org:587', from: 'alerts@example.org', authUsername: 'alerts', authPasswordFile: 'secrets/smtp-password' },
  },
  receivers: [
    { name: 'default', email: [{ to: 'team@example.org' }] },
    { name: 'pager', pagerduty: [{ routingKeyFile: 'secrets/pagerduty-key', class: 'database' }], slack: [{ channel: '#critical' }] },
    { name: 'chat', slack: [{ channel: '#alerts', apiUrlFile: 'secrets/slack-alerts-url' }], email: [{ to: 'oncall@example.org', subject: 'custom {{ .CommonLabels.alertname }}' }] },
    { name: 'security', slack: [{ channel: '#security', title: '{{ template "security.title" . }}' }] },
    { name: 'automation', webhook: [{ url: 'http://automation:8080/webhooks', maxAlerts: 10 }] },
    { name: 'log-only' },
  ],
  route: {
    receiver: 'default',
    groupBy: ['alertname', 'service'],
    groupWait: '30s',
    groupInterval: '5m',
    repeatInterval: '4h',
    routes: [
      { matchers: ['automated_response=~".+"'], receiver: 'automation', continue: true },
      { matchers: ['category="security"'], receiver: 'security', continue: true },
      { matchers: ['severity="critical"'], receiver: 'pager', repeatInterval: '1h' },
      {
        matchers: ['severity=~"high|warning"'],
        receiver: 'chat',
        routes: [{ matchers: ['severity="warning"', 'team!="data"'], muteTimeIntervals: ['weekly-maintenance'] }],
        activeTimeIntervals: ['business-hours'],
      },
      { matchers: ['severity="info"'], receiver: 'log-only' },
    ],
  },
  inhibitRules: [{ source: ['severity="critical"'], target: ['severity="warning"'], equal: ['service'] }],
  // What the routing must do; checked at build time, and with amtool and a running Alertmanager in the tests.
  routingTests: [
    { labels: { alertname: 'PostgresDown', severity: 'critical', service: 'postgres' }, receivers: ['pager'] },
    { labels: { alertname: 'SshBruteForce', severity: 'critical', category: 'security' }, receivers: ['security', 'pager'] },
    { labels: { alertname: 'DiskFilling', severity: 'warning', service: 'postgres', team: 'data' }, receivers: ['chat'], mutedWhile: { alertname: 'PostgresDown', severity: 'critical', service: 'postgres' } },
    { labels: { alertname: 'Heartbeat', severity: 'info' }, receivers: ['log-only'] },
  ],
  timeIntervals: [
    { name: 'weekly-maintenance', intervals: [{ weekdays: ['sunday'], times: [{ start: '02:00', end: '03:00' }], location: 'UTC' }] },
    { name: 'business-hours', intervals: [{ weekdays: ['monday:friday'], times: [{ start: '09:00', end: '17:00' }] }] },
  ],
  // A template file of the team's own, beside monac.tmpl.
  templates: { 'security.tmpl': '{{ define "security.title" }}[SECURITY] {{ .CommonLabels.alertname }}{{ end }}' },
});

export default defineProject({
  name: 'alertmanager-routing',
  targets: { prometheus: '2.42.0', alertmanager: '0.25.0', grafana: '11.3.0', kubernetes: '1.30' },
  links: { runbooks: 'https://runbooks.example.org' },
  alertmanager,
  services: [db],
});
