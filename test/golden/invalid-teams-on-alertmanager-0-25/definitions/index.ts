import { defineAlertmanager, defineProject, defineService } from '#schemas';

const api = defineService({ id: 'api', team: 'web', endpoints: [{ job: 'api', targets: ['api:8000'] }] });

const alertmanager = defineAlertmanager({
  receivers: [
    { name: 'default', email: [{ to: 'team@example.org', smarthost: 'smtp:25', from: 'am@example.org' }] },
    { name: 'teams', msteams: [{ webhookUrlFile: 'secrets/teams-url' }] },
  ],
  route: { receiver: 'default', routes: [{ matchers: ['team="web"'], receiver: 'teams' }] },
});

export default defineProject({
  name: 'invalid-teams-on-alertmanager-0-25',
  targets: { prometheus: '2.42.0', alertmanager: '0.25.0', grafana: '11.3.0', kubernetes: '1.30' },
  alertmanager,
  services: [api],
});
