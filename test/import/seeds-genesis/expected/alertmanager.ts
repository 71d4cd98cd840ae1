// Imported by monac import from input/monitoring/alertmanager.yml.
// Yours to edit from here: the declarations build back to the input.
import { defineAlertmanager } from '#schemas';

export const alertmanager = defineAlertmanager({
  global: {
    resolveTimeout: '5m',
    slackApiUrlFile: '/etc/alertmanager/secrets/slack-webhook-url',
    smtp: {
      smarthost: 'smtp.genesis.internal:587',
      from: 'alerts@genesis.internal',
      authUsername: 'alerts@genesis.internal',
      authPasswordFile: '/etc/alertmanager/secrets/smtp-password',
    },
  },
  receivers: [
    {
      name: 'genesis-default',
      email: [{ to: 'genesis-team@genesis.internal', subject: '{{ template "email.default.subject" . }}' }],
    },
    {
      name: 'genesis-critical',
      slack: [
        {
          channel: '#genesis-critical',
          title: '{{ template "slack.default.title" . }}',
          text: '{{ template "slack.default.text" . }}',
        },
      ],
      pagerduty: [{ routingKeyFile: '/etc/alertmanager/secrets/pagerduty-genesis', severity: 'error' }],
      email: [{ to: 'genesis-escalation@genesis.internal', subject: '{{ template "email.default.subject" . }}' }],
    },
    {
      name: 'genesis-warnings',
      slack: [
        {
          channel: '#genesis-alerts',
          title: '{{ template "slack.default.title" . }}',
          text: '{{ template "slack.default.text" . }}',
        },
      ],
    },
    { name: 'genesis-info' },
    {
      name: 'webhook',
      webhook: [{ url: 'http://localhost:5001/alerts' }],
    },
  ],
  route: {
    receiver: 'genesis-default',
    groupBy: ['alertname', 'severity'],
    groupWait: '30s',
    groupInterval: '5m',
    repeatInterval: '4h',
    routes: [
      { receiver: 'webhook', continue: true },
      {
        receiver: 'genesis-critical',
        matchers: ['severity="critical"'],
        groupWait: '10s',
        repeatInterval: '1h',
      },
      {
        receiver: 'genesis-warnings',
        matchers: ['severity="warning"'],
        repeatInterval: '12h',
      },
      {
        receiver: 'genesis-info',
        matchers: ['severity="info"'],
      },
    ],
  },
  inhibitRules: [
    {
      source: ['severity="critical"'],
      target: ['severity="warning"'],
      equal: ['alertname', 'service'],
    },
  ],
});
