import { defineAlert, defineProject, defineService } from '#schemas';

const errorRatio = defineAlert({
  alert: 'CheckoutHighErrorRate',
  expr: 'job:checkout_requests_errors:ratio_rate5m > 0.05',
  for: '2m',
  keepFiringFor: '5m',
  severity: 'critical',
  labels: { category: 'availability' },
  summary: 'Checkout error rate is {{ $value | humanizePercentage }} on {{ $labels.job }}',
  description: "More than 5% of checkout requests fail.\nInstance: {{ $labels.instance }}; value: {{ printf \"%.2f\" $value }}",
  annotations: { playbook: 'Roll back the last deploy if it started after it.' },
  tests: [
    {
      name: 'fires after two minutes above 5%',
      series: {
        'checkout_requests_total{job="checkout", code="500"}': '0+10x10',
        'checkout_requests_total{job="checkout", code="200"}': '0+90x10',
      },
      at: '10m',
      fires: [{
        labels: { job: 'checkout' },
        annotations: {
          summary: 'Checkout error rate is 10% on checkout',
          description: 'More than 5% of checkout requests fail.\nInstance: ; value: 0.10',
        },
      }],
    },
    {
      name: 'stays quiet at 1% errors',
      series: {
        'checkout_requests_total{job="checkout", code="500"}': '0+1x10',
        'checkout_requests_total{job="checkout", code="200"}': '0+99x10',
      },
      at: '10m',
      fires: [],
    },
  ],
});

const down = defineAlert({
  alert: 'CheckoutDown',
  expr: 'up{job="checkout"} == 0',
  for: '1m',
  severity: 'critical',
  summary: 'Checkout is down',
  tests: [
    { name: 'fires after a minute down', series: { 'up{job="checkout", instance="checkout:8000"}': '1 0x5' }, at: '4m', fires: [{ labels: { job: 'checkout', instance: 'checkout:8000' } }] },
    { name: 'stays quiet while up', series: { 'up{job="checkout", instance="checkout:8000"}': '1x5' }, at: '4m', fires: [] },
  ],
});

const checkout = defineService({
  id: 'checkout',
  team: 'payments',
  endpoints: [{ job: 'checkout', targets: ['checkout:8000'] }],
  metrics: { checkout_requests_total: 'counter' },
  ruleGroups: [{
    name: 'checkout-availability',
    interval: '30s',
    limit: 100,
    records: [{
      record: 'job:checkout_requests_errors:ratio_rate5m',
      expr: 'sum by (job) (rate(checkout_requests_total{code=~"5.."}[5m])) / sum by (job) (rate(checkout_requests_total[5m]))',
      tests: [{
        name: 'records the share of 5xx',
        series: {
          'checkout_requests_total{job="checkout", code="500"}': '0+10x10',
          'checkout_requests_total{job="checkout", code="200"}': '0+90x10',
        },
        at: '10m',
        samples: { 'job:checkout_requests_errors:ratio_rate5m{job="checkout"}': 0.1 },
      }],
    }],
    alerts: [errorRatio, down],
  }],
});

export default defineProject({
  name: 'rules-alerts-templates',
  targets: { prometheus: '2.42.0', alertmanager: '0.25.0', grafana: '11.3.0', kubernetes: '1.30' },
  links: { runbooks: 'https://runbooks.example.org', grafana: 'https://grafana.example.org' },
  services: [checkout],
});
