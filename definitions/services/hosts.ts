import { cadvisorExporter, defineAlert, defineService, exhaustionAlert, nodeExporter, type AlertRuleInput } from '#schemas';
import * as runbooks from '../runbooks.ts';
import { onKubernetes } from '../kubernetes.ts';

const node = (job: string, instance: string) => ({ job, instance });

/** CPU busy share in percent, from the idle time of every CPU. */
function cpuAlert(alert: string, job: string, instance: string, above: number, dashboard: string): AlertRuleInput {
  const idle = `node_cpu_seconds_total{job="${job}", instance="${instance}", cpu="0", mode="idle"}`;
  return defineAlert({
    alert,
    dashboard,
    expr: `100 * (1 - avg by (job, instance) (rate(node_cpu_seconds_total{job="${job}", mode="idle"}[5m]))) > ${above}`,
    for: '10m',
    severity: 'warning',
    summary: `CPU usage of {{ $labels.instance }} is {{ $value | humanize }}% (threshold ${above}%)`,
    tests: [
      { name: 'fires at 90% busy', series: { [idle]: '0+6x30' }, at: '20m', fires: [{ labels: node(job, instance), annotations: { summary: `CPU usage of ${instance} is 90% (threshold ${above}%)` } }] },
      { name: 'stays quiet at 10% busy', series: { [idle]: '0+54x30' }, at: '20m', fires: [] },
    ],
  });
}

function memoryAlert(alert: string, job: string, instance: string, above: number, dashboard: string): AlertRuleInput {
  const series = (available: string) => ({
    [`node_memory_MemAvailable_bytes{job="${job}", instance="${instance}"}`]: available,
    [`node_memory_MemTotal_bytes{job="${job}", instance="${instance}"}`]: '1e10x20',
  });
  return defineAlert({
    alert,
    dashboard,
    expr: `100 * (1 - node_memory_MemAvailable_bytes{job="${job}"} / node_memory_MemTotal_bytes{job="${job}"}) > ${above}`,
    for: '10m',
    severity: 'warning',
    summary: `Memory usage of {{ $labels.instance }} is {{ $value | humanize }}% (threshold ${above}%)`,
    tests: [
      { name: 'fires at 95% used', series: series('5e8x20'), at: '15m', fires: [{ labels: node(job, instance), annotations: { summary: `Memory usage of ${instance} is 95% (threshold ${above}%)` } }] },
      { name: 'stays quiet at half used', series: series('5e9x20'), at: '15m', fires: [] },
    ],
  });
}

const REAL_FS = 'fstype!~"tmpfs|overlay"';
const GENESIS = node('genesis-node', 'genesis-host:9100');
const rootFs = (job: string, instance: string) => `node_filesystem_avail_bytes{job="${job}", instance="${instance}", mountpoint="/", fstype="ext4"}`;

/** The host the GENESIS stack runs on: node_exporter. */
export const genesisHost = defineService({
  id: 'genesis-host',
  description: 'Host of the GENESIS stack: CPU, memory, disk, network',
  team: 'genesis',
  endpoints: [nodeExporter({ job: 'genesis-node', targets: ['genesis-host:9100'], kubernetes: onKubernetes('monitoring', 'node-exporter', 'metrics', { 'genesis.dev/stack': 'genesis' }) })],
  ruleGroups: [{
    name: 'genesis-host',
    alerts: [
      cpuAlert('HighCPUUsage', 'genesis-node', 'genesis-host:9100', 80, 'genesis-infrastructure'),
      memoryAlert('HighMemoryUsage', 'genesis-node', 'genesis-host:9100', 80, 'genesis-infrastructure'),
      exhaustionAlert({
        alert: 'DiskSpaceExhaustionPredicted',
        dashboard: 'genesis-infrastructure',
        series: `node_filesystem_avail_bytes{job="genesis-node", ${REAL_FS}}`,
        lookback: '1h',
        within: '4h',
        for: '30m',
        severity: 'warning',
        summary: 'Filesystem {{ $labels.mountpoint }} on {{ $labels.instance }} fills within 4 hours at the current rate',
        tests: [
          {
            name: 'fires when the disk loses 50 MB a minute with 5.5 GB left',
            series: { [rootFs('genesis-node', 'genesis-host:9100')]: '1e10-5e7x90' },
            at: '90m',
            fires: [{ labels: { ...GENESIS, mountpoint: '/', fstype: 'ext4' }, annotations: { summary: 'Filesystem / on genesis-host:9100 fills within 4 hours at the current rate' } }],
          },
          { name: 'stays quiet on a flat disk', series: { [rootFs('genesis-node', 'genesis-host:9100')]: '1e10x90' }, at: '90m', fires: [] },
        ],
      }),
      exhaustionAlert({
        alert: 'MemoryExhaustionPredicted',
        dashboard: 'genesis-infrastructure',
        series: 'node_memory_MemAvailable_bytes{job="genesis-node"}',
        lookback: '1h',
        within: '2h',
        for: '15m',
        severity: 'warning',
        summary: 'Memory of {{ $labels.instance }} runs out within 2 hours at the current rate',
        tests: [
          { name: 'fires when available memory falls 50 MB a minute', series: { 'node_memory_MemAvailable_bytes{job="genesis-node", instance="genesis-host:9100"}': '8e9-5e7x70' }, at: '70m', fires: [{ labels: GENESIS, annotations: { summary: 'Memory of genesis-host:9100 runs out within 2 hours at the current rate' } }] },
          { name: 'stays quiet while available memory is flat', series: { 'node_memory_MemAvailable_bytes{job="genesis-node", instance="genesis-host:9100"}': '8e9x70' }, at: '70m', fires: [] },
        ],
      }),
    ],
  }],
});

const AUTONOMICA = node('autonomica-node', 'autonomica-host:9100');
const disk = (available: string) => ({
  [rootFs('autonomica-node', 'autonomica-host:9100')]: available,
  'node_filesystem_size_bytes{job="autonomica-node", instance="autonomica-host:9100", mountpoint="/", fstype="ext4"}': '1e11x20',
});
const startTime = 'container_start_time_seconds{job="autonomica-cadvisor", instance="autonomica-host:8080", name="autonomica-worker"}';
const cadvisorUp = 'up{job="autonomica-cadvisor", instance="autonomica-host:8080"}';

/** The host the Autonomica stack runs on: node_exporter, and cAdvisor for its containers. */
export const autonomicaHost = defineService({
  id: 'autonomica-host',
  description: 'Host of the Autonomica stack and its containers',
  team: 'autonomica',
  endpoints: [
    nodeExporter({ job: 'autonomica-node', targets: ['autonomica-host:9100'], kubernetes: onKubernetes('monitoring', 'node-exporter', 'metrics', { 'genesis.dev/stack': 'autonomica' }) }),
    cadvisorExporter({ job: 'autonomica-cadvisor', targets: ['autonomica-host:8080'], kubernetes: onKubernetes('monitoring', 'cadvisor', 'http', { 'genesis.dev/stack': 'autonomica' }) }),
  ],
  ruleGroups: [
    {
      name: 'autonomica-system',
      alerts: [
        cpuAlert('AutonomicaHighCpuUsage', 'autonomica-node', 'autonomica-host:9100', 80, 'autonomica-system'),
        memoryAlert('AutonomicaHighMemoryUsage', 'autonomica-node', 'autonomica-host:9100', 85, 'autonomica-system'),
        defineAlert({
          alert: 'AutonomicaHighDiskUsage',
          dashboard: 'autonomica-system',
          expr: `100 * (1 - node_filesystem_avail_bytes{job="autonomica-node", ${REAL_FS}} / node_filesystem_size_bytes{job="autonomica-node", ${REAL_FS}}) > 85`,
          for: '10m',
          severity: 'warning',
          summary: 'Disk {{ $labels.mountpoint }} of {{ $labels.instance }} is {{ $value | humanize }}% full (threshold 85%)',
          tests: [
            { name: 'fires at 90% full', series: disk('1e10x20'), at: '15m', fires: [{ labels: { ...AUTONOMICA, mountpoint: '/', fstype: 'ext4' }, annotations: { summary: 'Disk / of autonomica-host:9100 is 90% full (threshold 85%)' } }] },
            { name: 'stays quiet at half full', series: disk('5e10x20'), at: '15m', fires: [] },
          ],
        }),
      ],
    },
    {
      name: 'autonomica-containers',
      alerts: [
        defineAlert({
          alert: 'ContainerRestartingFrequently',
          dashboard: 'autonomica-system',
          expr: 'changes(container_start_time_seconds{job="autonomica-cadvisor", name!=""}[15m]) > 3',
          for: '1m',
          severity: 'warning',
          summary: 'Container {{ $labels.name }} restarted {{ $value }} times in 15 minutes',
          tests: [
            { name: 'fires when a container restarts every two minutes', series: { [startTime]: '100 100 220 220 340 340 460 460 580 580 700 700 820 820 940 940 1060 1060' }, at: '17m', fires: [{ labels: { job: 'autonomica-cadvisor', instance: 'autonomica-host:8080', name: 'autonomica-worker' }, annotations: { summary: 'Container autonomica-worker restarted 7 times in 15 minutes' } }] },
            { name: 'stays quiet when the container keeps running', series: { [startTime]: '100x17' }, at: '17m', fires: [] },
          ],
        }),
        defineAlert({
          alert: 'DockerDaemonDown',
          runbook: runbooks.dockerDaemonDown,
          dashboard: 'autonomica-system',
          expr: 'up{job="autonomica-cadvisor"} == 0',
          for: '2m',
          severity: 'critical',
          summary: 'cAdvisor on {{ $labels.instance }} is unreachable: the Docker daemon may be down',
          tests: [
            { name: 'fires after two minutes without cAdvisor', series: { [cadvisorUp]: '1 0x5' }, at: '5m', fires: [{ labels: { job: 'autonomica-cadvisor', instance: 'autonomica-host:8080' }, annotations: { summary: 'cAdvisor on autonomica-host:8080 is unreachable: the Docker daemon may be down' } }] },
            { name: 'stays quiet while cAdvisor answers', series: { [cadvisorUp]: '1x5' }, at: '5m', fires: [] },
          ],
        }),
      ],
    },
  ],
});
