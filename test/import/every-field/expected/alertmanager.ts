// Imported by monac import from input/alertmanager.yml.
// Yours to edit from here: the declarations build back to the input.
import { defineAlertmanager } from '#schemas';

export const alertmanager = defineAlertmanager({
  global: {
    resolveTimeout: '10m',
    slackApiUrlFile: '/etc/alertmanager/secrets/slack-url',
    smtp: {
      smarthost: 'smtp.example.org:587',
      from: 'alerts@example.org',
      authUsername: 'alerts@example.org',
      authPasswordFile: '/etc/alertmanager/secrets/smtp-password',
      requireTls: false,
    },
  },
  receivers: [
    { name: 'default' },
    {
      name: 'payments-pager',
      pagerduty: [
        {
          routingKeyFile: '/etc/alertmanager/secrets/pagerduty-payments',
          severity: 'error',
          class: 'checkout',
          component: 'api',
          group: 'payments',
        },
      ],
    },
    {
      name: 'payments-chat',
      slack: [
        {
          channel: '#payments-alerts',
          title: '{{ template "slack.default.title" . }}',
          text: '{{ template "slack.default.text" . }}',
        },
        {
          channel: '#payments-log',
          apiUrlFile: '/etc/alertmanager/secrets/slack-log-url',
          title: '{{ template "payments.slack.title" . }}',
          text: '{{ template "payments.slack.text" . }}',
          sendResolved: false,
        },
      ],
    },
    {
      name: 'payments-mail',
      email: [
        { to: 'payments@example.org', subject: '[{{ .Status }}] {{ .CommonLabels.alertname }}', sendResolved: true },
      ],
    },
    {
      name: 'platform-mail',
      email: [{ to: 'platform@example.org', subject: '{{ template "email.default.subject" . }}' }],
    },
    {
      name: 'data-hook',
      webhook: [{ url: 'http://data-automation:8080/alerts', maxAlerts: 10 }],
    },
  ],
  route: {
    receiver: 'default',
    groupBy: ['alertname', 'service'],
    groupWait: '30s',
    groupInterval: '5m',
    repeatInterval: '4h',
    routes: [
      {
        receiver: 'payments-pager',
        matchers: ['severity="critical"'],
        groupWait: '10s',
        repeatInterval: '1h',
        continue: true,
      },
      {
        receiver: 'payments-chat',
        matchers: ['team=~"payments|checkout"'],
        routes: [
          {
            receiver: 'payments-mail',
            matchers: ['severity="warning"'],
            activeTimeIntervals: ['business-hours'],
          },
        ],
      },
      {
        receiver: 'data-hook',
        matchers: ['team="data"', 'severity=~"info|warning"'],
        groupBy: ['...'],
        muteTimeIntervals: ['maintenance'],
      },
      {
        receiver: 'platform-mail',
        matchers: ['team="platform"'],
      },
    ],
  },
  inhibitRules: [
    {
      source: ['signal="down"'],
      target: ['signal=~"latency|errors"'],
      equal: ['service'],
    },
    {
      source: ['severity="critical"'],
      target: ['severity="warning"'],
      equal: ['alertname'],
    },
  ],
  timeIntervals: [
    {
      name: 'business-hours',
      intervals: [
        {
          times: [{ start: '09:00', end: '17:00' }],
          weekdays: ['monday:friday'],
          location: 'Europe/Berlin',
        },
      ],
    },
    {
      name: 'maintenance',
      intervals: [
        {
          weekdays: ['sunday'],
          daysOfMonth: ['1:7'],
          months: ['january', 'july'],
          years: ['2026:2027'],
        },
      ],
    },
  ],
  templates: {
    'payments.tmpl': `{{ define "payments.slack.title" }}[{{ .Status | toUpper }}] {{ .CommonLabels.alertname }} ({{ .Alerts | len }}){{ end }}
{{ define "payments.slack.text" }}{{ range .Alerts }}{{ .Annotations.summary }}
{{ end }}{{ end }}
`,
  },
});
