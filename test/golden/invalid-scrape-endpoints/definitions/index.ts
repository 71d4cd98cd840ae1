import { blackboxProbe, defineProject, defineService } from '#schemas';

const api = defineService({
  id: 'api',
  team: 'web',
  endpoints: [
    {
      job: 'api',
      targets: ['api:8000'],
      relabel: [
        { sourceLabels: ['__address__'], regex: '(.*):.*' },
        { sourceLabels: ['__address__'], targetLabel: 'shard', action: 'hashmod' },
        { sourceLabels: ['zone'], regex: '(eu|us', targetLabel: 'region' }, { sourceLabels: ['zone'], regex: '(?!eu).*', targetLabel: 'region' }, { sourceLabels: ['zone'], regex: '(?i)EU', targetLabel: 'region' },
      ],
      basicAuth: { username: 'prometheus', passwordFile: '/etc/prometheus/secrets/api' },
      authorization: { credentialsFile: '/etc/prometheus/secrets/token' },
      tls: { keyFile: '/etc/prometheus/certs/client.key' },
    },
    { job: 'api-workers', metricsPath: '/metrics' },
    { ...blackboxProbe({ job: 'api-health', prober: 'blackbox-exporter:9115', urls: ['http://api:8000/health'] }), targets: ['api:8000'] },
  ],
});

export default defineProject({
  name: 'invalid-scrape-endpoints',
  targets: { prometheus: '2.42.0', alertmanager: '0.25.0', grafana: '11.3.0', kubernetes: '1.30' },
  services: [api],
});
