import { defineAlertmanager, defineProject, defineService } from '#schemas';

const api = defineService({
  id: 'checkout-api',
  team: 'payments',
  endpoints: [{ job: 'checkout-api', targets: ['checkout-api:8000'] }],
});

// A webhook URL read from a file (url_file) needs Alertmanager 0.26; the project targets 0.25.
const alertmanager = defineAlertmanager({
  receivers: [{ name: 'default' }, { name: 'automation', webhook: [{ urlFile: '/etc/alertmanager/secrets/automation-url' }] }],
  route: { receiver: 'default', routes: [{ matchers: ['automated_response="restart"'], receiver: 'automation' }] },
});

export default defineProject({
  name: 'invalid-webhook-url-file-version',
  targets: { prometheus: '2.42.0', alertmanager: '0.25.0', grafana: '11.3.0', kubernetes: '1.30' },
  services: [api],
  alertmanager,
});
