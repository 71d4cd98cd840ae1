import type { Dashboard, Panel } from '../../schemas/dashboard.ts';
import type { MetricType } from '../../schemas/rules.ts';
import type { Slo } from '../../schemas/slo.ts';
import { stableNumber } from '../core/emit.ts';
import type { Model, ServiceModel, Site } from '../core/model.ts';
import { names, planSlo } from '../model/slo/rules.ts';
import { periodText, windowsOf } from '../model/slo/windows.ts';
import { dashboardCatalog, generatedFolders as folders, metricIndex, serviceDashboardLink, serviceMetrics, SLOS_DASHBOARD, type DashboardEntry } from '../model/dashboards.ts';
import { parseDuration } from '../../schemas/duration.ts';

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

function counterPanel(name: string, select = SELECT): Panel {
  return {
    kind: 'timeseries',
    title: `${name} per second`,
    description: `Per-second rate of the counter ${name}, per job.`,
    queries: [{ expr: `sum by (job) (rate(${name}{${select}}[$__rate_interval]))`, legend: '{{job}}' }],
    unit: unitOf(name, 'counter'),
  };
}

function histogramPanel(name: string, type: 'histogram' | 'summary', select = SELECT): Panel {
  const bucket = `${name}_bucket{${select}}`;
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
      : [{ expr: `sum(rate(${name}_sum{${select}}[$__rate_interval])) / sum(rate(${name}_count{${select}}[$__rate_interval]))`, legend: 'average' }],
    unit: unitOf(name, 'gauge'),
  };
}

function gaugePanel(name: string, type: MetricType | 'unknown', select = SELECT): Panel {
  return {
    kind: 'timeseries',
    title: name,
    description: `Highest value of ${name} per target.`,
    queries: [{ expr: `max by (job, instance) (${name}{${select}})`, legend: '{{instance}}' }],
    unit: unitOf(name, type),
  };
}

/** A row, collapsed when it holds more than a screenful. */
const rowOf = (title: string, panels: Panel[]) => ({ kind: 'row' as const, title, collapsed: panels.length > 8, panels });

/** The services a service dashboard shows: one, or a kind of service behind a `$service` drop-down. */
function serviceDashboard(entry: Extract<DashboardEntry, { kind: 'service' }>, model: Model): GeneratedDashboard {
  const first = entry.services[0]!;
  const templated = entry.templated;
  const service = templated ? '$service' : first.id;
  const slos = entry.services.flatMap((s) => s.slos);
  const metrics = serviceMetrics(first.id, metricIndex(model.metrics, model.scrapeJobs));
  const up = `up{service="${service}", ${SELECT}}`;
  const counters = metrics.filter((m) => m.type === 'counter');
  const errorRatios: Panel[] = templated
    ? (slos.length > 0 ? [{
      kind: 'timeseries',
      title: 'SLO error ratios',
      description: 'Share of failed events over 5 minutes, as each SLO of the service counts them.',
      queries: [{ expr: `${names.ratio('5m')}{service="${service}"}`, legend: '{{slo}}' }],
      unit: 'percentunit',
    }] : [])
    : slos
      .filter(({ slo }) => 'events' in slo.sli || 'ratio' in slo.sli)
      .map(({ slo }) => ({
        kind: 'timeseries',
        title: `${slo.id} error ratio`,
        description: `Share of failed requests over 5 minutes, as the SLO ${slo.id} counts them (objective ${slo.objective}%).`,
        queries: [{ expr: `${names.ratio('5m')}{slo="${slo.id}"}`, legend: 'errors' }],
        unit: 'percentunit',
      }));
  // Another service's jobs may expose the same metric: a templated dashboard keeps to the chosen service.
  const select = templated ? `service="$service", ${SELECT}` : SELECT;
  const rows = [
    rowOf('Traffic', counters.filter((m) => !isError(m.name)).map((m) => counterPanel(m.name, select))),
    rowOf('Errors', [...errorRatios, ...counters.filter((m) => isError(m.name)).map((m) => counterPanel(m.name, select))]),
    rowOf('Duration', metrics.filter((m) => m.type === 'histogram' || m.type === 'summary').map((m) => histogramPanel(m.name, m.type as 'histogram', select))),
    rowOf('Saturation', metrics.filter((m) => m.type === 'gauge' || m.type === 'unknown').map((m) => gaugePanel(m.name, m.type, select))),
  ].filter((row) => row.panels.length > 0);
  const budgets: Panel[] = templated
    ? (slos.length > 0 ? [{
      kind: 'stat',
      title: 'SLO budgets left',
      description: 'Error budget of each SLO of the service left over its period.',
      queries: [`${names.budgetRemaining}{service="${service}"}`],
      unit: 'percentunit',
      thresholds: { yellow: 0.5, red: 0.2 },
    }] : [])
    : slos.map(({ slo }) => ({
      kind: 'stat',
      title: `${slo.id} budget left`,
      description: `Error budget of the SLO ${slo.id} left over its ${periodText(slo)} period.`,
      queries: [`${names.budgetRemaining}{slo="${slo.id}"}`],
      unit: 'percentunit',
      thresholds: { yellow: 0.5, red: 0.2 },
    }));
  const sloLinks = model.project.grafana?.sloDashboards === 'templated'
    ? (slos.length > 0 ? [{ dashboard: SLOS_DASHBOARD, title: 'SLOs' }] : [])
    : model.project.grafana?.sloDashboards === 'per-slo' ? slos.map(({ slo }) => ({ dashboard: `slo-${slo.id}`, title: `SLO ${slo.id}` })) : [];
  const teams = [...new Set(entry.services.map((s) => `team:${s.team}`))].sort();
  const who = templated ? 'the service chosen above' : first.id;
  return {
    site: first.site,
    dashboard: {
      id: entry.id,
      title: entry.title,
      description: templated
        ? `Targets, traffic, errors, duration and saturation of ${entry.services.length === 1 ? first.id : `each of ${entry.services.length} services with the same metrics`}; choose it in $service.`
        : first.description ?? `Targets, traffic, errors, duration and saturation of ${first.id}.`,
      folder: entry.folder,
      tags: ['generated', 'service', ...teams],
      refresh: '30s',
      time: '6h',
      variables: [
        ...(templated ? [{ name: 'service', query: `label_values(up{service=~"${entry.services.map((s) => s.id).join('|')}"}, service)`, multi: false, includeAll: false }] : []),
        ...targetVariables(`up{service="${service}"}`)!,
      ],
      alertAnnotations: { service },
      links: sloLinks,
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
              description: `Alerts of ${who} firing now.`,
              queries: [`count(ALERTS{alertstate="firing", service="${service}"}) or vector(0)`],
              unit: 'short',
              thresholds: { yellow: 1, red: 2 },
            },
            ...budgets,
            { kind: 'alertlist', title: 'Alerts', description: `Firing and pending alerts of ${who}.`, labels: { service }, width: 24, height: 6 },
          ],
        },
        ...rows,
      ],
    },
  };
}

/** The budget left over `over`, and the burn rate now: yellow once faster than the period allows, red at the slowest page. */
function budgetAndBurnStats(of: string, over: string, pages: readonly number[]): Panel[] {
  return [
    {
      kind: 'stat',
      title: 'Error budget left',
      description: `Error budget left over ${over}; the budget alerts fire at 50% and 80% spent.`,
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
      thresholds: { yellow: 1, red: Math.max(pages.length > 0 ? Math.min(...pages) : 10, 2) },
    },
  ];
}

/** SLI, burn rate per alert window, budget left and budget alerts of an SLO. */
function sloDashboard(slo: Slo, service: ServiceModel, site: Site, project: Model['project']): GeneratedDashboard {
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
      links: project.grafana?.serviceDashboards ? [{ dashboard: serviceDashboardLink(project, service.id).id, title: service.id }] : [],
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
            ...budgetAndBurnStats(of, `the last ${plan.period}`, pages),
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

/** Every SLO behind a `$slo` drop-down: what the per-SLO dashboards show, in terms that hold for any SLO. */
function slosDashboard(entry: Extract<DashboardEntry, { kind: 'slo' }>): GeneratedDashboard {
  const plans = entry.slos.map(({ slo, service }) => planSlo(slo.slo, service, slo.site));
  const of = '{slo="$slo"}';
  const budget = `on (slo) group_left () ${names.errorBudget}${of}`;
  const pages = plans.flatMap((p) => p.tiers.filter((t) => t.kind === 'page').map((t) => t.factor));
  const windows = [...new Set(plans.flatMap((p) => windowsOf(p.tiers)))].sort((a, b) => parseDuration(a)! - parseDuration(b)!);
  return {
    site: entry.slos[0]!.slo.site,
    dashboard: {
      id: entry.id,
      title: entry.title,
      description: `Objective, SLI, burn rates and error budget of the SLO chosen in $slo (${plans.length} SLOs).`,
      folder: entry.folder,
      tags: ['generated', 'slo'],
      refresh: '30s',
      time: '7d',
      variables: [{ name: 'slo', label: 'SLO', query: `label_values(${names.objective}, slo)`, multi: false, includeAll: false }],
      alertAnnotations: { slo: '$slo' },
      panels: [
        {
          kind: 'row',
          title: 'Objective',
          panels: [
            { kind: 'stat', title: 'Objective', description: 'Share of good events the SLO promises over its period.', queries: [`${names.objective}${of}`], unit: 'percentunit', decimals: 3 },
            {
              kind: 'stat',
              title: 'SLI over the period',
              description: 'Share of good events over the SLO\'s period so far, weighted by requests.',
              queries: [`1 - ${names.periodBurn}${of} * ${budget}`],
              unit: 'percentunit',
              decimals: 3,
            },
            ...budgetAndBurnStats(of, 'the period', pages),
          ],
        },
        {
          kind: 'row',
          title: 'Burn rate',
          panels: [
            {
              kind: 'timeseries',
              title: 'Burn rate per window',
              description: 'Error ratio over each alert window divided by the error budget; a window the SLO\'s tiers do not use has no line.',
              queries: windows.map((w) => ({ expr: `${names.ratio(w)}${of} / ${budget}`, legend: w })),
              unit: 'short',
            },
            {
              kind: 'timeseries',
              title: 'Error budget left',
              description: 'Error budget left over the period.',
              queries: [{ expr: `${names.budgetRemaining}${of}`, legend: 'budget left' }],
              unit: 'percentunit',
              thresholds: { yellow: 0.5, red: 0.2 },
            },
            { kind: 'alertlist', title: 'SLO alerts', description: 'Burn-rate and budget alerts of the SLO.', labels: { slo: '$slo' }, width: 24, height: 6 },
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
      case 'service': return [serviceDashboard(entry, model)];
      case 'slo': return entry.templated ? [slosDashboard(entry)] : entry.slos.map(({ slo, service }) => sloDashboard(slo.slo, service, slo.site, model.project));
      case 'infrastructure': return [infrastructureDashboard(model, entry, grafana.site)];
    }
  });
}
