import { defineAlertmanager, defineProject, defineService } from '#schemas';

const api = defineService({ id: 'api', team: 'web', endpoints: [{ job: 'api', targets: ['api:8000'] }] });

const alertmanager = defineAlertmanager({
  receivers: [{ name: 'default' }, { name: 'pager' }],
  route: {
    receiver: 'default',
    // JavaScript takes a lookahead; Alertmanager's RE2 does not.
    routes: [{ matchers: ['team=~"(?!infra).*"'], receiver: 'pager' }, { matchers: ['service=~"(api"'], receiver: 'pager' }],
  },
});

export default defineProject({
  name: 'invalid-route-regex',
  targets: { prometheus: '2.42.0', alertmanager: '0.25.0', grafana: '11.3.0', kubernetes: '1.30' },
  alertmanager,
  services: [api],
});
