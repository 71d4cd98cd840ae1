import type { Dashboard, Panel, Row } from '../../schemas/dashboard.ts';
import { dashboardUid } from '../core/links.ts';
import type { Model, Site } from '../core/model.ts';
import { defaultSize, folderSlug, GRID_COLUMNS, schemaVersionFor } from './conventions.ts';
import { generatedDashboards } from './generated.ts';
import { buildPanel, buildRow, dashboardBuilder } from './sdk.ts';

export type Json = Record<string, unknown>;

/** A panel of the finished JSON and the declaration field it comes from. */
export interface BuiltPanel {
  readonly json: Json;
  /** Path below the declaration: `['panels', 2, 'panels', 0]`. */
  readonly field: readonly PropertyKey[];
  /** Inside a collapsed row: laid out among its row's panels only. */
  readonly collapsedIn?: number | undefined;
}

/** A dashboard as written to out/, with what the linter needs to point back at the declaration. */
export interface BuiltDashboard {
  readonly id: string;
  readonly uid: string;
  readonly folder: string;
  readonly declaration: Dashboard;
  readonly json: Json;
  readonly panels: readonly BuiltPanel[];
  readonly site: Site;
  readonly generated: boolean;
}

const cache = new WeakMap<Model, BuiltDashboard[]>();

/** Every dashboard of the project, declared then generated, built once per model. */
export function dashboardsOf(model: Model): BuiltDashboard[] {
  let built = cache.get(model);
  if (!built) {
    const grafana = model.project.grafana;
    const schemaVersion = schemaVersionFor(model.project.targets.grafana);
    const all = [
      ...model.dashboards.map((d) => ({ ...d, generated: false })),
      ...generatedDashboards(model).map((d) => ({ ...d, generated: true })),
    ];
    const titles = new Map(all.map(({ dashboard }) => [dashboard.id, dashboard.title]));
    built = grafana && schemaVersion !== undefined
      ? all.map(({ dashboard, site, generated }) => build(dashboard, site, generated, { datasource: grafana.datasource, schemaVersion, titles }))
      : [];
    cache.set(model, built);
  }
  return built;
}

interface BuildContext {
  readonly datasource: { readonly name: string; readonly uid: string };
  readonly schemaVersion: number;
  /** Titles by dashboard id, for links. */
  readonly titles: ReadonlyMap<string, string>;
}

function build(declaration: Dashboard, site: Site, generated: boolean, context: BuildContext): BuiltDashboard {
  const { schemaVersion } = context;
  const json = JSON.parse(JSON.stringify(dashboardBuilder(declaration, context).build())) as Json;
  json.schemaVersion = schemaVersion;
  // Grafana 12's "controls menu" placement would hide links and annotation toggles in a menu.
  for (const list of [json.links, (json.annotations as { list?: unknown } | undefined)?.list]) {
    for (const item of (Array.isArray(list) ? list : []) as Json[]) delete item.placement;
  }
  const panels = layout(declaration, context.datasource.name);
  json.panels = topLevel(panels);
  if (declaration.raw) mergeRaw(json, Object.fromEntries(Object.entries(declaration.raw).filter(([key]) => key !== 'panels')));
  return { id: declaration.id, uid: dashboardUid(declaration.id), folder: declaration.folder, declaration, json, panels, site, generated };
}

/** A grid position as Grafana stores it. */
export interface GridPos {
  readonly h: number;
  readonly w: number;
  readonly x: number;
  readonly y: number;
}

/** Where the layout puts one item of a dashboard: a row or a panel, by its declaration path. */
export interface Placement {
  readonly field: readonly (string | number)[];
  readonly gridPos: GridPos;
  /** Inside a collapsed row (the row's index among the placements). */
  readonly collapsedIn?: number | undefined;
}

type LaidOut = Pick<Dashboard, 'panels'>;

/** A `raw.gridPos` the declaration gives, over the computed one. */
function fixed(raw: Readonly<Record<string, unknown>> | undefined, computed: GridPos): GridPos {
  const given = raw?.gridPos;
  return given && typeof given === 'object' ? { ...computed, ...(given as Partial<GridPos>) } : computed;
}

/**
 * The automatic layout: panels flow left to right and wrap at 24 columns;
 * each line starts below everything placed so far; a row starts a new line.
 * Panels of a collapsed row are laid out below it as Grafana shows them once
 * opened. A panel with a `raw.gridPos` sits there, and the flow continues
 * to its right. Pure, so `monac import` can find which positions the flow
 * gives and which must be kept raw.
 */
export function placements(declaration: LaidOut): Placement[] {
  const out: Placement[] = [];
  let y = 0;
  const flow = (items: readonly { panel: Panel; field: (string | number)[] }[], top: number, collapsedIn?: number) => {
    let [x, line, bottom] = [0, top, top];
    for (const { panel, field } of items) {
      const w = panel.width ?? defaultSize[panel.kind].width;
      const h = panel.height ?? defaultSize[panel.kind].height;
      if (x + w > GRID_COLUMNS) [x, line] = [0, bottom];
      const computed = { h, w, x, y: line };
      const placed = fixed(panel.raw, computed);
      out.push({ field, gridPos: placed, collapsedIn });
      if (placed !== computed) [x, line] = [placed.x + placed.w, placed.y];
      else x += w;
      bottom = Math.max(bottom, placed.y + placed.h);
    }
    return bottom;
  };
  let loose: { panel: Panel; field: (string | number)[] }[] = [];
  const flush = () => {
    y = flow(loose, y);
    loose = [];
  };
  declaration.panels.forEach((item, i) => {
    if (item.kind !== 'row') {
      loose.push({ panel: item, field: ['panels', i] });
      return;
    }
    flush();
    const gridPos = fixed(item.raw, { h: 1, w: GRID_COLUMNS, x: 0, y });
    const index = out.length;
    out.push({ field: ['panels', i], gridPos });
    const collapsed = item.collapsed ?? false;
    const children = item.panels.map((panel, j) => ({ panel, field: ['panels', i, 'panels', j] }));
    const end = flow(children, gridPos.y + 1, collapsed ? index : undefined);
    y = collapsed ? gridPos.y + 1 : end;
  });
  flush();
  return out;
}

/** Ids in declared order from 1, refIds A, B, C per panel, legends on, and the positions of {@link placements}. */
function layout(declaration: Dashboard, datasourceName: string): BuiltPanel[] {
  const out: BuiltPanel[] = [];
  const ids: number[] = [];
  placements(declaration).forEach((placement, n) => {
    const [, i, , j] = placement.field as [string, number, string?, number?];
    const item = declaration.panels[i]!;
    const id = n + 1;
    ids.push(id);
    if (j === undefined && item.kind === 'row') {
      const row: Json = { ...buildRow(item.title, item.collapsed ?? false), id, gridPos: placement.gridPos };
      if (item.raw) mergeRaw(row, item.raw);
      out.push({ json: row, field: placement.field });
      return;
    }
    const panel = (j === undefined ? item : (item as Row).panels[j]!) as Panel;
    const json = finalizePanel(buildPanel(panel, datasourceName), id);
    json.gridPos = { ...placement.gridPos };
    if (panel.raw) mergeRaw(json, panel.raw);
    out.push({ json, field: placement.field, collapsedIn: placement.collapsedIn === undefined ? undefined : ids[placement.collapsedIn] });
  });
  return out;
}

/** Raw JSON over built JSON: objects merged key by key, anything else replaced. */
export function mergeRaw(target: Json, raw: Readonly<Record<string, unknown>>): void {
  for (const [key, value] of Object.entries(raw)) {
    const current = target[key];
    const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
    if (isObject(current) && isObject(value)) mergeRaw(current, value);
    else target[key] = structuredClone(value);
  }
}

function finalizePanel(json: Json, id: number): Json {
  json.id = id;
  const targets = Array.isArray(json.targets) ? (json.targets as Json[]) : [];
  targets.forEach((target, i) => {
    target.refId = String.fromCharCode(65 + i);
  });
  return json;
}

/** The dashboard's `panels`: collapsed rows carry their panels, open rows are followed by theirs. */
function topLevel(panels: readonly BuiltPanel[]): Json[] {
  const rows = new Map(panels.filter((p) => p.json.type === 'row').map((p) => [p.json.id as number, p.json]));
  const top: Json[] = [];
  for (const panel of panels) {
    if (panel.collapsedIn === undefined) top.push(panel.json);
    else (rows.get(panel.collapsedIn)!.panels as Json[]).push(panel.json);
  }
  return top;
}

/** Where a dashboard file goes under out/. */
export function dashboardPath(dashboard: BuiltDashboard): string {
  return `grafana/dashboards/${folderSlug(dashboard.folder)}/${dashboard.uid}.json`;
}
