import type { Dashboard, Panel } from '../../schemas/dashboard.ts';
import type { MetricType } from '../../schemas/rules.ts';
import type { Slo } from '../../schemas/slo.ts';
import { stableNumber } from '../core/emit.ts';
import type { Model, ServiceModel, Site } from '../core/model.ts';
import { scrapeMetrics } from '../promql/exporter-metrics.ts';
import { names, planSlo } from '../model/slo/rules.ts';
import { windowsOf } from '../model/slo/windows.ts';
import { dashboardCatalog, generatedFolders as folders } from '../model/dashboards.ts';

/** A dashboard the compiler writes without a declaration, and the model element it comes from. */
export interface GeneratedDashboard {
  readonly dashboard: Dashboard;
  readonly site: Site;
}

const SELECT = 'job=~"$job", instance=~"$instance"';

/** The job and instance drop-downs of a set of targets. */
function targetVariables(selector: string): Dashboard['variables'] {
  return [
    { name: 'job', query: `label_values(${selector}, job)` },
    { name: 'instance', query: `label_values(${selector.replace(/}$/, ', job=~"$job"}')}, instance)` },
  ];
}

const isError = (name: string) => /(?:^|_)(?:errors?|errs|fail(?:ed|ures?)?|reject(?:ed|ions)?|denied|violations?)(?:_|$)/.test(name);

/** A unit for a metric from the naming conventions: `_bytes`, `_seconds`, `_ratio`. */
function unitOf(name: string, type: MetricType | 'unknown'): string {
  if (type === 'counter') {
    if (name.endsWith('_bytes_total')) return 'Bps';
    if (name.endsWith('_requests_total')) return 'reqps';
    if (name.endsWith('_seconds_total')) return 'short';
    return 'cps';
  }
  if (name.endsWith('_timestamp_seconds')) return 'dateTimeFromNow';
  if (name.endsWith('_seconds')) return 's';
  if (name.endsWith('_bytes')) return 'bytes';
  if (name.endsWith('_ratio')) return 'percentunit';
  if (name.endsWith('_percent')) return 'percent';
  if (name.endsWith('_celsius')) return 'celsius';
  return 'short';
}

/** Metric names by the job that exposes them, worked out once per model. */
const metricsByJob = new WeakMap<Model, { byJob: Map<string, string[]>; jobsByService: Map<string, string[]> }>();

/** The service's own metrics, by type: what its jobs expose, without Prometheus' per-target series. */
function metricsOf(service: ServiceModel, model: Model): { name: string; type: MetricType | 'unknown' }[] {
  let index = metricsByJob.get(model);
  if (!index) {
    // Once per model: per job its metrics, per service its jobs (a filter per service grew with the square of the estate).
    const byJob = new Map<string, string[]>();
    for (const [name, info] of model.metrics) {
      if (name in scrapeMetrics) continue;
      for (const producer of info.producers) {
        const list = byJob.get(producer);
        if (list) list.push(name);
        else byJob.set(producer, [name]);
      }
    }
    const jobsByService = new Map<string, string[]>();
    for (const job of model.scrapeJobs) {
      const list = jobsByService.get(job.service);
      if (list) list.push(job.jobName);
      else jobsByService.set(job.service, [job.jobName]);
    }
    index = { byJob, jobsByService };
    metricsByJob.set(model, index);
  }
  const { byJob, jobsByService } = index;
  const names = new Set((jobsByService.get(service.id) ?? []).flatMap((job) => byJob.get(job) ?? []));
  const typeOf = (name: string) => model.metrics.get(name)!.type;
  const parents = new Set([...names].filter((name) => typeOf(name) === 'histogram' || typeOf(name) === 'summary'));
  const series = (name: string) => ['_bucket', '_sum', '_count'].some((s) => name.endsWith(s) && parents.has(name.slice(0, -s.length)));
  return [...names].filter((name) => !series(name)).sort().map((name) => ({ name, type: typeOf(name) }));
}

function counterPanel(name: string): Panel {
  return {
    kind: 'timeseries',
    title: `${name} per second`,
    description: `Per-second rate of the counter ${name}, per job.`,
    queries: [{ expr: `sum by (job) (rate(${name}{${SELECT}}[$__rate_interval]))`, legend: '{{job}}' }],
    unit: unitOf(name, 'counter'),
  };
}

function histogramPanel(name: string, type: 'histogram' | 'summary'): Panel {
  const bucket = `${name}_bucket{${SELECT}}`;
  const quantile = (q: number) => ({
    expr: `histogram_quantile(${q}, sum by (le) (rate(${bucket}[$__rate_interval])))`,
    legend: `p${Math.round(q * 100)}`,
  });
  return {
    kind: 'timeseries',
    title: type === 'histogram' ? `${name} percentiles` : `${name} average`,
    description: type === 'histogram'
      ? `50th, 95th and 99th percentiles of ${name}, from its buckets.`
      : `Average of ${name}: the rate of its sum over the rate of its count.`,
    queries: type === 'histogram'
      ? [quantile(0.5), quantile(0.95), quantile(0.99)]
      : [{ expr: `sum(rate(${name}_sum{${SELECT}}[$__rate_interval])) / sum(rate(${name}_count{${SELECT}}[$__rate_interval]))`, legend: 'average' }],
    unit: unitOf(name, 'gauge'),
  };
}

function gaugePanel(name: string, type: MetricType | 'unknown'): Panel {
  return {
    kind: 'timeseries',
    title: name,
    description: `Highest value of ${name} per target.`,
    queries: [{ expr: `max by (job, instance) (${name}{${SELECT}})`, legend: '{{instance}}' }],
    unit: unitOf(name, type),
  };
}

/** A row, collapsed when it holds more than a screenful. */
const rowOf = (title: string, panels: Panel[]) => ({ kind: 'row' as const, title, collapsed: panels.length > 8, panels });

/** Rate, errors, duration and saturation of a service, from what its jobs expose, with its alerts and SLO budgets. */
function serviceDashboard(service: ServiceModel, model: Model): GeneratedDashboard {
  const metrics = metricsOf(service, model);
  const up = `up{service="${service.id}", ${SELECT}}`;
  const counters = metrics.filter((m) => m.type === 'counter');
  const errorRatios: Panel[] = service.slos
    .filter(({ slo }) => 'events' in slo.sli)
    .map(({ slo }) => ({
      kind: 'timeseries',
      title: `${slo.id} error ratio`,
      description: `Share of failed requests over 5 minutes, as the SLO ${slo.id} counts them (objective ${slo.objective}%).`,
      queries: [{ expr: `${names.ratio('5m')}{slo="${slo.id}"}`, legend: 'errors' }],
      unit: 'percentunit',
    }));
  const rows = [
    rowOf('Traffic', counters.filter((m) => !isError(m.name)).map((m) => counterPanel(m.name))),
    rowOf('Errors', [...errorRatios, ...counters.filter((m) => isError(m.name)).map((m) => counterPanel(m.name))]),
    rowOf('Duration', metrics.filter((m) => m.type === 'histogram' || m.type === 'summary').map((m) => histogramPanel(m.name, m.type as 'histogram'))),
    rowOf('Saturation', metrics.filter((m) => m.type === 'gauge' || m.type === 'unknown').map((m) => gaugePanel(m.name, m.type))),
  ].filter((row) => row.panels.length > 0);
  const budgets: Panel[] = service.slos.map(({ slo }) => ({
    kind: 'stat',
    title: `${slo.id} budget left`,
    description: `Error budget of the SLO ${slo.id} left over its ${slo.period ?? '30d'} period.`,
    queries: [`${names.budgetRemaining}{slo="${slo.id}"}`],
    unit: 'percentunit',
    thresholds: { yellow: 0.5, red: 0.2 },
  }));
  return {
    site: service.site,
    dashboard: {
      id: service.id,
      title: service.id,
      description: service.description ?? `Targets, traffic, errors, duration and saturation of ${service.id}.`,
      folder: folders.services,
      tags: ['generated', 'service', `team:${service.team}`],
      refresh: '30s',
      time: '6h',
      variables: targetVariables(`up{service="${service.id}"}`),
      alertAnnotations: { service: service.id },
      links: service.slos.map(({ slo }) => ({ dashboard: `slo-${slo.id}`, title: `SLO ${slo.id}` })),
      panels: [
        {
          kind: 'row',
          title: 'Overview',
          panels: [
            { kind: 'stat', title: 'Targets up', description: 'Targets of the selected jobs that answered their last scrape.', queries: [`sum(${up})`], unit: 'short' },
            {
              kind: 'stat',
              title: 'Targets down',
              description: 'Targets of the selected jobs whose last scrape failed.',
              queries: [`count(${up} == 0) or vector(0)`],
              unit: 'short',
              thresholds: { yellow: 1, red: 2 },
            },
            {
              kind: 'stat',
              title: 'Firing alerts',
              description: `Alerts of ${service.id} firing now.`,
              queries: [`count(ALERTS{alertstate="firing", service="${service.id}"}) or vector(0)`],
              unit: 'short',
              thresholds: { yellow: 1, red: 2 },
            },
            ...budgets,
            { kind: 'alertlist', title: 'Alerts', description: `Firing and pending alerts of ${service.id}.`, labels: { service: service.id }, width: 24, height: 6 },
          ],
        },
        ...rows,
      ],
    },
  };
}

/** SLI, burn rate per alert window, budget left and budget alerts of an SLO. */
function sloDashboard(slo: Slo, service: ServiceModel, site: Site): GeneratedDashboard {
  const plan = planSlo(slo, service, site);
  const of = `{slo="${slo.id}"}`;
  const budget = plan.errorBudget;
  const pages = plan.tiers.filter((t) => t.kind === 'page').map((t) => t.factor);
  const tiers = plan.tiers.map((t) => `${t.name} ${t.longWindow}/${t.shortWindow} at ${stableNumber(t.factor)}x`).join(', ');
  return {
    site,
    dashboard: {
      id: `slo-${slo.id}`,
      title: `SLO ${slo.id}`,
      description: slo.description ?? `The ${slo.objective}% objective of ${service.id} over ${plan.period}.`,
      folder: folders.slos,
      tags: ['generated', 'slo', `service:${service.id}`],
      refresh: '30s',
      time: '7d',
      alertAnnotations: { slo: slo.id },
      links: [{ dashboard: service.id, title: service.id }],
      panels: [
        {
          kind: 'row',
          title: 'Objective',
          panels: [
            { kind: 'stat', title: 'Objective', description: `Share of good events the SLO promises over ${plan.period}.`, queries: [`${names.objective}${of}`], unit: 'percentunit', decimals: 3 },
            {
              kind: 'stat',
              title: `SLI over ${plan.period}`,
              description: `Share of good events over the last ${plan.period}, weighted by requests.`,
              queries: [`1 - ${names.ratio(plan.period)}${of}`],
              unit: 'percentunit',
              decimals: 3,
              thresholds: { yellow: stableNumber(1 - budget / 2), red: stableNumber(1 - budget) },
            },
            {
              kind: 'stat',
              title: 'Error budget left',
              description: `Error budget left over the last ${plan.period}; the budget alerts fire at 50% and 80% spent.`,
              queries: [`${names.budgetRemaining}${of}`],
              unit: 'percentunit',
              thresholds: { yellow: 0.5, red: 0.2 },
            },
            {
              kind: 'stat',
              title: 'Burn rate now',
              description: 'How fast the budget burns over the last 5 minutes: 1 spends it exactly over the period.',
              queries: [`${names.currentBurn}${of}`],
              unit: 'short',
              decimals: 2,
              // Yellow once the budget burns faster than the period allows, red at the slowest page.
              thresholds: { yellow: 1, red: Math.max(pages.length > 0 ? Math.min(...pages) : 10, 2) },
            },
          ],
        },
        {
          kind: 'row',
          title: 'Burn rate',
          panels: [
            {
              kind: 'timeseries',
              title: 'Burn rate per window',
              description: `Error ratio over each alert window divided by the error budget (${budget}). Tiers: ${tiers || 'none'}.`,
              queries: windowsOf(plan.tiers).map((w) => ({ expr: `${names.ratio(w)}${of} / ${budget}`, legend: w })),
              unit: 'short',
            },
            {
              kind: 'timeseries',
              title: 'Error budget left',
              description: `Error budget left over the last ${plan.period}.`,
              queries: [{ expr: `${names.budgetRemaining}${of}`, legend: 'budget left' }],
              unit: 'percentunit',
              thresholds: { yellow: 0.5, red: 0.2 },
            },
            { kind: 'alertlist', title: 'SLO alerts', description: `Burn-rate and budget alerts of ${slo.id}.`, labels: { slo: slo.id }, width: 24, height: 6 },
          ],
        },
      ],
    },
  };
}

const NODE = 'job=~"$job", instance=~"$instance"';
const cpuBusy = (by: string) => `1 - avg${by} (rate(node_cpu_seconds_total{mode="idle", ${NODE}}[$__rate_interval]))`;
const memoryUsed = (by: string) => `1 - sum${by} (node_memory_MemAvailable_bytes{${NODE}}) / sum${by} (node_memory_MemTotal_bytes{${NODE}})`;
const FS = `fstype!~"tmpfs|overlay|squashfs", ${NODE}`;

/** The hosts' node exporters: the seeds' CPU (80%), memory (85%) and disk (85%) thresholds. */
function infrastructureDashboard(model: Model, settings: { id: string; title: string; folder: string }, site: Site): GeneratedDashboard {
  return {
    site,
    dashboard: {
      id: settings.id,
      title: settings.title,
      description: 'CPU, memory, disk and network of every host with a node exporter.',
      folder: settings.folder,
      tags: ['generated', 'infrastructure'],
      refresh: '30s',
      time: '6h',
      variables: [
        { name: 'job', query: 'label_values(node_uname_info, job)' },
        { name: 'instance', query: 'label_values(node_uname_info{job=~"$job"}, instance)' },
      ],
      panels: [
        {
          kind: 'row',
          title: 'Overview',
          panels: [
            { kind: 'stat', title: 'CPU busy', description: 'Share of CPU time not idle, over the selected hosts.', queries: [cpuBusy('')], unit: 'percentunit', thresholds: { yellow: 0.7, red: 0.8 }, graph: true },
            { kind: 'stat', title: 'Memory used', description: 'Memory not available to new processes, over the selected hosts.', queries: [memoryUsed('')], unit: 'percentunit', thresholds: { yellow: 0.75, red: 0.85 }, graph: true },
            {
              kind: 'stat',
              title: 'Fullest filesystem',
              description: 'Used share of the fullest filesystem of the selected hosts.',
              queries: [`max(1 - node_filesystem_avail_bytes{${FS}} / node_filesystem_size_bytes{${FS}})`],
              unit: 'percentunit',
              thresholds: { yellow: 0.75, red: 0.85 },
            },
            { kind: 'stat', title: 'Uptime', description: 'Time since the most recently booted host started.', queries: [`min(node_time_seconds{${NODE}} - node_boot_time_seconds{${NODE}})`], unit: 's' },
          ],
        },
        {
          kind: 'row',
          title: 'CPU and memory',
          panels: [
            { kind: 'timeseries', title: 'CPU busy', description: 'Share of CPU time not idle, per host.', queries: [{ expr: cpuBusy(' by (instance)'), legend: '{{instance}}' }], unit: 'percentunit', min: 0, max: 1, thresholds: { yellow: 0.7, red: 0.8 } },
            { kind: 'timeseries', title: 'Memory used', description: 'Memory not available to new processes, per host.', queries: [{ expr: memoryUsed(' by (instance)'), legend: '{{instance}}' }], unit: 'percentunit', min: 0, max: 1, thresholds: { yellow: 0.75, red: 0.85 } },
            { kind: 'timeseries', title: 'Load average (1m)', description: 'Runnable and waiting processes, averaged over a minute, per host.', queries: [{ expr: `node_load1{${NODE}}`, legend: '{{instance}}' }], unit: 'short' },
          ],
        },
        {
          kind: 'row',
          title: 'Disk and network',
          panels: [
            {
              kind: 'timeseries',
              title: 'Filesystem used',
              description: 'Used share of each filesystem, per host and mount point.',
              queries: [{ expr: `1 - node_filesystem_avail_bytes{${FS}} / node_filesystem_size_bytes{${FS}}`, legend: '{{instance}} {{mountpoint}}' }],
              unit: 'percentunit',
              min: 0,
              max: 1,
              thresholds: { yellow: 0.75, red: 0.85 },
            },
            {
              kind: 'timeseries',
              title: 'Disk throughput',
              description: 'Bytes read and written per second, per host.',
              queries: [
                { expr: `sum by (instance) (rate(node_disk_read_bytes_total{${NODE}}[$__rate_interval]))`, legend: '{{instance}} read' },
                { expr: `sum by (instance) (rate(node_disk_written_bytes_total{${NODE}}[$__rate_interval]))`, legend: '{{instance}} written' },
              ],
              unit: 'Bps',
            },
            {
              kind: 'timeseries',
              title: 'Network throughput',
              description: 'Bytes received and sent per second on every interface but loopback, per host.',
              queries: [
                { expr: `sum by (instance) (rate(node_network_receive_bytes_total{device!="lo", ${NODE}}[$__rate_interval]))`, legend: '{{instance}} received' },
                { expr: `sum by (instance) (rate(node_network_transmit_bytes_total{device!="lo", ${NODE}}[$__rate_interval]))`, legend: '{{instance}} sent' },
              ],
              unit: 'Bps',
            },
          ],
        },
      ],
    },
  };
}

/** Every dashboard the project's Grafana settings ask for, as the model's catalog lists them. */
export function generatedDashboards(model: Model): GeneratedDashboard[] {
  const grafana = model.project.grafana;
  if (!grafana) return [];
  return dashboardCatalog(model).flatMap((entry): GeneratedDashboard[] => {
    switch (entry.kind) {
      case 'declared': return [];
      case 'service': return [serviceDashboard(entry.service, model)];
      case 'slo': return [sloDashboard(entry.slo.slo, entry.service, entry.slo.site)];
      case 'infrastructure': return [infrastructureDashboard(model, entry, grafana.site)];
    }
  });
}
