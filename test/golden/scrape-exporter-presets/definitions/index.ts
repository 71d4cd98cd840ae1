import { blackboxProbe, defineService, defineProject, mysqlExporter, nodeExporter, postgresExporter, redisExporter } from '#schemas';

const databases = defineService({
  id: 'databases',
  team: 'data',
  endpoints: [
    mysqlExporter({ targets: ['mysqld-exporter:9104'] }),
    postgresExporter({ targets: ['postgres-exporter:9187'] }),
    redisExporter({ targets: ['redis-exporter:9121'], interval: '30s' }),
  ],
});

const hosts = defineService({
  id: 'hosts',
  team: 'platform',
  endpoints: [nodeExporter({ targets: ['host-b:9100', 'host-a:9100'] })],
});

const health = defineService({
  id: 'api-health',
  team: 'web',
  endpoints: [
    blackboxProbe({ job: 'api-ready', prober: 'blackbox:9115', urls: ['http://api:8000/health/ready'], interval: '5s' }),
    blackboxProbe({ job: 'api-tls', module: 'tls_connect', prober: 'blackbox:9115', urls: ['https://api.example.org/'] }),
  ],
});

export default defineProject({
  name: 'scrape-exporter-presets',
  targets: { prometheus: '2.42.0', alertmanager: '0.25.0', grafana: '11.3.0', kubernetes: '1.30' },
  prometheus: { scrapeInterval: '30s', scrapeTimeout: '10s', evaluationInterval: '30s' },
  services: [databases, hosts, health],
});
