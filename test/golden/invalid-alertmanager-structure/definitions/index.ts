import { defineAlertmanager, defineProject, defineService } from '#schemas';

const api = defineService({ id: 'api', team: 'web', endpoints: [{ job: 'api', targets: ['api:8000'] }] });

const alertmanager = defineAlertmanager({
  // No global section: the email and Slack integrations lack their SMTP server, sender and webhook URL.
  receivers: [{ name: 'default', email: [{ to: 'ops@example.org' }] }, { name: 'pager', slack: [{ channel: '#pager' }] }, { name: 'pager' }],
  route: {
    matchers: ['team="web"'],
    routes: [
      { matchers: ['severity="critical"'], receiver: 'pager', groupBy: ['alertname', 'service', 'alertname'] },
      { matchers: ['severity="warning"'], receiver: 'pager', groupBy: ['...', 'service'] },
    ],
  },
  inhibitRules: [{ source: ['alertname="ApiDown"'], target: ['severity="warning"'], equal: ['cluster'] }],
  timeIntervals: [
    { name: 'maintenance', intervals: [{ weekdays: ['sunday'] }] },
    { name: 'maintenance', intervals: [{ weekdays: ['saturday'] }] },
  ],
});

export default defineProject({
  name: 'invalid-alertmanager-structure',
  targets: { prometheus: '2.42.0', alertmanager: '0.25.0', grafana: '11.3.0', kubernetes: '1.30' },
  alertmanager,
  services: [api],
});
