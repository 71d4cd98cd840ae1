import { defineAlertmanager, defineProject, defineService } from '#schemas';

/** One endpoint has no Kubernetes discovery, one reads its targets from files; two jobs make one object name. */
const api = defineService({
  id: 'api',
  team: 'shop',
  endpoints: [
    { job: 'api', targets: ['api:8000'] },
    { job: 'batch', fileSd: { files: ['/etc/prometheus/targets/batch.json'] } },
    { job: 'web_front', targets: ['web:80'], kubernetes: { namespace: 'shop', selector: { app: 'web' }, port: 'http' } },
    { job: 'web-front', targets: ['web:81'], kubernetes: { namespace: 'shop', selector: { app: 'web' }, port: 'admin' }, basicAuth: { username: 'prometheus', passwordFile: '/etc/prometheus/web-password' } },
  ],
});

/** A Kubernetes-only endpoint the files delivery cannot scrape. */
const worker = defineService({
  id: 'worker',
  team: 'shop',
  endpoints: [{ job: 'worker', kubernetes: { namespace: 'shop', selector: { app: 'worker' }, port: 'metrics' } }],
});

const alertmanager = defineAlertmanager({
  receivers: [{ name: 'pager', pagerduty: [{ routingKeyFile: '/etc/alertmanager/secrets/pagerduty-key' }] }],
  route: { receiver: 'pager', groupBy: ['alertname'] },
});

export default defineProject({
  name: 'invalid-delivery-discovery',
  targets: { prometheus: '2.42.0', alertmanager: '0.25.0', grafana: '11.3.0', kubernetes: '1.30', prometheusOperator: '0.75.0' },
  delivery: { prometheusOperator: { selectorLabels: { release: 'kube-prometheus-stack' } } },
  alertmanager,
  services: [api, worker],
});
