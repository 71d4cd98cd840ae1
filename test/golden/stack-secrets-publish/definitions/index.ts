import { defineAlertmanager, defineProject, defineService } from '#schemas';

const api = defineService({
  id: 'checkout-api',
  team: 'payments',
  endpoints: [{ job: 'checkout-api', targets: ['checkout-api:8000'] }],
});

// Two teams keep a file of the same name in folders of their own: two secrets, never one.
const alertmanager = defineAlertmanager({
  receivers: [
    { name: 'default' },
    { name: 'genesis', slack: [{ channel: '#genesis', apiUrlFile: '/etc/alertmanager/secrets/genesis/webhook-url' }] },
    { name: 'autonomica', slack: [{ channel: '#autonomica', apiUrlFile: '/etc/alertmanager/secrets/autonomica/webhook-url' }] },
  ],
  route: { receiver: 'default', routes: [{ matchers: ['team="genesis"'], receiver: 'genesis' }, { matchers: ['team="autonomica"'], receiver: 'autonomica' }] },
});

export default defineProject({
  name: 'stack-secrets-publish',
  targets: { prometheus: '2.42.0', alertmanager: '0.25.0', grafana: '11.3.0', kubernetes: '1.30' },
  services: [api],
  alertmanager,
  grafana: { datasource: { url: 'http://prometheus:9090' } },
  stack: { publishAddress: '10.0.0.5' },
});
