// Imported by monac import from:
//   input/api-rules.yml
//   input/prometheus.yml
// Yours to edit from here: the declarations build back to the input.
import { defineAlert, defineRecordingRule, defineService } from '#schemas';

export const checkoutApi = defineService({
  id: 'checkout-api',
  team: 'payments',
  endpoints: [
    {
      job: 'checkout-api',
      targets: ['checkout-0:8443', 'checkout-1:8443'],
      metricsPath: '/internal/metrics',
      scheme: 'https',
      interval: '15s',
      timeout: '5s',
      params: {
        format: ['prometheus'],
      },
      honorLabels: true,
      labels: { tier: 'critical' },
      relabel: [
        {
          sourceLabels: ['__address__'],
          regex: '(.*):.*',
          targetLabel: 'host',
        },
      ],
      metricRelabel: [
        {
          sourceLabels: ['__name__'],
          regex: 'go_gc_.*',
          action: 'drop',
        },
      ],
      sampleLimit: 50000,
      tls: {
        caFile: '/etc/prometheus/ca.pem',
        certFile: '/etc/prometheus/client.pem',
        keyFile: '/etc/prometheus/client-key.pem',
        serverName: 'checkout.internal',
      },
      basicAuth: { username: 'prometheus', passwordFile: '/etc/prometheus/secrets/checkout-password' },
    },
    {
      job: 'checkout-probe',
      probe: {
        prober: 'blackbox:9115',
        urls: ['https://checkout.example.org/health'],
      },
    },
  ],
  ruleGroups: [
    {
      name: 'checkout-api',
      interval: '30s',
      limit: 100,
      records: [
        defineRecordingRule({
          record: 'job:checkout_requests:rate5m',
          expr: 'sum by (job) (rate(checkout_requests_total[5m]))',
          labels: { service: 'checkout-api' },
        }),
      ],
      alerts: [
        defineAlert({
          alert: 'CheckoutApiDown',
          expr: 'up{job="checkout-api"} == 0',
          for: '1m',
          keepFiringFor: '5m',
          severity: 'critical',
          labels: { signal: 'down' },
          summary: 'Checkout API {{ $labels.instance }} is down',
          description: `Prometheus cannot scrape {{ $labels.instance }}.
Payments fail while it is down.`,
          annotations: { dashboard_url: 'https://grafana.example.org/d/checkout', playbook: 'payments/down' },
          runbookUrl: 'https://wiki.example.org/runbooks/checkout#down',
        }),
        defineAlert({
          alert: 'CheckoutErrorsHigh',
          expr: `sum by (job) (rate(checkout_requests_total{code=~"5.."}[5m]))
  /
sum by (job) (rate(checkout_requests_total[5m])) > 0.05`,
          for: '5m',
          severity: 'warning',
          summary: 'Checkout errors at {{ $value | humanizePercentage }}',
          annotations: { runbook_url: 'checkout.md#errors' },
        }),
        defineAlert({
          alert: 'CheckoutErrorsHigh',
          expr: 'sum by (job) (rate(checkout_requests_total{code=~"5.."}[5m])) / sum by (job) (rate(checkout_requests_total[5m])) > 0.2',
          for: '2m',
          severity: 'high',
        }),
      ],
    },
  ],
});
