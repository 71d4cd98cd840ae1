import type { Panel } from '../../schemas/dashboard.ts';
import { compareVersions } from '../core/features.ts';

/** Grafana's dashboard grid. */
export const GRID_COLUMNS = 24;

/** Default size of each panel kind, in grid columns and rows. */
export const defaultSize: Readonly<Record<Panel['kind'], { readonly width: number; readonly height: number }>> = {
  timeseries: { width: 12, height: 8 },
  stat: { width: 6, height: 4 },
  gauge: { width: 6, height: 6 },
  bargauge: { width: 12, height: 8 },
  table: { width: 24, height: 8 },
  heatmap: { width: 12, height: 8 },
  text: { width: 24, height: 4 },
  alertlist: { width: 12, height: 8 },
  raw: { width: 12, height: 8 },
};

/** Panel kinds that show query results (and so need queries, a unit and a datasource). */
export const dataKinds: ReadonlySet<Panel['kind']> = new Set(['timeseries', 'stat', 'gauge', 'bargauge', 'table', 'heatmap']);

/** Kinds that show one value per series: their queries are instant unless they say otherwise. */
export const instantKinds: ReadonlySet<Panel['kind']> = new Set(['stat', 'gauge', 'bargauge', 'table']);

/** The datasource every panel, variable and annotation uses: the dashboard's own variable. */
export const datasourceRef = { type: 'prometheus', uid: '${datasource}' } as const;

/** A folder's directory under grafana/dashboards/ and its uid: the title in kebab-case. */
export function folderSlug(title: string): string {
  return title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'general';
}

/**
 * The `schemaVersion` written for a Grafana version. The SDK writes 42
 * (Grafana 12); older servers get 39, which Grafana 10.4 and 11.0 write and
 * every later version migrates forward on load. The JSON uses nothing newer.
 */
export function schemaVersionFor(grafana: string): number | undefined {
  if (compareVersions(grafana, '12.0') >= 0) return 42;
  if (compareVersions(grafana, OLDEST_GRAFANA) >= 0) return 39;
  return undefined;
}

export const OLDEST_GRAFANA = '10.4';
