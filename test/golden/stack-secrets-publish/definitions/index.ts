import { defineAlert, defineAlertmanager, defineProject, defineService } from '#schemas';

const down = defineAlert({
  alert: 'CheckoutApiDown', expr: 'up{job="checkout-api"} == 0', for: '1m', severity: 'critical', summary: 'The checkout API is down',
  tests: [{ name: 'fires when down', series: { 'up{job="checkout-api", instance="checkout-api:8000"}': '0x5' }, at: '4m', fires: [{ labels: { job: 'checkout-api', instance: 'checkout-api:8000' } }] }],
});

const api = defineService({
  id: 'checkout-api',
  team: 'genesis',
  endpoints: [{ job: 'checkout-api', targets: ['checkout-api:8000'] }],
  ruleGroups: [{ name: 'checkout-api', alerts: [down] }],
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
