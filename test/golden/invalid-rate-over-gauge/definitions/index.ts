import { defineAlert, defineProject, defineService, nodeExporter } from '#schemas';

const memoryFalling = defineAlert({
  alert: 'MemoryFallingFast',
  expr: 'rate(node_memory_MemAvailable_bytes[5m]) < -1e6',
  for: '10m',
  severity: 'warning',
  summary: 'Available memory falls fast on {{ $labels.instance }}',
  runbookUrl: 'https://runbooks.example.org/memory',
});

const hosts = defineService({
  id: 'hosts',
  team: 'platform',
  endpoints: [nodeExporter({ targets: ['host:9100'] })],
  ruleGroups: [{ name: 'hosts', alerts: [memoryFalling] }],
});

export default defineProject({
  name: 'invalid-rate-over-gauge',
  targets: { prometheus: '2.42.0', alertmanager: '0.25.0', grafana: '11.3.0', kubernetes: '1.30' },
  lint: { 'alert/untested': 'off' },
  services: [hosts],
});
