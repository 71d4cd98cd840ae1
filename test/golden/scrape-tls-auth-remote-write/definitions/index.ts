import { defineProject, defineService } from '#schemas';

const secure = defineService({
  id: 'secure-api',
  team: 'security',
  endpoints: [
    {
      job: 'secure-api',
      scheme: 'https',
      targets: ['secure-api:8443'],
      params: { format: ['prometheus'] },
      tls: { caFile: 'certs/ca.crt', serverName: 'secure-api.internal' },
      basicAuth: { username: 'prometheus', passwordFile: 'secrets/secure-api' },
    },
    {
      job: 'secure-api-admin',
      scheme: 'https',
      metricsPath: '/admin/metrics',
      targets: ['secure-api:9443'],
      authorization: { credentialsFile: 'secrets/admin-token' },
      tls: { certFile: 'certs/client.crt', keyFile: 'certs/client.key' },
    },
  ],
});

export default defineProject({
  name: 'scrape-tls-auth-remote-write',
  targets: { prometheus: '2.42.0', alertmanager: '0.25.0', grafana: '11.3.0', kubernetes: '1.30' },
  prometheus: {
    externalLabels: { region: 'eu-west-1', cluster: 'prod-1' },
    alertmanagers: [{ targets: ['alertmanager-1:9093', 'alertmanager-0:9093'], scheme: 'https', pathPrefix: '/am', timeout: '5s', tls: { caFile: 'certs/ca.crt' } }],
    remoteWrite: [
      {
        name: 'long-term',
        url: 'https://metrics.example.org/api/v1/push',
        remoteTimeout: '30s',
        basicAuth: { username: 'tenant-1', passwordFile: 'secrets/remote-write' },
        queue: { capacity: 10000, maxShards: 50, maxSamplesPerSend: 2000, batchSendDeadline: '5s' },
        writeRelabel: [{ sourceLabels: ['__name__'], regex: 'debug_.*', action: 'drop' }],
      },
    ],
  },
  services: [secure],
});
