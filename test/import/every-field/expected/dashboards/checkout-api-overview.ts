// Imported by monac import from input/checkout-dashboard.json.
// Yours to edit from here: the declarations build back to the input.
import {
  alertList,
  barGauge,
  defineDashboard,
  heatmap,
  pluginPanel,
  row,
  stat,
  table,
  text,
  timeseries,
} from '#schemas';

export const checkoutApiOverviewDashboard = defineDashboard({
  id: 'checkout-api-overview',
  title: 'Checkout API',
  description: 'Checkout API: traffic, errors and latency.',
  folder: 'Imported',
  tags: ['payments', 'checkout'],
  refresh: '1m',
  time: '24h',
  variables: [
    {
      name: 'job',
      query: 'label_values(checkout_requests_total, job)',
      multi: false,
      includeAll: false,
    },
  ],
  links: [{ url: 'https://wiki.example.org/runbooks/checkout', title: 'Runbooks' }],
  annotations: [
    {
      name: 'Restarts',
      expr: 'changes(process_start_time_seconds{job="checkout-api"}[5m]) > 0',
      title: '{{instance}} restarted',
      color: 'orange',
    },
  ],
  panels: [
    row({
      title: 'Traffic',
      panels: [
        timeseries({
          title: 'Requests',
          description: 'Requests per second by status code.',
          queries: [
            { expr: 'sum by (code) (rate(checkout_requests_total{job="$job"}[$__rate_interval]))', legend: '{{code}}' },
          ],
          unit: 'reqps',
          min: 0,
          fill: 25,
          stack: true,
          raw: {
            fieldConfig: {
              defaults: {
                custom: {
                  stacking: { group: 'A' },
                  lineWidth: 2,
                },
              },
            },
            options: {
              legend: {
                displayMode: 'table',
                placement: 'right',
                calcs: ['mean', 'max'],
              },
            },
          },
        }),
        stat({
          title: 'Error ratio',
          description: 'Share of failed requests.',
          queries: [
            'sum(rate(checkout_requests_total{code=~"5.."}[$__rate_interval])) / sum(rate(checkout_requests_total[$__rate_interval]))',
          ],
          unit: 'percentunit',
          decimals: 2,
          max: 1,
          thresholds: { yellow: 0.01, red: 0.05 },
          graph: true,
        }),
        stat({
          title: 'Probe',
          description: 'Whether the API answers its probe.',
          queries: ['min(probe_success{job="checkout-probe"})'],
          mappings: {
            '0': { text: 'DOWN', color: 'red' },
            '1': { text: 'UP', color: 'green' },
          },
        }),
        barGauge({
          title: 'Availability',
          description: 'Availability over the SLO window; higher is better.',
          height: 4,
          queries: ['avg_over_time(probe_success{job="checkout-probe"}[30d])'],
          unit: 'percentunit',
          min: 0.98,
          max: 1,
          thresholds: { yellow: 0.999, red: 0.99 },
          orientation: 'vertical',
          raw: {
            gridPos: { x: 12, y: 5 },
          },
        }),
      ],
    }),
    row({
      title: 'Details',
      collapsed: true,
      panels: [
        heatmap({
          title: 'Latency',
          description: 'Request latency buckets.',
          queries: [
            {
              expr: 'sum by (le) (rate(checkout_request_duration_seconds_bucket[$__rate_interval]))',
              legend: '{{le}}',
            },
          ],
          unit: 's',
        }),
        pluginPanel({
          title: 'Clients',
          description: 'Share of requests by client.',
          type: 'piechart',
          raw: {
            options: {
              pieType: 'donut',
              legend: { displayMode: 'list', placement: 'right', showLegend: true },
            },
            targets: [
              { expr: 'sum by (client) (rate(checkout_requests_total[5m]))', legendFormat: '{{client}}', refId: 'A' },
            ],
          },
        }),
      ],
    }),
    table({
      title: 'Slow routes',
      description: 'Slowest endpoints.',
      width: 16,
      queries: [
        'topk(5, histogram_quantile(0.99, sum by (le, route) (rate(checkout_request_duration_seconds_bucket[5m]))))',
      ],
      unit: 's',
      columns: { route: 'Route', Value: 'P99' },
    }),
    alertList({
      title: 'Alerts',
      width: 8,
      labels: { service: 'checkout-api' },
      limit: 10,
    }),
    text({
      title: 'About',
      height: 3,
      content: 'Owned by **payments**. Pager: #payments-alerts.',
      raw: {
        gridPos: { y: 20 },
      },
    }),
  ],
  raw: {
    links: [
      {
        asDropdown: false,
        icon: 'external link',
        includeVars: false,
        keepTime: false,
        tags: [],
        targetBlank: true,
        title: 'Runbooks',
        tooltip: '',
        type: 'link',
        url: 'https://wiki.example.org/runbooks/checkout',
      },
      {
        asDropdown: true,
        icon: 'external link',
        includeVars: true,
        keepTime: true,
        tags: ['payments'],
        targetBlank: false,
        title: 'Payments',
        tooltip: '',
        type: 'dashboards',
        url: '',
      },
    ],
    templating: {
      list: [
        {
          hide: 0,
          includeAll: false,
          label: 'Data source',
          name: 'datasource',
          query: 'prometheus',
          type: 'datasource',
        },
        {
          datasource: { type: 'prometheus', uid: '${datasource}' },
          definition: 'label_values(checkout_requests_total, job)',
          includeAll: false,
          label: 'Job',
          multi: false,
          name: 'job',
          query: {
            query: 'label_values(checkout_requests_total, job)',
            refId: 'PrometheusVariableQueryEditor-VariableQuery',
          },
          refresh: 2,
          sort: 1,
          type: 'query',
        },
        { name: 'window', query: '5m,1h', type: 'custom' },
      ],
    },
    timezone: 'utc',
  },
});
