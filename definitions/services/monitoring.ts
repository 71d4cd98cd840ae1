import { alertmanagerSelf, blackboxExporter, defineService, grafanaSelf, nodeExporter, prometheusSelf } from '#schemas';

/** The blackbox exporter that probes the health endpoints. */
export const BLACKBOX = 'blackbox-exporter:9115';

/** The hosts both stacks run on, through node_exporter. */
export const hosts = defineService({
  id: 'hosts',
  description: 'Hosts of the GENESIS and Autonomica stacks: CPU, memory, disk, network',
  team: 'platform',
  endpoints: [nodeExporter({ targets: ['genesis-host:9100', 'autonomica-host:9100'] })],
});

/** The monitoring stack watches itself. */
export const monitoring = defineService({
  id: 'monitoring',
  description: 'Prometheus, Alertmanager, Grafana and the blackbox exporter',
  team: 'platform',
  endpoints: [
    prometheusSelf({ targets: ['localhost:9090'] }),
    alertmanagerSelf({ targets: ['alertmanager:9093'] }),
    grafanaSelf({ targets: ['grafana:3000'] }),
    blackboxExporter({ targets: [BLACKBOX] }),
  ],
});
