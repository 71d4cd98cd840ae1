/**
 * Grafana dashboard JSON (classic, as exported or provisioned) into
 * `defineDashboard`: panels, rows, variables, links, annotations and
 * thresholds in the language's terms. What it cannot express is found by
 * building the declaration and comparing the result with the input: every
 * field that differs is kept in `raw` on its panel, row or dashboard, and
 * named in a warning. Nothing is dropped silently.
 */
import { dashboardUid } from '../../../generators/core/links.ts';
import { compile } from '../../../generators/compile.ts';
import { placements } from '../../../generators/grafana/build.ts';
import type { Dashboard } from '../../../schemas/dashboard.ts';
import { stableJson } from '../../../generators/core/canonical.ts';
import { defaultSize, folderSlug } from '../../../generators/grafana/conventions.ts';
import { lintRules } from '../../../generators/lint/index.ts';
import type { Imported } from '../model.ts';
import { Findings, isRecord, kebab, type InputDocument, type Path } from '../source.ts';
import { Call } from '../writer.ts';
import { isLegacy, migrateSinglestat, sourcePathOf, upgradeRows } from './legacy.ts';

type Json = Record<string, unknown>;

/** Classic dashboards with a `panels` list: Grafana 5 (schema 16) up to Grafana 12 (42). */
const SCHEMA_VERSIONS = { oldest: 16, newest: 42 } as const;

const kinds: Record<string, string> = {
  timeseries: 'timeseries', stat: 'stat', gauge: 'gauge', bargauge: 'bargauge', table: 'table', heatmap: 'heatmap', text: 'text', alertlist: 'alertlist',
};
const instantKinds = new Set(['stat', 'gauge', 'bargauge', 'table']);
const dataKinds = new Set(['timeseries', 'stat', 'gauge', 'bargauge', 'table', 'heatmap']);

/**
 * The dashboard of a document, recognised as Grafana recognises one: an
 * object with `panels` or (before Grafana 5) `rows`, plain or wrapped as
 * Grafana's API returns it (`{ dashboard, meta }`).
 */
export function dashboardOf(value: unknown): { dashboard: Json; path: Path; folder?: string | undefined } | undefined {
  if (!isRecord(value)) return undefined;
  const laidOut = (v: Json) => Array.isArray(v.panels) || Array.isArray(v.rows);
  if (isRecord(value.dashboard) && laidOut(value.dashboard)) {
    const folder = isRecord(value.meta) && typeof value.meta.folderTitle === 'string' ? value.meta.folderTitle : undefined;
    return { dashboard: value.dashboard, path: ['dashboard'], folder };
  }
  if (laidOut(value) && ('schemaVersion' in value || 'title' in value)) return { dashboard: value, path: [] };
  return undefined;
}

/** One imported dashboard: its declaration (plain values, panels with their `kind`) and how to map built panels back to input ones. */
export interface DashboardImport {
  readonly id: string;
  readonly source: string;
  readonly doc: InputDocument;
  readonly path: Path;
  readonly input: Json;
  readonly declaration: Json;
  /** Input panels (rows included) in the order the declaration lists them, with their paths. */
  readonly panels: readonly { readonly json: Json; readonly path: Path; readonly declared: Json }[];
}

export function importDashboard(doc: InputDocument, folderFlag: string | undefined, taken: Set<string>, into: Imported): DashboardImport | undefined {
  const found = new Findings(doc);
  const { dashboard: written, path, folder } = dashboardOf(doc.value)!;
  // A rows layout is read as Grafana migrates it on load; every panel keeps its place in the file for diagnostics.
  const dashboard = isLegacy(written) ? upgradeRows(written, path) : written;
  const title = typeof dashboard.title === 'string' && dashboard.title !== '' ? dashboard.title : doc.file;
  const version = dashboard.schemaVersion;
  if (typeof version !== 'number' || version < SCHEMA_VERSIONS.oldest || version > SCHEMA_VERSIONS.newest) {
    found.error('import/dashboard-schema', [...path, 'schemaVersion'], `dashboard ${JSON.stringify(title)}`,
      `schemaVersion ${JSON.stringify(version)} is not a classic dashboard the importer reads (${SCHEMA_VERSIONS.oldest} to ${SCHEMA_VERSIONS.newest}, Grafana 5 to 12); open and save it in a recent Grafana first`);
    into.diagnostics.push(...found.diagnostics);
    return undefined;
  }
  const uid = typeof dashboard.uid === 'string' ? dashboard.uid : undefined;
  let id = uid && kebab(uid) === uid && uid.length <= 40 ? uid : kebab(title);
  for (let n = 2; taken.has(id); n++) id = `${kebab(title)}-${n}`;
  taken.add(id);
  const subject = `dashboard ${JSON.stringify(title)}`;
  const panels: { json: Json; path: Path; declared: Json }[] = [];
  // Old graph panels become the time series Grafana migrates them to, before anything reads them.
  const migrate = <T extends { json: Json; path: Path }>(given: T): T => {
    const item = { ...given, json: withRefIds(given.json) };
    const panel = `${subject} panel ${JSON.stringify(str(item.json.title))}`;
    if (item.json.type === 'graph') return { ...item, json: migrateGraph(item.json, item.path, panel, found) };
    if (item.json.type === 'singlestat') return { ...item, json: migrateSinglestat(item.json, item.path, panel, found) };
    return item;
  };
  const items = orderedPanels(dashboard, path).map((item) => ({ ...migrate(item), children: item.children.map(migrate) }));
  const declaredPanels: Json[] = [];
  for (const item of items) {
    if (item.json.type === 'row') {
      const row: Json = { kind: 'row', title: str(item.json.title) || 'Row', collapsed: item.json.collapsed === true ? true : undefined, panels: [] as Json[] };
      panels.push({ ...item, declared: row });
      declaredPanels.push(row);
      for (const child of item.children) {
        const declared = convertPanel(child.json);
        panels.push({ ...child, declared });
        (row.panels as Json[]).push(declared);
      }
      continue;
    }
    // Items that are not rows are top-level: orderedPanels gave an open row the panels below it.
    const declared = convertPanel(item.json);
    panels.push({ ...item, declared });
    declaredPanels.push(declared);
  }
  if (dashboard.editable === true) {
    found.warning('import/dropped', [...path, 'editable'], subject, 'editable: true is left out: the build provisions dashboards read-only, so edits are made in the definitions');
  }
  const time = isRecord(dashboard.time) ? dashboard.time : {};
  const from = typeof time.from === 'string' ? /^now-(\d+[smhdwy])$/.exec(time.from)?.[1] : undefined;
  const declaration: Json = {
    id,
    title,
    description: str(dashboard.description) || undefined,
    folder: folder ?? folderFlag ?? 'Imported',
    tags: Array.isArray(dashboard.tags) && dashboard.tags.length > 0 ? dashboard.tags.map(String) : undefined,
    refresh: typeof dashboard.refresh === 'string' && dashboard.refresh !== '' && dashboard.refresh !== '30s' ? dashboard.refresh : undefined,
    time: from && from !== '6h' ? from : undefined,
    variables: variables(dashboard),
    // Links are resolved once every dashboard of the import is known (resolveLinks).
    links: undefined,
    ...annotations(dashboard),
    panels: declaredPanels,
  };
  into.diagnostics.push(...found.diagnostics);
  return { id, source: doc.file, doc, path, input: dashboard, declaration, panels };
}

/**
 * The panel with a refId on each target, as Grafana's PanelModel gives them
 * on load (ensureQueryIds): a target without one gets the first of A..Z,
 * AA, AB... that no target of the panel uses.
 */
export function withRefIds(panel: Json): Json {
  const targets = Array.isArray(panel.targets) ? panel.targets : [];
  const named = (t: unknown) => isRecord(t) && typeof t.refId === 'string' && t.refId !== '';
  if (targets.every((t) => !isRecord(t) || named(t))) return panel;
  const used = new Set(targets.filter(named).map((t) => (t as Json).refId));
  let n = 0;
  const next = (): string => {
    for (;; n++) {
      const id = refIdOf(n);
      if (!used.has(id)) {
        used.add(id);
        return id;
      }
    }
  };
  return { ...panel, targets: targets.map((t) => (isRecord(t) && !named(t) ? { ...t, refId: next() } : t)) };
}

/** The n-th refId Grafana hands out: A..Z, then AA, AB... */
export function refIdOf(n: number): string {
  let id = '';
  for (let k = n + 1; k > 0; k = Math.floor((k - 1) / 26)) id = String.fromCharCode(65 + ((k - 1) % 26)) + id;
  return id;
}

function str(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** Top-level panels by position; an open row takes the panels below it up to the next row, a collapsed row holds its own. */
function orderedPanels(dashboard: Json, path: Path): { json: Json; path: Path; children: { json: Json; path: Path }[] }[] {
  const pos = (p: Json) => {
    const g = isRecord(p.gridPos) ? p.gridPos : {};
    return [Number(g.y ?? 0), Number(g.x ?? 0)] as const;
  };
  const byPosition = (a: { json: Json }, b: { json: Json }) => {
    const [[ay, ax], [by, bx]] = [pos(a.json), pos(b.json)];
    return ay - by || ax - bx;
  };
  const top = (dashboard.panels as unknown[]).map((json, i) => ({ json: isRecord(json) ? json : {}, path: (isRecord(json) && sourcePathOf(json)) || [...path, 'panels', i] })).sort(byPosition);
  const out: { json: Json; path: Path; children: { json: Json; path: Path }[] }[] = [];
  let row: { json: Json; path: Path; children: { json: Json; path: Path }[] } | undefined;
  for (const item of top) {
    if (item.json.type === 'row') {
      const nested = Array.isArray(item.json.panels) ? item.json.panels : [];
      row = { ...item, children: nested.map((json, i) => ({ json: isRecord(json) ? json : {}, path: (isRecord(json) && sourcePathOf(json)) || [...item.path, 'panels', i] })).sort(byPosition) };
      out.push(row);
    } else if (row && row.json.collapsed !== true) {
      row.children.push(item);
    } else {
      out.push({ ...item, children: [] });
    }
  }
  return out;
}

/** A panel in the language's terms; what they cannot say is found later, by building it (keepRaw). */
function convertPanel(json: Json): Json {
  const type = str(json.type);
  let kind = kinds[type];
  const datasource = isRecord(json.datasource) ? json.datasource : undefined;
  const foreign = datasource && typeof datasource.type === 'string' && datasource.type !== 'prometheus' && datasource.type !== 'datasource';
  if (!kind || (foreign && dataKinds.has(kind))) kind = 'raw';
  const grid = isRecord(json.gridPos) ? json.gridPos : {};
  const size = defaultSize[kind as keyof typeof defaultSize];
  const declared: Json = {
    kind,
    title: str(json.title) || 'Untitled',
    description: str(json.description) || undefined,
    width: typeof grid.w === 'number' && grid.w !== size.width ? grid.w : undefined,
    height: typeof grid.h === 'number' && grid.h !== size.height ? grid.h : undefined,
  };
  if (kind === 'raw') return { ...declared, type };
  const defaults = isRecord(json.fieldConfig) && isRecord(json.fieldConfig.defaults) ? json.fieldConfig.defaults : {};
  const options = isRecord(json.options) ? json.options : {};
  if (kind === 'text') return { ...declared, content: str(options.content) || str(json.content) || ' ' };
  if (kind === 'alertlist') {
    const filter = str(options.alertInstanceLabelFilter);
    const labels = Object.fromEntries([...filter.matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)\s*=\s*"((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1]!, m[2]!]));
    return { ...declared, labels: Object.keys(labels).length > 0 ? labels : undefined, limit: typeof options.maxItems === 'number' && options.maxItems !== 20 ? options.maxItems : undefined };
  }
  const targets = (Array.isArray(json.targets) ? json.targets : []).filter(isRecord);
  const queries = targets.filter((t) => typeof t.expr === 'string' && t.expr !== '').map((t) => {
    const instant = t.instant === true ? true : t.range === true || t.instant === false ? false : undefined;
    const legend = str(t.legendFormat) || undefined;
    const explicit = instant !== undefined && instant !== instantKinds.has(kind!) ? instant : undefined;
    return legend === undefined && explicit === undefined ? t.expr : { expr: t.expr, legend, instant: explicit };
  });
  const custom = isRecord(defaults.custom) ? defaults.custom : {};
  const stacking = isRecord(custom.stacking) ? custom.stacking : {};
  const rename = (Array.isArray(json.transformations) ? json.transformations : []).filter(isRecord)
    .map((t) => (t.id === 'organize' && isRecord(t.options) && isRecord(t.options.renameByName) ? t.options.renameByName : undefined)).find(Boolean);
  // A heatmap's unit is its y axis' (the buckets'); its cells are counts.
  const yAxis = isRecord(options.yAxis) ? options.yAxis : {};
  const unit = kind === 'heatmap' ? str(yAxis.unit) : str(defaults.unit);
  return {
    ...declared,
    queries,
    unit: unit || undefined,
    decimals: typeof defaults.decimals === 'number' ? defaults.decimals : undefined,
    min: typeof defaults.min === 'number' ? defaults.min : undefined,
    max: typeof defaults.max === 'number' ? defaults.max : undefined,
    thresholds: thresholds(defaults.thresholds),
    ...(kind === 'timeseries' ? {
      fill: typeof custom.fillOpacity === 'number' && custom.fillOpacity !== 10 ? custom.fillOpacity : undefined,
      stack: stacking.mode === 'normal' ? true : undefined,
    } : {}),
    ...(kind === 'stat' ? { graph: options.graphMode === 'area' ? true : undefined, mappings: mappings(defaults.mappings) } : {}),
    ...(kind === 'bargauge' ? { orientation: options.orientation === 'vertical' ? 'vertical' : undefined } : {}),
    ...(kind === 'table' && isRecord(rename) && Object.keys(rename).length > 0 ? { columns: Object.fromEntries(Object.entries(rename).map(([k, v]) => [k, String(v)])) } : {}),
  };
}

/** The graph panel's own fields: none of them means anything to a time series. */
const graphFields = [
  'aliasColors', 'bars', 'dashLength', 'dashes', 'fill', 'fillGradient', 'hiddenSeries', 'legend', 'lines', 'linewidth', 'nullPointMode',
  'percentage', 'pointradius', 'points', 'renderer', 'seriesOverrides', 'spaceLength', 'stack', 'steppedLine', 'thresholds', 'timeRegions',
  'tooltip', 'xaxis', 'yaxes', 'yaxis',
];

/**
 * An old graph panel as the time series Grafana migrates it to: the left axis'
 * unit, bounds and decimals, fill, stacking, line width, bars or points, the
 * legend, the tooltip and series colours. What has no counterpart is named in a warning.
 */
export function migrateGraph(json: Json, path: Path, subject: string, found: Findings): Json {
  const number = (v: unknown) => (typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' && !Number.isNaN(Number(v)) ? Number(v) : undefined);
  const axes = Array.isArray(json.yaxes) ? json.yaxes.filter(isRecord) : [];
  const left = axes[0] ?? {};
  const legend = isRecord(json.legend) ? json.legend : {};
  const tooltip = isRecord(json.tooltip) ? json.tooltip : {};
  const custom: Json = {};
  if (typeof json.fill === 'number') custom.fillOpacity = json.fill * 10;
  if (json.stack === true) custom.stacking = { mode: json.percentage === true ? 'percent' : 'normal' };
  if (typeof json.linewidth === 'number' && json.linewidth !== 1) custom.lineWidth = json.linewidth;
  if (json.bars === true) custom.drawStyle = 'bars';
  else if (json.lines === false && json.points === true) custom.drawStyle = 'points';
  if (json.points === true && json.bars !== true) custom.showPoints = 'always';
  const defaults: Json = {
    unit: typeof left.format === 'string' && left.format !== 'short' ? left.format : undefined,
    min: number(left.min),
    max: number(left.max),
    decimals: number(left.decimals),
    custom: Object.keys(custom).length > 0 ? custom : undefined,
  };
  const calcs = legend.values === true
    ? [['avg', 'mean'], ['current', 'lastNotNull'], ['max', 'max'], ['min', 'min'], ['total', 'sum']].filter(([k]) => legend[k!] === true).map(([, c]) => c)
    : [];
  const legendOptions: Json = {
    ...(legend.show === false ? { showLegend: false } : {}),
    ...(calcs.length > 0 ? { calcs } : {}),
    ...(legend.alignAsTable === true ? { displayMode: 'table' } : {}),
    ...(legend.rightSide === true ? { placement: 'right' } : {}),
  };
  // Series colours, by alias or from seriesOverrides, become overrides by name; other series overrides have no counterpart.
  const colours = new Map<string, string>(Object.entries(isRecord(json.aliasColors) ? json.aliasColors : {}).map(([k, v]) => [k, String(v)]));
  const overrides = Array.isArray(json.seriesOverrides) ? json.seriesOverrides.filter(isRecord) : [];
  const dropped: string[] = [];
  for (const o of overrides) {
    if (typeof o.alias === 'string' && typeof o.color === 'string') colours.set(o.alias, o.color);
    const other = Object.keys(o).filter((k) => k !== 'alias' && k !== 'color');
    if (other.length > 0) dropped.push(`seriesOverrides (${other.join(', ')})`);
  }
  if (Array.isArray(json.thresholds) && json.thresholds.length > 0) dropped.push('thresholds');
  if (Array.isArray(json.timeRegions) && json.timeRegions.length > 0) dropped.push('timeRegions');
  if (axes[1]?.show === true && axes[1].format !== 'short') dropped.push('yaxes[1] (the right axis)');
  if (json.steppedLine === true) dropped.push('steppedLine');
  const fieldConfig = isRecord(json.fieldConfig) ? json.fieldConfig : {};
  const migrated: Json = {
    ...Object.fromEntries(Object.entries(json).filter(([k]) => !graphFields.includes(k))),
    type: 'timeseries',
    fieldConfig: {
      ...fieldConfig,
      defaults: JSON.parse(JSON.stringify({ ...(isRecord(fieldConfig.defaults) ? fieldConfig.defaults : {}), ...defaults })) as Json,
      overrides: [
        ...(Array.isArray(fieldConfig.overrides) ? fieldConfig.overrides : []),
        ...[...colours].map(([name, color]) => ({ matcher: { id: 'byName', options: name }, properties: [{ id: 'color', value: { mode: 'fixed', fixedColor: color } }] })),
      ],
    },
    options: {
      ...Object.fromEntries(Object.entries(isRecord(json.options) ? json.options : {}).filter(([k]) => k !== 'alertThreshold' && k !== 'dataLinks')),
      ...(Object.keys(legendOptions).length > 0 ? { legend: legendOptions } : {}),
      ...(tooltip.shared === false ? { tooltip: { mode: 'single' } } : {}),
    },
  };
  found.warning('import/panel-type', [...path, 'type'], subject,
    `the old graph panel becomes a time series, as Grafana migrates it${dropped.length > 0 ? `; without a counterpart and left out: ${dropped.join(', ')}` : ''}`);
  return migrated;
}

/** Green, yellow, red steps in either direction: the language's two numbers. */
function thresholds(value: unknown): Json | undefined {
  if (!isRecord(value) || value.mode !== 'absolute' || !Array.isArray(value.steps) || value.steps.length !== 3) return undefined;
  const steps = value.steps.filter(isRecord);
  const colors = steps.map((s) => s.color);
  const [, second, third] = steps;
  if (colors.join() === 'green,yellow,red' && typeof second?.value === 'number' && typeof third?.value === 'number' && third.value > second.value) {
    return { yellow: second.value, red: third.value };
  }
  if (colors.join() === 'red,yellow,green' && typeof second?.value === 'number' && typeof third?.value === 'number' && third.value > second.value) {
    return { yellow: third.value, red: second.value };
  }
  return undefined;
}

function mappings(value: unknown): Json | undefined {
  if (!Array.isArray(value) || value.length !== 1 || !isRecord(value[0]) || value[0].type !== 'value' || !isRecord(value[0].options)) return undefined;
  const out: Json = {};
  for (const [raw, m] of Object.entries(value[0].options)) {
    if (!isRecord(m) || typeof m.text !== 'string') return undefined;
    out[raw] = { text: m.text, color: typeof m.color === 'string' && ['green', 'yellow', 'red', 'blue'].includes(m.color) ? m.color : undefined };
  }
  return out;
}

function variables(dashboard: Json): Json[] | undefined {
  const list = isRecord(dashboard.templating) && Array.isArray(dashboard.templating.list) ? dashboard.templating.list.filter(isRecord) : [];
  const out = list.filter((v) => v.type === 'query').map((v) => {
    const query = isRecord(v.query) ? str(v.query.query) : str(v.query);
    const name = str(v.name);
    const label = str(v.label);
    return {
      name,
      label: label && label !== name[0]!.toUpperCase() + name.slice(1) ? label : undefined,
      query: query || 'label_values(up, job)',
      multi: v.multi === true ? undefined : false,
      includeAll: v.includeAll === true ? undefined : false,
    };
  });
  return out.length > 0 ? out : undefined;
}

/**
 * The grid positions the automatic layout does not give, kept raw: the first
 * panel out of the flow gets its input position, the flow continues from it,
 * and so on until every position matches.
 */
function keepPositions(dashboard: DashboardImport): void {
  for (let round = 0; round <= dashboard.panels.length; round++) {
    const placed = placements(dashboard.declaration as unknown as Dashboard);
    const i = dashboard.panels.findIndex((panel, n) => {
      const want = isRecord(panel.json.gridPos) ? panel.json.gridPos : {};
      const got = placed[n]!.gridPos as unknown as Json;
      return ['x', 'y', 'w', 'h'].some((k) => typeof want[k] === 'number' && want[k] !== got[k]);
    });
    if (i < 0) return;
    const panel = dashboard.panels[i]!;
    const want = panel.json.gridPos as Json;
    const got = placed[i]!.gridPos as unknown as Json;
    const gridPos = Object.fromEntries(['h', 'w', 'x', 'y'].filter((k) => typeof want[k] === 'number' && want[k] !== got[k]).map((k) => [k, want[k]]));
    panel.declared.raw = { ...(panel.declared.raw as Json | undefined), gridPos: { ...((panel.declared.raw as Json | undefined)?.gridPos as Json | undefined), ...gridPos } };
  }
}

/** Links to dashboards of the same import become links by id (with their variables); others stay URLs. */
function resolveLinks(dashboards: readonly DashboardImport[]): void {
  const byUid = new Map(dashboards.map((d) => [dashboardUid(d.id), d]));
  for (const dashboard of dashboards) {
    const list = Array.isArray(dashboard.input.links) ? dashboard.input.links.filter(isRecord) : [];
    const resolved = list.map((link) => {
      const url = str(link.url);
      const internal = /^\/d\/([^/?#]+)(?:\/[^?#]*)?(?:\?([^#]*))?$/.exec(url);
      const target = internal && byUid.get(internal[1]!);
      if (target) {
        const vars = Object.fromEntries((internal![2] ?? '').split('&').filter((p) => p.startsWith('var-'))
          .map((p) => [decodeURIComponent(p.slice(4).split('=')[0]!), decodeURIComponent(p.split('=').slice(1).join('='))]));
        return { dashboard: target.id, title: str(link.title) === target.declaration.title ? undefined : str(link.title) || undefined, vars: Object.keys(vars).length > 0 ? vars : undefined };
      }
      return /^https?:\/\//.test(url) ? { url, title: str(link.title) || url } : undefined;
    }).filter((l) => l !== undefined);
    dashboard.declaration.links = resolved.length > 0 ? resolved : undefined;
  }
}

function annotations(dashboard: Json): Json {
  const list = isRecord(dashboard.annotations) && Array.isArray(dashboard.annotations.list) ? dashboard.annotations.list.filter(isRecord) : [];
  const out: Json[] = [];
  let alertAnnotations: Json | undefined;
  for (const a of list) {
    if (a.builtIn === 1 || typeof a.expr !== 'string') continue;
    const alerts = /^ALERTS\{alertstate="firing"((?:, [a-zA-Z_]\w*="(?:[^"\\]|\\.)*")*)\}$/.exec(a.expr);
    if (alerts && a.name === 'Firing alerts') {
      alertAnnotations = Object.fromEntries([...alerts[1]!.matchAll(/([a-zA-Z_]\w*)="((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1]!, m[2]!]));
      continue;
    }
    const color = str(a.iconColor);
    out.push({
      name: str(a.name) || 'Annotation',
      expr: a.expr,
      title: str(a.titleFormat) || undefined,
      color: ['red', 'orange', 'yellow', 'green', 'purple'].includes(color) ? color : undefined,
    });
  }
  return { alertAnnotations, annotations: out.length > 0 ? out : undefined };
}

/** What of `input` the built JSON does not already say: the raw passthrough. Objects compare key by key, anything else as a whole. */
export function difference(input: Json, built: Json): Json | undefined {
  const out: Json = {};
  for (const [key, value] of Object.entries(input)) {
    const other = built[key];
    if (isRecord(value) && isRecord(other)) {
      const inner = difference(value, other);
      if (inner) out[key] = inner;
    } else if (!same(key, value, other)) {
      out[key] = value;
    }
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

/**
 * Values Grafana assumes when a field is left out: an input that spells one
 * says nothing the build does not. (What the input leaves out and the build
 * writes takes the build's value.)
 */
const grafanaDefaults: Readonly<Record<string, unknown>> = {
  hide: 0, skipUrlSync: false, transparent: false, weekStart: '', fiscalYearStartMonth: 0, liveNow: false, interval: '',
  intervalFactor: 1, exemplar: false, format: 'time_series', range: true, instant: false, repeatDirection: 'h',
  style: 'dark', graphTooltip: 0, fields: '', values: false, color: { mode: 'thresholds' }, timeFrom: null, timeShift: null, gnetId: null,
};

/** Equal as the input means it: lists of objects element by element, input-driven; empty lists and objects as absent. */
function same(key: string, value: unknown, other: unknown): boolean {
  const empty = (v: unknown) => v === undefined || v === null || (Array.isArray(v) && v.length === 0) || (isRecord(v) && Object.keys(v).length === 0);
  if (empty(value) && empty(other)) return true;
  if (other === undefined && key in grafanaDefaults && stableJson(grafanaDefaults[key]) === stableJson(value)) return true;
  if (Array.isArray(value) && Array.isArray(other) && value.length === other.length && value.every(isRecord) && other.every(isRecord)) {
    return value.every((v, i) => difference(v as Json, other[i] as Json) === undefined);
  }
  return stableJson(value) === stableJson(other);
}

function without(value: Json, keys: readonly string[]): Json {
  return Object.fromEntries(Object.entries(value).filter(([k]) => !keys.includes(k)));
}

/**
 * A panel without what never counts as a difference: its id and plugin version
 * (Grafana assigns them), its nested panels (compared one by one) and the
 * datasource of it and its queries (always the dashboard's own variable).
 */
export function comparablePanel(panel: Json): Json {
  const out = without(panel, ['id', 'pluginVersion', 'datasource', 'panels', 'gridPos']);
  if (Array.isArray(out.targets)) out.targets = out.targets.map((t) => (isRecord(t) ? without(t, ['datasource', 'editorMode']) : t));
  return out;
}

/** A dashboard without its panels, ids, versions and uid, and its variables without the selection Grafana saves with them. */
export function comparableDashboard(dashboard: Json): Json {
  const out = without(dashboard, ['id', 'version', 'iteration', 'schemaVersion', 'panels', 'uid', 'editable']);
  if (isRecord(out.templating) && Array.isArray(out.templating.list)) {
    // The query's object form ({ query, refId }) and its string form say the same.
    out.templating = {
      ...out.templating,
      list: out.templating.list.map((v) => (isRecord(v)
        ? { ...without(v, ['current', 'options', 'datasource']), ...(isRecord(v.query) ? { query: v.query.query } : {}) }
        : v)),
    };
  }
  if (isRecord(out.annotations) && Array.isArray(out.annotations.list)) {
    out.annotations = {
      ...out.annotations,
      list: out.annotations.list.map((a) => (isRecord(a) && (a.builtIn === 1 || isRecord(a.datasource) && a.datasource.type === 'prometheus') ? without(a, ['datasource']) : a)),
    };
  }
  // The language's dashboards always have the $datasource variable; an empty time zone is the browser's.
  if (isRecord(out.templating) && Array.isArray(out.templating.list)) {
    out.templating = { ...out.templating, list: out.templating.list.filter((v) => !(isRecord(v) && v.type === 'datasource' && v.name === 'datasource')) };
  }
  if (out.timezone === '') out.timezone = 'browser';
  return out;
}

/** The project that builds imported dashboards alone: its lint is off, as only the JSON is compared. */
function dashboardProject(declarations: readonly Json[]): unknown {
  return {
    name: 'import-dashboards',
    targets: { prometheus: '2.42.0', alertmanager: '0.25.0', grafana: '11.3.0', kubernetes: '1.30' },
    grafana: { datasource: { url: 'http://prometheus:9090' }, serviceDashboards: false, sloDashboards: false, infrastructure: false },
    services: [],
    dashboards: declarations,
    lint: Object.fromEntries(lintRules.map((rule) => [rule.code, 'off'])),
  };
}

/** Built panels in declaration order: each row, then its panels (nested when collapsed, following it when open). */
function flatten(panels: readonly unknown[]): Json[] {
  return panels.filter(isRecord).flatMap((p) => [p, ...(p.type === 'row' && Array.isArray(p.panels) ? flatten(p.panels) : [])]);
}

/** Dotted names of the fields of a raw passthrough, two levels deep: `options.legend`, `fieldConfig.defaults`. */
function fieldNames(raw: Json, prefix = '', depth = 0): string[] {
  return Object.entries(raw).flatMap(([key, value]) =>
    isRecord(value) && depth < 2 ? fieldNames(value, `${prefix}${key}.`, depth + 1) : [`${prefix}${key}`]);
}

/**
 * Builds every imported dashboard as declared and keeps in `raw` what the
 * build does not reproduce, per panel, row and dashboard, each with a warning
 * naming the fields.
 */
export function keepRaw(dashboards: readonly DashboardImport[], into: Imported): void {
  if (dashboards.length === 0) return;
  resolveLinks(dashboards);
  for (const dashboard of dashboards) keepPositions(dashboard);
  const compilation = compile(dashboardProject(dashboards.map((d) => d.declaration)));
  for (const d of compilation.diagnostics.filter((d) => d.severity === 'error')) {
    into.diagnostics.push({ ...d, message: `${d.message} (building the imported dashboards; fix the input)` });
  }
  if (!compilation.files) return;
  for (const dashboard of dashboards) {
    const found = new Findings(dashboard.doc);
    const folder = folderSlug(String(dashboard.declaration.folder));
    const file = compilation.files.get(`grafana/dashboards/${folder}/${dashboardUid(dashboard.id)}.json`);
    if (!file) throw new Error(`the build of dashboard ${dashboard.id} wrote no file`);
    const built = JSON.parse(file.content) as Json;
    const builtPanels = flatten(built.panels as unknown[]);
    dashboard.panels.forEach((panel, i) => {
      const differs = difference(comparablePanel(panel.json), comparablePanel(builtPanels[i] ?? {}));
      const raw = differs || panel.declared.raw ? { ...(panel.declared.raw as Json | undefined), ...differs } : undefined;
      if (!raw) return;
      panel.declared.raw = raw;
      found.warning('import/raw', panel.path, `dashboard ${dashboard.id} panel ${JSON.stringify(panel.declared.title)}`, `kept raw: ${fieldNames(raw).join(', ')}`);
    });
    let raw = difference(comparableDashboard(dashboard.input), comparableDashboard(built));
    // A uid that cannot be the id (one that is no kebab-case id, such as a hash) is kept: links and bookmarks to the dashboard still open it.
    const uid = dashboard.input.uid;
    if (typeof uid === 'string' && uid !== '' && uid !== built.uid) raw = { ...raw, uid };
    if (raw) {
      // Variables kept raw keep what Grafana needs to run them, on the dashboard's own datasource.
      const list = isRecord(raw.templating) && Array.isArray(raw.templating.list) ? raw.templating.list : undefined;
      if (list) {
        raw.templating = {
          ...(raw.templating as Json),
          list: (((dashboard.input.templating as Json).list as unknown[]).filter(isRecord)).map((v) => (v.type === 'datasource' || v.datasource === undefined
            ? without(v, ['current', 'options'])
            : { ...without(v, ['current', 'options']), datasource: { type: 'prometheus', uid: '${datasource}' } })),
        };
      }
      dashboard.declaration.raw = raw;
      found.warning('import/raw', dashboard.path, `dashboard ${dashboard.id}`, `kept raw: ${fieldNames(raw).join(', ')}`);
    }
    into.diagnostics.push(...found.diagnostics);
  }
}

const helpers: Record<string, string> = {
  timeseries: 'timeseries', stat: 'stat', gauge: 'gauge', bargauge: 'barGauge', table: 'table', heatmap: 'heatmap',
  text: 'text', alertlist: 'alertList', raw: 'pluginPanel', row: 'row',
};

/** A declaration as the TypeScript writes it: each panel through its helper (`stat({...})`), the dashboard through defineDashboard. */
export function dashboardCall(declaration: Json): Call {
  const panel = (p: Json): Call => {
    const { kind, ...rest } = p;
    return new Call(helpers[String(kind)]!, Array.isArray(rest.panels) ? { ...rest, panels: (rest.panels as Json[]).map(panel) } : rest);
  };
  return new Call('defineDashboard', { ...declaration, panels: (declaration.panels as Json[]).map(panel) });
}
