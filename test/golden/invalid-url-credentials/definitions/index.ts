import { defineAlertmanager, defineProject, defineService } from '#schemas';

const api = defineService({
  id: 'checkout-api',
  team: 'payments',
  endpoints: [{ job: 'checkout-api', targets: ['checkout-api:8000'] }],
});

// Credentials in URLs would land in alertmanager.yml, the Kubernetes Secret and the runbooks.
const alertmanager = defineAlertmanager({
  receivers: [
    { name: 'default' },
    { name: 'userinfo', webhook: [{ url: 'https://bot:hunter2@automation.example.org/alerts' }] },
    { name: 'token', webhook: [{ url: 'https://automation.example.org/alerts?team=payments&token=abc123' }] },
    { name: 'neither', webhook: [{ maxAlerts: 5 }] },
  ],
  route: { receiver: 'default' },
});

export default defineProject({
  name: 'invalid-url-credentials',
  targets: { prometheus: '2.42.0', alertmanager: '0.25.0', grafana: '11.3.0', kubernetes: '1.30' },
  services: [api],
  alertmanager,
  links: { grafana: 'https://grafana.example.org/?api_key=eyJrIjoi' },
});
