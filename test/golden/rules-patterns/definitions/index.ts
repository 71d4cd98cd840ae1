import { absentAlert, defineProject, defineService, errorRatioAlert, exhaustionAlert, latencyQuantileAlert, nodeExporter, zScoreAnomaly } from '#schemas';

const requestAnomaly = zScoreAnomaly({
  alert: 'ApiRequestRateAnomaly',
  record: 'job:api_requests:rate5m',
  expr: 'sum by (job) (rate(api_requests_total[5m]))',
  baseline: '1h',
  sigmas: 3,
  for: '5m',
  severity: 'warning',
  summary: 'Request rate of {{ $labels.job }} is far from its usual level',
  tests: [
    {
      name: 'fires when the rate jumps far above an hour of steady traffic',
      series: { 'api_requests_total{job="api"}': '0+60x60 3660+600x15' },
      at: '68m',
      fires: [{ labels: { job: 'api' }, annotations: { summary: 'Request rate of api is far from its usual level' } }],
    },
    {
      name: 'stays quiet on steady traffic',
      series: { 'api_requests_total{job="api"}': '0+60x75' },
      at: '75m',
      fires: [],
    },
  ],
});

const api = defineService({
  id: 'api',
  team: 'web',
  endpoints: [{ job: 'api', targets: ['api:8000'] }, nodeExporter({ targets: ['api:9100'] })],
  metrics: { api_requests_total: 'counter', api_request_duration_seconds: 'histogram' },
  ruleGroups: [
    {
      name: 'api-patterns',
      alerts: [
        errorRatioAlert({
          alert: 'ApiHighErrorRate',
          errors: 'api_requests_total{job="api", code=~"5.."}',
          total: 'api_requests_total{job="api"}',
          above: 0.05,
          by: ['job'],
          for: '5m',
          severity: 'critical',
          summary: 'API errors at {{ $value | humanizePercentage }}',
          tests: [
            { name: 'fires at 10% errors', series: { 'api_requests_total{job="api", code="500"}': '0+6x20', 'api_requests_total{job="api", code="200"}': '0+54x20' }, at: '15m', fires: [{ labels: { job: 'api' }, annotations: { summary: 'API errors at 10%' } }] },
            { name: 'stays quiet at 1% errors', series: { 'api_requests_total{job="api", code="500"}': '0+1x20', 'api_requests_total{job="api", code="200"}': '0+99x20' }, at: '15m', fires: [] },
          ],
        }),
        latencyQuantileAlert({
          alert: 'ApiSlow',
          histogram: 'api_request_duration_seconds',
          matchers: 'job="api"',
          above: 0.2,
          by: ['job'],
          for: '5m',
          severity: 'warning',
          summary: 'API P95 latency is above 200ms',
          tests: [
            { name: 'fires when every request takes over 200ms', series: { 'api_request_duration_seconds_bucket{job="api", le="0.2"}': '0x20', 'api_request_duration_seconds_bucket{job="api", le="1"}': '0+10x20', 'api_request_duration_seconds_bucket{job="api", le="+Inf"}': '0+10x20' }, at: '15m', fires: [{ labels: { job: 'api' } }] },
            { name: 'stays quiet when requests are fast', series: { 'api_request_duration_seconds_bucket{job="api", le="0.2"}': '0+10x20', 'api_request_duration_seconds_bucket{job="api", le="1"}': '0+10x20', 'api_request_duration_seconds_bucket{job="api", le="+Inf"}': '0+10x20' }, at: '15m', fires: [] },
          ],
        }),
        exhaustionAlert({
          alert: 'ApiDiskFullIn4h',
          series: 'node_filesystem_avail_bytes{job="node", mountpoint="/"}',
          lookback: '1h',
          within: '4h',
          for: '10m',
          severity: 'warning',
          summary: 'Disk {{ $labels.mountpoint }} of {{ $labels.instance }} fills within 4 hours',
          tests: [
            { name: 'fires when the disk shrinks 1 GB every 10 minutes', series: { 'node_filesystem_avail_bytes{job="node", instance="api:9100", mountpoint="/"}': '20e9-1e8x90' }, at: '90m', fires: [{ labels: { job: 'node', instance: 'api:9100', mountpoint: '/' }, annotations: { summary: 'Disk / of api:9100 fills within 4 hours' } }] },
            { name: 'stays quiet on a flat disk', series: { 'node_filesystem_avail_bytes{job="node", instance="api:9100", mountpoint="/"}': '20e9x90' }, at: '90m', fires: [] },
          ],
        }),
        absentAlert({
          alert: 'ApiMetricsMissing',
          selector: 'up{job="api"}',
          for: '5m',
          severity: 'warning',
          summary: 'Prometheus has no metrics from the API',
          tests: [
            { name: 'fires when the job disappears', series: { 'up{job="other"}': '1x20' }, at: '10m', fires: [{ labels: { job: 'api' } }] },
            { name: 'stays quiet while the job is scraped', series: { 'up{job="api", instance="api:8000"}': '1x20' }, at: '10m', fires: [] },
          ],
        }),
        requestAnomaly.alert,
      ],
      records: requestAnomaly.records,
    },
  ],
});

export default defineProject({
  name: 'rules-patterns',
  targets: { prometheus: '2.42.0', alertmanager: '0.25.0', grafana: '11.3.0', kubernetes: '1.30' },
  links: { runbooks: 'https://runbooks.example.org' },
  lint: { 'alert/untested': 'error' },
  services: [api],
});
