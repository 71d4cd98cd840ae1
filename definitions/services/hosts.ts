import { cadvisorExporter, defineService, nodeExporter } from '#schemas';

/** The host the GENESIS stack runs on: node_exporter. */
export const genesisHost = defineService({
  id: 'genesis-host',
  description: 'Host of the GENESIS stack: CPU, memory, disk, network',
  team: 'genesis',
  endpoints: [nodeExporter({ job: 'genesis-node', targets: ['genesis-host:9100'] })],
});

/** The host the Autonomica stack runs on: node_exporter, and cAdvisor for its containers. */
export const autonomicaHost = defineService({
  id: 'autonomica-host',
  description: 'Host of the Autonomica stack and its containers',
  team: 'autonomica',
  endpoints: [
    nodeExporter({ job: 'autonomica-node', targets: ['autonomica-host:9100'] }),
    cadvisorExporter({ job: 'autonomica-cadvisor', targets: ['autonomica-host:8080'] }),
  ],
});
