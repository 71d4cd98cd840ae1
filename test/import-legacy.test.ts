import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { compileDefinitions, repoRoot } from './support/compile-case.ts';

/**
 * Dashboards from before Grafana 5 (a top-level `rows` list, panels in a
 * 12-column `span` grid, `singlestat` and `graph` panels), hand-written in
 * test/import-legacy/input/ with one construct of the migration each:
 * titled, collapsed and repeated rows; rows without titles (no row panels);
 * row heights in pixels and as "150px"; a panel taller than its row; the
 * default span and height; a band that wraps; singlestat as stat and as gauge.
 * Imported, built, and compared query by query with the input, with the
 * layout Grafana's own migration (DashboardMigrator.upgradeToGridLayout)
 * gives, worked out by hand below.
 */
const work = join(repoRoot, 'test/.work');
mkdirSync(work, { recursive: true });
const root = mkdtempSync(join(work, 'import-legacy-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const input = join(repoRoot, 'test/import-legacy/input');

function monacImport(args: readonly string[]) {
  const result = spawnSync(process.execPath, [join(repoRoot, 'scripts/monac.mjs'), 'import', ...args], { cwd: repoRoot, encoding: 'utf8' });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

type Json = Record<string, unknown>;
let built: Map<string, Json>;
let report = '';

beforeAll(async () => {
  const definitions = join(root, 'definitions');
  const imported = monacImport([input, '--into', join(definitions, 'imported')]);
  expect(imported.status, imported.output).toBe(0);
  report = imported.output;
  writeFileSync(join(definitions, 'index.ts'), [
    `import { defineProject } from '#schemas';`,
    `import * as imported from './imported/index.ts';`,
    `export default defineProject({ name: 'legacy', targets: { prometheus: '2.42.0', alertmanager: '0.25.0', grafana: '11.3.0', kubernetes: '1.30' }, services: [], dashboards: imported.dashboards,`,
    `  grafana: { datasource: { url: 'http://prometheus:9090' }, serviceDashboards: false, sloDashboards: false, infrastructure: false } });`,
    '',
  ].join('\n'));
  const build = await compileDefinitions(definitions);
  expect(build.diagnostics.filter((d) => d.includes(' error '))).toEqual([]);
  built = new Map([...build.files!].filter(([path]) => path.startsWith('grafana/')).map(([path, { content }]) => [path, path.endsWith('.json') ? JSON.parse(content) as Json : { text: content }]));
}, 120_000);

/** Every panel of a built dashboard, rows' nested panels included, in order. */
function panelsOf(dashboard: Json): Json[] {
  return (dashboard.panels as Json[]).flatMap((p) => [p, ...((p.panels as Json[] | undefined) ?? [])]);
}

function dashboard(title: string): Json {
  const found = [...built.values()].find((d) => d.title === title);
  expect(found, title).toBeDefined();
  return found!;
}

/** Grafana's migration of the two inputs, by hand: rows 250 px = 7 cells of 38 px, span 6 = 12 of 24 columns, row panels one cell high. */
const layouts: Readonly<Record<string, readonly [string, string, number, number, number, number][]>> = {
  'Legacy shop overview': [
    ['row', 'Requests', 0, 0, 24, 1],
    ['timeseries', 'Requests per second', 0, 1, 12, 7],
    ['stat', 'Availability', 12, 1, 6, 7],
    ['gauge', 'CPU busy', 18, 1, 6, 7],
    ['row', 'Details', 0, 8, 24, 1], // collapsed: its panel inside it, and the next row right below
    ['timeseries', 'Latency', 0, 9, 24, 6], // 200 px = 6 cells
    ['row', 'Instance $instance', 0, 9, 24, 1],
    ['timeseries', 'Up', 0, 10, 8, 7],
    ['timeseries', 'Memory', 8, 10, 8, 7],
    ['timeseries', 'Open files', 16, 10, 8, 7],
    ['timeseries', 'Goroutines', 0, 17, 8, 7], // the band is full: it wraps one row height down
  ],
  'Legacy shop hosts': [
    ['timeseries', 'Load average', 0, 0, 24, 8], // no row shows a title, collapses or repeats: no row panels; 300 px = 8 cells
    ['timeseries', 'Disk reads', 0, 8, 12, 4], // "150px" = 4 cells
    ['timeseries', 'Disk writes', 12, 8, 12, 10], // its own height, 380 px = 10 cells
    ['stat', 'Hosts up', 0, 12, 8, 7], // no span: 4 (8 columns); no row height: 250 px
  ],
};

describe('legacy rows dashboards import as Grafana migrates them', () => {
  test.each(Object.keys(layouts))('%s: the rows\' order, heights and widths are Grafana\'s', (title) => {
    const got = panelsOf(dashboard(title)).map((p) => {
      const g = p.gridPos as { x: number; y: number; w: number; h: number };
      return [p.type, p.title, g.x, g.y, g.w, g.h];
    });
    expect(got).toEqual(layouts[title]);
  });

  test.each(['legacy-overview.json', 'legacy-plain.json'])('%s: every query is kept, on its panel, with its legend, in order', (file) => {
    const legacy = JSON.parse(readFileSync(join(input, file), 'utf8')) as { title: string; rows: { panels: Json[] }[] };
    const output = panelsOf(dashboard(legacy.title));
    const inputPanels = legacy.rows.flatMap((row) => row.panels);
    expect(inputPanels.length).toBeGreaterThan(3);
    for (const panel of inputPanels) {
      const out = output.find((p) => p.title === panel.title);
      expect(out, String(panel.title)).toBeDefined();
      const queries = (targets: unknown) => (targets as Json[]).map((t) => [t.expr, t.legendFormat ?? '']);
      expect(queries(out!.targets), String(panel.title)).toEqual(queries(panel.targets));
    }
  });

  test('rows keep their collapse and repeat; singlestat becomes stat or gauge with its unit, decimals, thresholds, sparkline and range', () => {
    const overview = panelsOf(dashboard('Legacy shop overview'));
    const byTitle = (t: string) => overview.find((p) => p.title === t)!;
    expect(byTitle('Details').collapsed).toBe(true);
    expect(byTitle('Instance $instance').repeat).toBe('instance');
    const availability = byTitle('Availability') as { fieldConfig: { defaults: Json }; options: Json };
    expect(availability.fieldConfig.defaults.unit).toBe('percentunit');
    expect(availability.fieldConfig.defaults.decimals).toBe(2);
    expect((availability.fieldConfig.defaults.thresholds as { steps: Json[] }).steps.map((s) => [s.color, s.value])).toEqual([['red', null], ['yellow', 0.9], ['green', 0.99]]);
    expect(availability.options.graphMode).toBe('area');
    const cpu = byTitle('CPU busy') as { fieldConfig: { defaults: Json }; options: { reduceOptions: { calcs: string[] } } };
    expect([cpu.fieldConfig.defaults.unit, cpu.fieldConfig.defaults.min, cpu.fieldConfig.defaults.max]).toEqual(['percent', 0, 100]);
    expect(cpu.options.reduceOptions.calcs).toEqual(['mean']);
  });

  test('the dashboards are provisioned, and the report says what each migration did', () => {
    expect([...built.keys()].some((path) => path.startsWith('grafana/provisioning/dashboards/'))).toBe(true);
    expect(report).toContain('panel "Availability": the old singlestat panel becomes a stat, as Grafana migrates it');
    expect(report).toContain('panel "CPU busy": the old singlestat panel becomes a gauge, as Grafana migrates it');
    expect(report).toContain('dashboard legacy-shop-overview with 11 panel(s) and row(s)');
    // Diagnostics name the panel's line in the input file, inside its row.
    expect(report).toMatch(/legacy-overview\.json:4\d:\d+ warning import\/raw dashboard legacy-shop-overview panel "CPU busy"/);
  });

  test('the API form { dashboard, meta } with rows imports into its folder', () => {
    const wrapped = join(root, 'wrapped.json');
    writeFileSync(wrapped, JSON.stringify({ dashboard: JSON.parse(readFileSync(join(input, 'legacy-plain.json'), 'utf8')), meta: { folderTitle: 'Hosts' } }));
    const into = join(root, 'wrapped-definitions');
    const result = monacImport([wrapped, '--into', into]);
    expect(result.status, result.output).toBe(0);
    expect(readFileSync(join(into, 'dashboards/legacy-shop-hosts.ts'), 'utf8')).toContain("folder: 'Hosts',");
  });

  test('a JSON file that is no dashboard is an error (exit 1), not a skip, and nothing is written', () => {
    const other = join(root, 'settings.json');
    writeFileSync(other, JSON.stringify({ theme: 'dark', homeDashboardId: 0 }));
    const into = join(root, 'refused');
    const result = monacImport([join(input, 'legacy-plain.json'), other, '--into', into]);
    expect(result.status).toBe(1);
    expect(result.output).toContain('settings.json:1:1 error import/not-a-dashboard');
    expect(result.output).toContain('is not a Grafana dashboard: expected a JSON object with a panels list (or, before Grafana 5, a rows list)');
    expect(result.output).not.toContain('not a kind the importer reads');
    expect(existsSync(into)).toBe(false);
  });
});
