import { z } from 'zod';
import { filePath, id, labels, pattern, positiveDuration, url } from './common.ts';
import { recordSource } from './source.ts';

/** A Grafana template variable name; `datasource` is always defined. */
const variableName = pattern(/^[a-zA-Z_][a-zA-Z0-9_]*$/, 'schema/variable-name', 'must be a variable name such as job or instance');

/** A PromQL query of a panel. A bare string is `{ expr }`. */
export const panelQuery = z.union([
  z.string().min(1),
  z.strictObject({
    /** PromQL; Grafana variables (`$job`, `$__rate_interval`) are substituted before it is checked. */
    expr: z.string().min(1),
    /** Series name, with Grafana's `{{label}}` templating. @example '{{instance}}' */
    legend: z.string().optional(),
    /** One value at the end of the range. @default true for stat, gauge, bar gauge and table panels */
    instant: z.boolean().optional(),
  }),
]);

/**
 * Green, yellow and red. Red is on the far side of yellow: `{ yellow: 80, red: 90 }`
 * is red from 90 up; `{ yellow: 98, red: 95 }` (higher is better) is red below 95.
 */
export const thresholds = z
  .strictObject({ yellow: z.number(), red: z.number() })
  .refine((t) => t.yellow !== t.red, { message: 'yellow and red must differ', params: { code: 'dashboard/thresholds' } });

/**
 * Grafana JSON the language has no field for, merged over what it builds:
 * objects key by key, lists and values replaced. `monac import` writes it for
 * what it could not express, and names each field it kept. @example { options: { legend: { placement: 'right' } } }
 */
export const raw = z.record(z.string(), z.unknown());

/** Fields every panel has. */
const panelBase = {
  title: z.string().min(1),
  /** Shown in the panel's info tooltip; the linter asks for one. */
  description: z.string().optional(),
  /** Grid columns, 1-24. @default by kind: 6 for stat and gauge, 12 for graphs, 24 for tables and text */
  width: z.number().int().min(1).max(24).optional(),
  /** Grid rows. @default by kind: 4 for stat, 6 for gauge, 8 otherwise */
  height: z.number().int().min(1).max(64).optional(),
  /** Panel JSON merged over the built panel (after its grid position), such as a `gridPos` the automatic layout would not give. */
  raw: raw.optional(),
};

/** Fields of panels that show Prometheus data. */
const dataPanel = {
  ...panelBase,
  queries: z.array(panelQuery),
  /** Grafana unit id. @example 'percentunit' */
  unit: z.string().min(1).optional(),
  /** Fixed number of decimals. */
  decimals: z.number().int().min(0).max(10).optional(),
  min: z.number().optional(),
  max: z.number().optional(),
  thresholds: thresholds.optional(),
};

export const timeseriesPanel = z.strictObject({
  kind: z.literal('timeseries'),
  ...dataPanel,
  /** Stack the series. @default false */
  stack: z.boolean().optional(),
  /** Area fill opacity, 0-100. @default 10 */
  fill: z.number().int().min(0).max(100).optional(),
});

/** Value text and colour per raw value: `{ '1': { text: 'UP', color: 'green' } }`. */
const valueMappings = z.record(z.string(), z.strictObject({ text: z.string(), color: z.enum(['green', 'yellow', 'red', 'blue']).optional() }));

export const statPanel = z.strictObject({
  kind: z.literal('stat'),
  ...dataPanel,
  /** A sparkline under the value. @default false */
  graph: z.boolean().optional(),
  mappings: valueMappings.optional(),
});

export const gaugePanel = z.strictObject({ kind: z.literal('gauge'), ...dataPanel });

export const barGaugePanel = z.strictObject({
  kind: z.literal('bargauge'),
  ...dataPanel,
  /** @default 'horizontal' */
  orientation: z.enum(['horizontal', 'vertical']).optional(),
});

export const tablePanel = z.strictObject({
  kind: z.literal('table'),
  ...dataPanel,
  /** Column titles by field name; several queries are merged into one table. @example { 'Value #A': 'Passed' } */
  columns: z.record(z.string(), z.string()).optional(),
});

/** A classic histogram's buckets over time: `sum by (le) (rate(x_bucket[$__rate_interval]))`. */
export const heatmapPanel = z.strictObject({ kind: z.literal('heatmap'), ...dataPanel });

export const textPanel = z.strictObject({
  kind: z.literal('text'),
  ...panelBase,
  /** Markdown. */
  content: z.string().min(1),
});

/** Alerts from Prometheus (the provisioned datasource manages them). */
export const alertListPanel = z.strictObject({
  kind: z.literal('alertlist'),
  ...panelBase,
  /** Only alerts with these labels. @example { service: 'genesis-orchestrator' } */
  labels: labels.optional(),
  /** @default 20 */
  limit: z.number().int().min(1).max(500).optional(),
});

/** A panel of a type the language has no kind for (a pie chart, logs): its plugin id, and its JSON in `raw`. The linter does not read it. */
export const rawPanel = z.strictObject({
  kind: z.literal('raw'),
  ...panelBase,
  /** Grafana panel plugin id. @example 'piechart' */
  type: z.string().min(1),
});

export const panel = z.discriminatedUnion('kind', [
  timeseriesPanel, statPanel, gaugePanel, barGaugePanel, tablePanel, heatmapPanel, textPanel, alertListPanel, rawPanel,
]);

export const dashboardRow = z.strictObject({
  kind: z.literal('row'),
  title: z.string().min(1),
  /** A collapsed row holds its panels until opened. @default false */
  collapsed: z.boolean().optional(),
  panels: z.array(panel),
  /** Row JSON merged over the built row. */
  raw: raw.optional(),
});

/** A query variable: label values for a drop-down. */
export const queryVariable = z.strictObject({
  name: variableName,
  /** Title-case label. @default the name with a capital */
  label: z.string().optional(),
  /** `label_values(metric{...}, label)`, `label_names()`, `metrics(re)` or `query_result(expr)`. @example 'label_values(up, job)' */
  query: z.string().min(1),
  /** @default true */
  multi: z.boolean().optional(),
  /** An "All" option matching `.+`. @default true */
  includeAll: z.boolean().optional(),
});

export const dashboardLink = z.union([
  /** Another dashboard of the estate, by id; `vars` opens it with those variables set. @example { dashboard: 'slos', vars: { slo: 'genesis-availability' } } */
  z.strictObject({ dashboard: id, title: z.string().optional(), vars: z.record(variableName, z.string()).optional() }),
  z.strictObject({ url, title: z.string().min(1) }),
]);

/** Events drawn across every graph: deploys, restarts, alerts. */
export const annotation = z.strictObject({
  name: z.string().min(1),
  /** PromQL; each series that has a value is an event. @example 'changes(process_start_time_seconds{job="api"}[$__rate_interval]) > 0' */
  expr: z.string().min(1),
  /** @example '{{job}} restarted' */
  title: z.string().optional(),
  /** @default 'blue' */
  color: z.enum(['red', 'orange', 'yellow', 'green', 'blue', 'purple']).optional(),
});

/** Timing and data of a dashboard. */
const dashboardSettings = {
  /** @default '30s' */
  refresh: positiveDuration.optional(),
  /** How far back the dashboard opens. @default '6h' */
  time: positiveDuration.optional(),
  /** Variables after `datasource`, in drop-down order. @default [] */
  variables: z.array(queryVariable).optional(),
  links: z.array(dashboardLink).optional(),
  /** Firing alerts (`ALERTS{alertstate="firing"}`) of these labels are drawn as red annotations. */
  alertAnnotations: labels.optional(),
  annotations: z.array(annotation).optional(),
};

export const dashboard = z.strictObject({
  /** kebab-case, unique in the estate; the uid (cut to 40 characters with a hash) and the file name. @example 'genesis-overview' */
  id,
  title: z.string().min(1),
  description: z.string().optional(),
  /** Grafana folder title; the dashboards of one folder share a directory. @example 'GENESIS' */
  folder: z.string().min(1),
  tags: z.array(z.string().min(1)).optional(),
  ...dashboardSettings,
  panels: z.array(z.union([dashboardRow, panel])),
  /** Dashboard lint rules switched off for this dashboard, each with the reason. @example { 'dashboard/panel-units': 'text-only KPIs' } */
  lint: z.record(z.string(), z.string().min(1)).optional(),
  /** Dashboard JSON merged over the built dashboard (its panels excepted), such as variables of types the language has no field for. */
  raw: raw.optional(),
});

export type DashboardInput = z.input<typeof dashboard>;
export type Dashboard = z.output<typeof dashboard>;
export type PanelInput = z.input<typeof panel>;
export type Panel = z.output<typeof panel>;
export type Row = z.output<typeof dashboardRow>;
export type PanelQuery = z.output<typeof panelQuery>;

/** Grafana settings of the project: the datasource it provisions and the dashboards it generates. */
export const grafanaSettings = z.strictObject({
  /** The provisioned Prometheus datasource. */
  datasource: z.strictObject({
    /** @default 'Prometheus' */
    name: z.string().min(1).optional(),
    /** Fixed uid dashboards may reference. @default 'prometheus' */
    uid: pattern(/^[a-zA-Z0-9_-]{1,40}$/, 'schema/uid', 'must be 1-40 letters, digits, - or _').optional(),
    /** How Grafana reaches Prometheus. @example 'http://prometheus:9090' */
    url,
    /** Basic auth to Prometheus; the password stays in a file on the Grafana host (`$__file{...}` in the provisioning file). */
    basicAuth: z.strictObject({ username: z.string().min(1), passwordFile: filePath }).optional(),
  }),
  /** Where Grafana reads out/grafana/dashboards/ from. @default '/var/lib/grafana/dashboards' */
  dashboardsPath: pattern(/^\/\S*$/, 'schema/path', 'must be an absolute path').optional(),
  /**
   * Generated service dashboards. `'templated'`: one dashboard per kind of
   * service (services whose dashboards would have the same panels) with a
   * `$service` drop-down; a kind of one service keeps the service id as uid.
   * `'per-service'`: one per service (uid = the service id). `true` is
   * `'templated'`, `false` none. @default 'templated'
   */
  serviceDashboards: z.union([z.boolean(), z.enum(['templated', 'per-service'])]).optional(),
  /**
   * Generated SLO dashboards. `'templated'`: one dashboard `slos` with a `$slo`
   * drop-down. `'per-slo'`: one per SLO (uid = `slo-<id>`). `true` is
   * `'templated'`, `false` none. @default 'templated'
   */
  sloDashboards: z.union([z.boolean(), z.enum(['templated', 'per-slo'])]).optional(),
  /** The node exporter dashboard, when a job scrapes a node exporter; `false` for none. @default { id: 'infrastructure', title: 'Infrastructure' } */
  infrastructure: z.union([z.literal(false), z.strictObject({ id, title: z.string().min(1), folder: z.string().min(1).optional() })]).optional(),
});

export type GrafanaSettingsInput = z.input<typeof grafanaSettings>;

const withKind = <K extends string>(kind: K) =>
  <T extends object>(input: T): T & { kind: K } => recordSource({ ...input, kind });

/** Declares a dashboard and records where, so diagnostics about it point here. */
export function defineDashboard(input: DashboardInput): DashboardInput {
  return recordSource({ ...input });
}

type Without<T> = Omit<T, 'kind'>;
/** A graph over time. */
export const timeseries: (input: Without<z.input<typeof timeseriesPanel>>) => z.input<typeof timeseriesPanel> = withKind('timeseries');
/** One big number, coloured by thresholds. */
export const stat: (input: Without<z.input<typeof statPanel>>) => z.input<typeof statPanel> = withKind('stat');
export const gauge: (input: Without<z.input<typeof gaugePanel>>) => z.input<typeof gaugePanel> = withKind('gauge');
export const barGauge: (input: Without<z.input<typeof barGaugePanel>>) => z.input<typeof barGaugePanel> = withKind('bargauge');
export const table: (input: Without<z.input<typeof tablePanel>>) => z.input<typeof tablePanel> = withKind('table');
export const heatmap: (input: Without<z.input<typeof heatmapPanel>>) => z.input<typeof heatmapPanel> = withKind('heatmap');
export const text: (input: Without<z.input<typeof textPanel>>) => z.input<typeof textPanel> = withKind('text');
export const alertList: (input: Without<z.input<typeof alertListPanel>>) => z.input<typeof alertListPanel> = withKind('alertlist');
/** A panel of a type the language has no kind for, kept as its JSON. */
export const pluginPanel: (input: Without<z.input<typeof rawPanel>>) => z.input<typeof rawPanel> = withKind('raw');
/** A row of panels, open or collapsed. */
export const row: (input: Without<z.input<typeof dashboardRow>>) => z.input<typeof dashboardRow> = withKind('row');
