import { defineAlertmanager } from '#schemas';

/**
 * Who is told about what, as the seeds route it: critical pages through
 * PagerDuty and reaches #genesis-critical and the escalation mailbox; high goes
 * to the on-call channel; warning to chat and mail, grouped; info is only kept
 * in Alertmanager. Security alerts also reach the security team, and alerts
 * with an automated response also reach the automation webhook (restarts,
 * circuit breaker, rollback). Autonomica alerts go to its own team@ and urgent@
 * addresses and #alerts / #alerts-urgent channels.
 *
 * Secrets are files on the Alertmanager host, never values here.
 */
export const alertmanager = defineAlertmanager({
  global: {
    resolveTimeout: '5m',
    slackApiUrlFile: '/etc/alertmanager/secrets/slack-webhook-url',
    smtp: {
      smarthost: 'smtp.genesis.internal:587',
      from: 'alerts@genesis.internal',
      authUsername: 'alerts@genesis.internal',
      authPasswordFile: '/etc/alertmanager/secrets/smtp-password',
      requireTls: true,
    },
  },
  receivers: [
    { name: 'monitoring-admins', email: [{ to: 'monitoring-admins@genesis.internal' }] },
    {
      name: 'genesis-critical',
      pagerduty: [{ routingKeyFile: '/etc/alertmanager/secrets/pagerduty-genesis', component: 'genesis' }],
      slack: [{ channel: '#genesis-critical' }],
      email: [{ to: 'genesis-escalation@genesis.internal' }],
    },
    { name: 'genesis-oncall', slack: [{ channel: '#genesis-oncall' }] },
    { name: 'genesis-warnings', slack: [{ channel: '#genesis-alerts' }], email: [{ to: 'genesis-team@genesis.internal' }] },
    { name: 'security-team', slack: [{ channel: '#security-alerts' }] },
    { name: 'automation', webhook: [{ url: 'http://incident-automation:8080/webhooks', maxAlerts: 20 }] },
    {
      name: 'autonomica-urgent',
      email: [{ to: 'urgent@autonomica.ai' }],
      slack: [{ channel: '#alerts-urgent', apiUrlFile: '/etc/alertmanager/secrets/slack-autonomica-webhook-url' }],
    },
    {
      name: 'autonomica-team',
      email: [{ to: 'team@autonomica.ai' }],
      slack: [{ channel: '#alerts', apiUrlFile: '/etc/alertmanager/secrets/slack-autonomica-webhook-url' }],
    },
    // No integration: the alert is kept and shown in Alertmanager, nobody is notified (the seeds' "logged only").
    { name: 'info-log' },
  ],
  route: {
    receiver: 'monitoring-admins',
    groupBy: ['alertname', 'service'],
    groupWait: '30s',
    groupInterval: '5m',
    repeatInterval: '4h',
    routes: [
      { matchers: ['automated_response=~".+"'], receiver: 'automation', groupWait: '0s', continue: true },
      { matchers: ['category="security"'], receiver: 'security-team', continue: true },
      {
        matchers: ['team="autonomica"'],
        receiver: 'autonomica-team',
        routes: [
          { matchers: ['severity="critical"'], receiver: 'autonomica-urgent', groupWait: '10s', repeatInterval: '1h' },
          { matchers: ['severity="info"'], receiver: 'info-log' },
          // P2-P4 are reviewed in business hours.
          { matchers: ['severity="warning"'], receiver: 'autonomica-team', activeTimeIntervals: ['business-hours'] },
        ],
      },
      { matchers: ['severity="critical"'], receiver: 'genesis-critical', groupWait: '10s', repeatInterval: '1h' },
      { matchers: ['severity="high"'], receiver: 'genesis-oncall', repeatInterval: '2h' },
      {
        matchers: ['severity="warning"'],
        receiver: 'genesis-warnings',
        groupWait: '1m',
        groupInterval: '10m',
        repeatInterval: '12h',
        muteTimeIntervals: ['weekly-maintenance', 'monthly-maintenance'],
      },
      { matchers: ['severity="info"'], receiver: 'info-log' },
    ],
  },
  inhibitRules: [
    // A critical alert mutes the lower tier of the same signal on the same service (CriticalFailureRate mutes HighFailureRate).
    { source: ['severity="critical"'], target: ['severity=~"high|warning"'], equal: ['service', 'signal'] },
    // An SLO's page mutes its own ticket.
    { source: ['slo_tier="page"'], target: ['slo_tier="ticket"'], equal: ['slo'] },
    // A service that is down mutes everything else about it.
    { source: ['signal="down"'], target: ['signal!="down"'], equal: ['service'] },
  ],
  timeIntervals: [
    { name: 'weekly-maintenance', intervals: [{ weekdays: ['sunday'], times: [{ start: '02:00', end: '03:00' }], location: 'UTC' }] },
    { name: 'monthly-maintenance', intervals: [{ weekdays: ['sunday'], daysOfMonth: ['1:7'], times: [{ start: '02:00', end: '05:00' }], location: 'UTC' }] },
    { name: 'business-hours', intervals: [{ weekdays: ['monday:friday'], times: [{ start: '09:00', end: '17:00' }], location: 'UTC' }] },
  ],
});
