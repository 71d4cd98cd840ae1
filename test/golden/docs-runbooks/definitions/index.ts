import { defineAlert, defineAlertmanager, defineEscalation, defineProject, defineScaling, defineService, defineSlo, kubeStateMetrics, kedaOperator } from '#schemas';

/** Every section kind of the runbook pages: declared and generated content, SLO impact, routing, inhibitions, time intervals, escalation. */
const down = defineAlert({
  alert: 'CheckoutDown',
  expr: 'up{job="checkout"} == 0',
  for: '1m',
  severity: 'critical',
  labels: { signal: 'down', automated_response: 'restart' },
  summary: 'Checkout {{ $labels.instance }} is down',
  description: 'No scrape of the checkout service succeeded for a minute.',
  runbook: {
    meaning: 'The checkout service does not answer Prometheus: it is down or unreachable.',
    impact: ['Customers cannot pay.', 'Orders queue in the cart service until it recovers.'],
    diagnosis: [
      'Check the pods:\n\n```sh\nkubectl -n shop get pods -l app=checkout\nkubectl -n shop logs deploy/checkout --since=10m\n```',
      'Check the payment provider status page.',
    ],
    mitigation: ['Roll back the last deployment: `kubectl -n shop rollout undo deploy/checkout`', 'Scale out if the pods are overloaded.'],
    automated: 'The automation restarts the deployment once; it pages again if that fails.',
    links: [{ title: 'Checkout architecture', url: 'https://wiki.example.org/checkout' }],
  },
  tests: [
    { name: 'fires after a minute down', series: { 'up{job="checkout", instance="checkout:8080"}': '0x5' }, at: '4m', fires: [{ labels: { job: 'checkout', instance: 'checkout:8080' }, annotations: { summary: 'Checkout checkout:8080 is down' } }] },
    { name: 'stays quiet while up', series: { 'up{job="checkout", instance="checkout:8080"}': '1x5' }, at: '4m', fires: [] },
  ],
});

const slow = defineAlert({
  alert: 'CheckoutSlowQueries',
  expr: 'sum by (job) (rate(checkout_db_slow_queries_total{job="checkout"}[5m])) > 1',
  for: '10m',
  severity: 'warning',
  summary: 'Checkout runs more than one slow query per second',
  tests: [
    { name: 'fires at two slow queries per second', series: { 'checkout_db_slow_queries_total{job="checkout"}': '0+120x20' }, at: '18m', fires: [{ labels: { job: 'checkout' } }] },
    { name: 'stays quiet without slow queries', series: { 'checkout_db_slow_queries_total{job="checkout"}': '0x20' }, at: '18m', fires: [] },
  ],
});

const availability = defineSlo({
  id: 'checkout-availability',
  objective: 99.9,
  sli: { events: { errors: 'http_requests_total{job="checkout", code=~"5.."}', total: 'http_requests_total{job="checkout"}' } },
  // Runbooks are this case's subject: without the 3-day ticket, the SLO's scenarios need a day of history, not three.
  tiers: { slowTicket: false },
  runbook: {
    impact: 'Payments fail; every minute of full outage spends 1/43 of the monthly budget.',
    mitigation: ['Follow CheckoutDown when it fires too.', 'Otherwise roll back the release that started the burn.'],
  },
});

const scaling = defineScaling({
  workload: { name: 'checkout', namespace: 'shop' },
  minReplicas: 2,
  maxReplicas: 6,
  signals: [{ cpu: { utilization: 70 } }],
});

const checkout = defineService({
  id: 'checkout',
  team: 'payments',
  description: 'Takes payments for the shop',
  endpoints: [{ job: 'checkout', targets: ['checkout:8080'] }, kubeStateMetrics({ targets: ['kube-state-metrics:8080'] }), kedaOperator({ targets: ['keda-operator:8080'] })],
  metrics: { http_requests_total: 'counter', checkout_db_slow_queries_total: 'counter' },
  ruleGroups: [{ name: 'checkout', alerts: [down, slow] }],
  slos: [availability],
  scaling: [scaling],
});

const alertmanager = defineAlertmanager({
  global: { slackApiUrlFile: 'secrets/slack-url', smtp: { smarthost: 'smtp.example.org:587', from: 'alerts@example.org' } },
  receivers: [
    { name: 'default', email: [{ to: 'shop@example.org' }] },
    { name: 'pager', pagerduty: [{ routingKeyFile: 'secrets/pagerduty-key' }], slack: [{ channel: '#payments-critical' }] },
    { name: 'team', slack: [{ channel: '#payments' }] },
    { name: 'automation', webhook: [{ url: 'http://automation:8080/webhooks' }] },
  ],
  route: {
    receiver: 'default',
    routes: [
      { matchers: ['automated_response=~".+"'], receiver: 'automation', groupWait: '0s', continue: true },
      { matchers: ['severity="critical"'], receiver: 'pager', repeatInterval: '1h' },
      { matchers: ['severity=~"warning|high"'], receiver: 'team', muteTimeIntervals: ['sunday-maintenance'], activeTimeIntervals: ['office-hours'] },
    ],
  },
  inhibitRules: [{ source: ['signal="down"'], target: ['signal!="down"'], equal: ['service'] }],
  timeIntervals: [
    { name: 'sunday-maintenance', intervals: [{ weekdays: ['sunday'], times: [{ start: '02:00', end: '03:00' }] }] },
    { name: 'office-hours', intervals: [{ weekdays: ['monday:friday'], times: [{ start: '09:00', end: '17:00' }], location: 'Europe/Berlin' }] },
  ],
});

const payments = defineEscalation({
  team: 'payments',
  levels: [
    { name: 'Primary', who: 'Payments on-call', receivers: ['pager'], respondWithin: '5m', escalateAfter: '30m', responsibilities: 'First response' },
    { name: 'Secondary', who: 'Payments lead', contact: 'phone', respondWithin: '15m' },
  ],
  classes: [{ name: 'P1', meaning: 'Payments fail', severities: ['critical'], response: 'War room' }],
});

const fallback = defineEscalation({ levels: [{ name: 'Primary', who: 'Platform on-call', receivers: ['default'], respondWithin: '30m' }] });

export default defineProject({
  name: 'docs-runbooks',
  targets: { prometheus: '2.42.0', alertmanager: '0.25.0', grafana: '11.3.0', kubernetes: '1.30' },
  links: {
    runbooks: 'https://github.com/example/shop-monitoring/blob/main/out/docs/runbooks',
    grafana: 'https://grafana.example.org',
    prometheus: 'https://prometheus.example.org',
    alertmanager: 'https://alertmanager.example.org',
  },
  grafana: { datasource: { url: 'http://prometheus:9090' }, infrastructure: false },
  alertmanager,
  escalation: [payments, fallback],
  docs: { requireMitigation: 'critical', silenceDuration: '1h' },
  lint: { 'alert/runbook-missing': 'error' },
  services: [checkout],
});
