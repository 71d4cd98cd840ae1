import { defineProject, definePack } from '#schemas';

// Upstream content used as published, with the changes this estate needs.
const mixin = definePack({
  name: 'example-mixin',
  from: 'vendor/mixin',
  team: 'platform',
  severityMap: { none: 'info' },
  drop: ['Heartbeat'],
  alerts: {
    ExampleTargetDown: { for: '15m', labels: { page: 'no' } },
    'ExampleErrorsHigh{severity="critical"}': { keepFiringFor: '10m', annotations: { summary: 'Most requests fail.', runbook_url: 'https://runbooks.example.org/errors' } },
  },
  records: { 'job:http_requests:rate5m': { interval: '1m' } },
  selector: 'cluster="prod"',
  dashboards: { folder: 'Example', drop: ['legacy'] },
});

export default defineProject({
  name: 'pack-upstream',
  targets: { prometheus: '2.42.0', alertmanager: '0.25.0', grafana: '11.3.0', kubernetes: '1.30' },
  services: [],
  grafana: { datasource: { url: 'http://prometheus:9090' }, infrastructure: false },
  alertmanager: {
    receivers: [{ name: 'platform', slack: [{ channel: '#platform', apiUrlFile: '/etc/alertmanager/slack' }] }],
    route: { receiver: 'platform' },
  },
  packs: [mixin],
});
