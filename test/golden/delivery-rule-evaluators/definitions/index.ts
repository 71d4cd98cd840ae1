import { defineAlert, defineProject, defineRecordingRule, defineService, defineSlo } from '#schemas';

const errors = 'http_requests_total{job="checkout", code=~"5.."}';
const total = 'http_requests_total{job="checkout"}';

/** Evaluated by the Mimir ruler, the project's default: the cluster label is kept. */
const errorRate = defineRecordingRule({
  record: 'cluster_job:http_errors:rate5m',
  expr: `sum by (cluster, job) (rate(${errors}[5m]))`,
});

/** Thanos Ruler evaluates this group: it adds every cluster's requests together, which the lint rule flags. */
const tooManyErrors = defineAlert({
  alert: 'CheckoutErrors', expr: `sum(rate(${errors}[5m])) > 1`, for: '5m', severity: 'high', summary: 'Checkout fails',
  tests: [
    { name: 'fires at two errors a second', series: { 'http_requests_total{job="checkout", code="500"}': '0+120x10' }, at: '9m', fires: [{}] },
    { name: 'stays quiet without errors', series: { 'http_requests_total{job="checkout", code="500"}': '0x10' }, at: '9m', fires: [] },
  ],
});

/** vmalert evaluates this group against VictoriaMetrics. */
const noTraffic = defineAlert({
  alert: 'CheckoutNoTraffic', expr: `sum by (cluster) (rate(${total}[5m])) == 0`, for: '10m', severity: 'warning', summary: 'Checkout gets no requests',
  tests: [
    { name: 'fires without requests', series: { 'http_requests_total{job="checkout", cluster="eu-1"}': '0x20' }, at: '16m', fires: [{ labels: { cluster: 'eu-1' } }] },
    { name: 'stays quiet with requests', series: { 'http_requests_total{job="checkout", cluster="eu-1"}': '0+60x20' }, at: '16m', fires: [] },
  ],
});

const availability = defineSlo({
  id: 'checkout-availability',
  objective: 99.5,
  groupBy: ['cluster'],
  sli: { events: { errors, total } },
  description: 'Checkout requests succeed',
});

const checkout = defineService({
  id: 'checkout',
  team: 'payments',
  endpoints: [{ job: 'checkout', targets: ['checkout:8080'] }],
  metrics: { http_requests_total: 'counter' },
  ruleGroups: [
    { name: 'checkout-recordings', records: [errorRate] },
    { name: 'checkout-errors', alerts: [tooManyErrors], evaluation: { engine: 'thanos', partialResponseStrategy: 'warn' } },
    { name: 'checkout-traffic', alerts: [noTraffic], evaluation: { engine: 'vmalert' } },
  ],
  slos: [availability],
});

export default defineProject({
  name: 'payments',
  targets: { prometheus: '2.42.0', alertmanager: '0.25.0', grafana: '11.3.0', kubernetes: '1.30' },
  links: { runbooks: 'https://runbooks.example.org' },
  lint: { 'alert/runbook-missing': 'off' },
  prometheus: { externalLabels: { cluster: 'eu-1', replica: 'a' } },
  rules: { evaluation: { engine: 'mimir', namespace: 'payments', sourceTenants: ['eu-1', 'us-1'] }, clusterLabel: 'cluster' },
  services: [checkout],
});
