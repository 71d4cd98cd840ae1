/**
 * Dashboards from before Grafana 5 (schemaVersion below 16): panels grouped
 * in a top-level `rows` list, each row a height in pixels, each panel a
 * `span` in a 12-column grid. Grafana still loads them and migrates them on
 * load (DashboardMigrator's upgradeToGridLayout); this does the same, so the
 * importer reads the dashboard Grafana would show: row panels when any row
 * is collapsed, repeated or shows its title, grid positions in 24 columns of
 * 38 px cells placed as Grafana's RowArea places them, and `singlestat`
 * panels as the stat or gauge panels Grafana turns them into.
 */
import { isRecord, type Findings, type Path } from '../source.ts';

type Json = Record<string, unknown>;

const GRID_CELL_HEIGHT = 30;
const GRID_CELL_VMARGIN = 8;
const GRID_COLUMN_COUNT = 24;
const DEFAULT_PANEL_SPAN = 4;
const DEFAULT_ROW_HEIGHT = 250;
const MIN_PANEL_HEIGHT = GRID_CELL_HEIGHT * 3;

/** Where each migrated panel stands in the input file, for diagnostics at its line. */
const sources = new WeakMap<Json, Path>();

export function sourcePathOf(panel: Json): Path | undefined {
  return sources.get(panel);
}

/** Whether a dashboard is in the layout before Grafana 5: a `rows` list and no `panels`. */
export function isLegacy(dashboard: Json): boolean {
  return Array.isArray(dashboard.rows) && !Array.isArray(dashboard.panels);
}

/** A row's or panel's height in pixels (`250`, `"250px"`) in grid cells, at least three. */
function gridHeight(height: unknown): number {
  let pixels = typeof height === 'string' ? Number.parseInt(height.replace('px', ''), 10) : Number(height);
  if (!Number.isFinite(pixels) || pixels < MIN_PANEL_HEIGHT) pixels = MIN_PANEL_HEIGHT;
  return Math.ceil(pixels / (GRID_CELL_HEIGHT + GRID_CELL_VMARGIN));
}

/** The cells of one row band filled so far, per column; panels go where the band has room, else the band wraps below. */
class RowArea {
  private area: number[];

  constructor(private readonly height: number, public yPos: number) {
    this.area = new Array<number>(GRID_COLUMN_COUNT).fill(0);
  }

  add(grid: { x: number; y: number; w: number; h: number }): void {
    for (let i = grid.x; i < grid.x + grid.w; i++) {
      if (!this.area[i] || grid.y + grid.h - this.yPos > this.area[i]!) this.area[i] = grid.y + grid.h - this.yPos;
    }
  }

  position(width: number, once = false): { x: number; y: number } | undefined {
    let start: number | undefined;
    let end: number | undefined;
    for (let i = this.area.length - 1; i >= 0; i--) {
      if (this.height - this.area[i]! <= 0) break;
      if (end === undefined) end = i;
      else if (i < this.area.length - 1 && this.area[i]! <= this.area[i + 1]!) start = i;
      else break;
    }
    if (start !== undefined && end !== undefined && end - start >= width - 1) return { x: start, y: Math.max(...this.area.slice(start)) };
    if (once) return undefined;
    this.yPos += this.height;
    this.area.fill(0);
    return this.position(width, true);
  }
}

/** Grafana's named colours for the singlestat defaults (red, orange, green), so the thresholds read as the language's. */
const defaultColours: Readonly<Record<string, string>> = {
  'rgba(245, 54, 54, 0.9)': 'red',
  'rgba(237, 129, 40, 0.89)': 'yellow',
  'rgba(50, 172, 45, 0.97)': 'green',
  '#299c46': 'green',
  '#d44a3a': 'red',
};

const reducers: Readonly<Record<string, string>> = { current: 'lastNotNull', avg: 'mean', min: 'min', max: 'max', total: 'sum', first: 'firstNotNull', delta: 'delta', diff: 'diff', range: 'range', name: 'lastNotNull' };

/** The singlestat fields the migration reads; any other singlestat field has no counterpart and is named in a warning. */
const singlestatFields = new Set([
  'format', 'decimals', 'thresholds', 'colors', 'valueMaps', 'mappingType', 'sparkline', 'valueName', 'gauge', 'colorBackground', 'colorValue',
  'nullPointMode', 'postfix', 'prefix', 'postfixFontSize', 'prefixFontSize', 'valueFontSize', 'nullText', 'rangeMaps', 'tableColumn', 'maxDataPoints',
  'cacheTimeout', 'colorPostfix', 'colorPrefix', 'combine', 'height', 'links', 'span', 'interval', 'minSpan',
]);

/** A singlestat panel as the stat (or, with `gauge.show`, gauge) panel Grafana changes it to. */
export function migrateSinglestat(json: Json, path: Path, subject: string, found: Findings): Json {
  const gauge = isRecord(json.gauge) && json.gauge.show === true;
  const dropped: string[] = [];
  const steps: Json[] = [];
  const limits = typeof json.thresholds === 'string' ? json.thresholds.split(',').map((t) => t.trim()).filter((t) => t !== '').map(Number) : [];
  const colours = Array.isArray(json.colors) ? json.colors.map((c) => defaultColours[String(c)] ?? String(c)) : [];
  if (limits.length > 0 && limits.every(Number.isFinite) && colours.length >= limits.length + 1) {
    steps.push({ color: colours[0], value: null });
    limits.forEach((value, i) => steps.push({ color: colours[i + 1], value }));
  } else if (limits.length > 0) dropped.push('thresholds');
  const valueMaps = (Array.isArray(json.valueMaps) ? json.valueMaps : []).filter(isRecord).filter((m) => m.op === '=' && m.value !== undefined && typeof m.text === 'string');
  const mappings = valueMaps.length > 0 ? [{ type: 'value', options: Object.fromEntries(valueMaps.map((m) => [String(m.value), { text: m.text }])) }] : undefined;
  if (Array.isArray(json.rangeMaps) && json.rangeMaps.length > 0 && json.mappingType === 2) dropped.push('rangeMaps');
  if (typeof json.prefix === 'string' && json.prefix !== '') dropped.push('prefix');
  if (typeof json.postfix === 'string' && json.postfix !== '') dropped.push('postfix');
  const valueName = typeof json.valueName === 'string' ? json.valueName : 'avg';
  const defaults: Json = {
    ...(typeof json.format === 'string' && json.format !== 'none' ? { unit: json.format } : {}),
    ...(typeof json.decimals === 'number' ? { decimals: json.decimals } : {}),
    ...(gauge && isRecord(json.gauge) && typeof json.gauge.minValue === 'number' ? { min: json.gauge.minValue } : {}),
    ...(gauge && isRecord(json.gauge) && typeof json.gauge.maxValue === 'number' ? { max: json.gauge.maxValue } : {}),
    ...(steps.length > 0 ? { thresholds: { mode: 'absolute', steps } } : {}),
    ...(mappings ? { mappings } : {}),
  };
  const kept = Object.fromEntries(Object.entries(json).filter(([k]) => !singlestatFields.has(k)));
  const migrated: Json = {
    ...kept,
    type: gauge ? 'gauge' : 'stat',
    fieldConfig: { defaults },
    options: {
      reduceOptions: { calcs: [reducers[valueName] ?? 'mean'], fields: '', values: false },
      ...(gauge ? {} : { graphMode: isRecord(json.sparkline) && json.sparkline.show === true ? 'area' : 'none' }),
    },
  };
  found.warning('import/panel-type', [...path, 'type'], subject,
    `the old singlestat panel becomes a ${gauge ? 'gauge' : 'stat'}, as Grafana migrates it${dropped.length > 0 ? `; without a counterpart and left out: ${dropped.join(', ')}` : ''}`);
  return migrated;
}

/**
 * The dashboard as Grafana migrates a `rows` layout: its panels, and row
 * panels when any row is collapsed, repeated or shows its title, each with
 * the grid position Grafana computes. `path` is the dashboard's in the file.
 */
export function upgradeRows(dashboard: Json, path: Path): Json {
  const rows = (dashboard.rows as unknown[]).map((row, i) => ({ row: isRecord(row) ? row : {}, path: [...path, 'rows', i] }));
  const ids = rows.flatMap(({ row }) => (Array.isArray(row.panels) ? row.panels.filter(isRecord).map((p) => p.id) : [])).filter((id): id is number => typeof id === 'number');
  let nextRowId = (ids.length > 0 ? Math.max(...ids) : 0) + 1;
  const showRows = rows.some(({ row }) => row.collapse === true || row.showTitle === true || (typeof row.repeat === 'string' && row.repeat !== ''));
  const panels: Json[] = [];
  let yPos = 0;
  for (const { row, path: rowPath } of rows) {
    if (row.repeatIteration !== undefined && row.repeatIteration !== null && row.repeatIteration !== false) continue;
    const rowHeight = gridHeight(row.height ?? DEFAULT_ROW_HEIGHT);
    let rowPanel: Json | undefined;
    if (showRows) {
      rowPanel = {
        id: nextRowId++,
        type: 'row',
        title: typeof row.title === 'string' ? row.title : '',
        collapsed: row.collapse === true,
        ...(typeof row.repeat === 'string' && row.repeat !== '' ? { repeat: row.repeat } : {}),
        panels: [],
        // The migration gives a row panel the row's height; Grafana's grid lays every row panel out one cell high.
        gridPos: { x: 0, y: yPos, w: GRID_COLUMN_COUNT, h: 1 },
      };
      sources.set(rowPanel, rowPath);
      yPos++;
    }
    const area = new RowArea(rowHeight, yPos);
    (Array.isArray(row.panels) ? row.panels : []).forEach((raw, i) => {
      const panel: Json = { ...(isRecord(raw) ? raw : {}) };
      const span = typeof panel.span === 'number' && panel.span > 0 ? panel.span : DEFAULT_PANEL_SPAN;
      const width = Math.floor(span) * (GRID_COLUMN_COUNT / 12);
      const height = panel.height !== undefined ? gridHeight(panel.height) : rowHeight;
      const place = area.position(width) ?? { x: 0, y: 0 };
      yPos = area.yPos;
      const grid = { x: place.x, y: yPos + place.y, w: width, h: height };
      area.add(grid);
      delete panel.span;
      delete panel.height;
      delete panel.minSpan;
      panel.gridPos = grid;
      sources.set(panel, [...rowPath, 'panels', i]);
      if (rowPanel && rowPanel.collapsed === true) (rowPanel.panels as Json[]).push(panel);
      else panels.push(panel);
    });
    if (rowPanel) panels.push(rowPanel);
    if (!(rowPanel && rowPanel.collapsed === true)) yPos += rowHeight;
  }
  const { rows: _rows, hideControls: _hideControls, sharedCrosshair, ...rest } = dashboard;
  return {
    ...rest,
    ...(sharedCrosshair === true && rest.graphTooltip === undefined ? { graphTooltip: 1 } : {}),
    schemaVersion: 16,
    panels,
  };
}
