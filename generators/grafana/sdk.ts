import * as common from '@grafana/grafana-foundation-sdk/common';
import * as dashboard from '@grafana/grafana-foundation-sdk/dashboard';
import { PanelBuilder as BarGaugeBuilder } from '@grafana/grafana-foundation-sdk/bargauge';
import { PanelBuilder as GaugeBuilder } from '@grafana/grafana-foundation-sdk/gauge';
import { PanelBuilder as HeatmapBuilder, YAxisConfigBuilder } from '@grafana/grafana-foundation-sdk/heatmap';
import { DataqueryBuilder, PromQueryFormat } from '@grafana/grafana-foundation-sdk/prometheus';
import { PanelBuilder as StatBuilder } from '@grafana/grafana-foundation-sdk/stat';
import { PanelBuilder as TableBuilder } from '@grafana/grafana-foundation-sdk/table';
import { PanelBuilder as TextBuilder, TextMode } from '@grafana/grafana-foundation-sdk/text';
import { PanelBuilder as TimeseriesBuilder } from '@grafana/grafana-foundation-sdk/timeseries';
import type { Dashboard, Panel, PanelQuery } from '../../schemas/dashboard.ts';
import { dashboardPath, dashboardUid } from '../core/links.ts';
import { datasourceRef, defaultSize, instantKinds } from './conventions.ts';

type Kind = Panel['kind'];
type PanelOf<K extends Kind> = Extract<Panel, { kind: K }>;
/** The builders' common surface that the typed layer uses. */
type AnyPanelBuilder = { build(): unknown; title(t: string): unknown; description(d: string): unknown; span(w: number): unknown; height(h: number): unknown };

/** Threshold steps, green first: red is on the far side of yellow. */
function thresholdSteps(t: { yellow: number; red: number }): dashboard.Threshold[] {
  // Grafana writes the base step's value as null; the SDK types it as a number.
  const base = null as unknown as number;
  return t.red > t.yellow
    ? [{ value: base, color: 'green' }, { value: t.yellow, color: 'yellow' }, { value: t.red, color: 'red' }]
    : [{ value: base, color: 'red' }, { value: t.red, color: 'yellow' }, { value: t.yellow, color: 'green' }];
}

const thresholdsOf = (t: { yellow: number; red: number }) =>
  new dashboard.ThresholdsConfigBuilder().mode(dashboard.ThresholdsMode.Absolute).steps(thresholdSteps(t));

function target(query: PanelQuery, kind: Kind): DataqueryBuilder {
  const q = typeof query === 'string' ? { expr: query } : query;
  const builder = new DataqueryBuilder().expr(q.expr).datasource(datasourceRef);
  if (q.legend !== undefined) builder.legendFormat(q.legend);
  if (kind === 'table') builder.format(PromQueryFormat.Table);
  if (kind === 'heatmap') builder.format(PromQueryFormat.Heatmap);
  if (q.instant ?? instantKinds.has(kind)) builder.instant();
  else builder.range();
  return builder;
}

/** Fields of every data panel: queries, unit, decimals, min, max, thresholds. */
function data<B extends TimeseriesBuilder | StatBuilder | GaugeBuilder | BarGaugeBuilder | TableBuilder | HeatmapBuilder>(
  builder: B,
  panel: PanelOf<'timeseries' | 'stat' | 'gauge' | 'bargauge' | 'table' | 'heatmap'>,
): B {
  builder.datasource(datasourceRef);
  for (const query of panel.queries) builder.withTarget(target(query, panel.kind));
  if (panel.unit !== undefined) builder.unit(panel.unit);
  if (panel.decimals !== undefined) builder.decimals(panel.decimals);
  if (panel.min !== undefined) builder.min(panel.min);
  if (panel.max !== undefined) builder.max(panel.max);
  if (panel.thresholds) builder.thresholds(thresholdsOf(panel.thresholds));
  return builder;
}

/** One builder per panel kind; a kind without an entry is a compile error. */
const panelBuilders: { readonly [K in Kind]: (panel: PanelOf<K>, datasourceName: string) => AnyPanelBuilder } = {
  timeseries: (panel) => {
    const builder = data(new TimeseriesBuilder(), panel)
      .fillOpacity(panel.fill ?? 10)
      .legend(new common.VizLegendOptionsBuilder().displayMode(common.LegendDisplayMode.List).placement(common.LegendPlacement.Bottom).showLegend(true).calcs([]))
      .tooltip(new common.VizTooltipOptionsBuilder().mode(common.TooltipDisplayMode.Multi).sort(common.SortOrder.Descending));
    if (panel.stack) builder.stacking(new common.StackingConfigBuilder().mode(common.StackingMode.Normal));
    if (panel.thresholds) builder.thresholdsStyle(new common.GraphThresholdsStyleConfigBuilder().mode(common.GraphThresholdsStyleMode.Line));
    return builder;
  },
  stat: (panel) => {
    const builder = data(new StatBuilder(), panel)
      .graphMode(panel.graph ? common.BigValueGraphMode.Area : common.BigValueGraphMode.None)
      .colorMode(common.BigValueColorMode.Value)
      .reduceOptions(new common.ReduceDataOptionsBuilder().calcs(['lastNotNull']));
    if (panel.mappings) {
      builder.mappings([{
        type: dashboard.MappingType.ValueToText,
        options: Object.fromEntries(Object.entries(panel.mappings).map(([value, m], index) => [
          value, { text: m.text, index, ...(m.color ? { color: m.color } : {}) },
        ])),
      } as dashboard.ValueMapping]);
    }
    return builder;
  },
  gauge: (panel) => data(new GaugeBuilder(), panel).reduceOptions(new common.ReduceDataOptionsBuilder().calcs(['lastNotNull'])),
  bargauge: (panel) => data(new BarGaugeBuilder(), panel)
    .orientation(panel.orientation === 'vertical' ? common.VizOrientation.Vertical : common.VizOrientation.Horizontal)
    .displayMode(common.BarGaugeDisplayMode.Gradient)
    .reduceOptions(new common.ReduceDataOptionsBuilder().calcs(['lastNotNull'])),
  table: (panel) => {
    const builder = data(new TableBuilder(), panel);
    if (panel.queries.length > 1) builder.withTransformation({ id: 'merge', options: {} });
    builder.withTransformation({ id: 'organize', options: { excludeByName: { Time: true }, renameByName: panel.columns ?? {} } });
    return builder;
  },
  // The unit is the y axis' (bucket bounds); the cells are counts.
  heatmap: (panel) => {
    const builder = data(new HeatmapBuilder(), { ...panel, unit: panel.unit && 'short' }).calculate(false);
    if (panel.unit !== undefined) builder.yAxis(new YAxisConfigBuilder().unit(panel.unit));
    return builder;
  },
  text: (panel) => new TextBuilder().content(panel.content).mode(TextMode.Markdown),
  // Grafana's unified alert list: rules of the Prometheus datasource, one line per matching instance.
  alertlist: (panel, datasourceName) => new dashboard.PanelBuilder().type('alertlist').options({
    datasource: datasourceName,
    showInstances: true,
    viewMode: 'list',
    groupMode: 'default',
    groupBy: [],
    maxItems: panel.limit ?? 20,
    sortOrder: 1,
    dashboardAlerts: false,
    alertName: '',
    alertInstanceLabelFilter: panel.labels ? `{${Object.entries(panel.labels).map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(', ')}}` : '',
    stateFilter: { firing: true, pending: true, noData: false, normal: false, error: true },
  }),
  raw: (panel) => new dashboard.PanelBuilder().type(panel.type),
};

/** A panel of the declaration as the SDK builds it; ids, refIds and grid positions come later. */
export function buildPanel(panel: Panel, datasourceName: string): Record<string, unknown> {
  const builder = (panelBuilders[panel.kind] as (p: Panel, datasourceName: string) => AnyPanelBuilder)(panel, datasourceName);
  builder.title(panel.title);
  if (panel.description !== undefined) builder.description(panel.description);
  builder.span(panel.width ?? defaultSize[panel.kind].width);
  builder.height(panel.height ?? defaultSize[panel.kind].height);
  // build() returns the builder's own object, with functions in it: copy it as plain JSON.
  return JSON.parse(JSON.stringify(builder.build())) as Record<string, unknown>;
}

export function buildRow(title: string, collapsed: boolean): Record<string, unknown> {
  return JSON.parse(JSON.stringify(new dashboard.RowBuilder(title).collapsed(collapsed).build())) as Record<string, unknown>;
}

/** The declaration as the SDK's classic dashboard without its panels, which the finalize pass lays out. */
export function dashboardBuilder(
  decl: Dashboard,
  { datasource, titles }: { datasource: { name: string; uid: string }; titles: ReadonlyMap<string, string> },
): dashboard.DashboardBuilder {
  const builder = new dashboard.DashboardBuilder(decl.title)
    .uid(dashboardUid(decl.id))
    .tags([...(decl.tags ?? [])])
    .readonly()
    .timezone('browser')
    .tooltip(dashboard.DashboardCursorSync.Crosshair)
    .refresh(decl.refresh ?? '30s')
    .time({ from: `now-${decl.time ?? '6h'}`, to: 'now' })
    .withVariable(new dashboard.DatasourceVariableBuilder('datasource').label('Data source').type('prometheus')
      .current({ selected: true, text: datasource.name, value: datasource.uid }));
  if (decl.description !== undefined) builder.description(decl.description);
  for (const variable of decl.variables ?? []) {
    const includeAll = variable.includeAll ?? true;
    const query = new dashboard.QueryVariableBuilder(variable.name)
      .label(variable.label ?? variable.name[0]!.toUpperCase() + variable.name.slice(1))
      .query(variable.query)
      .definition(variable.query)
      .datasource(datasourceRef)
      .refresh(dashboard.VariableRefresh.OnTimeRangeChanged)
      .sort(dashboard.VariableSort.AlphabeticalAsc)
      .multi(variable.multi ?? true)
      .includeAll(includeAll);
    if (includeAll) query.allValue('.+').current({ selected: true, text: 'All', value: '$__all' });
    builder.withVariable(query);
  }
  builder.annotation(new dashboard.AnnotationQueryBuilder()
    .name('Annotations & Alerts').builtIn(1).datasource({ type: 'grafana', uid: '-- Grafana --' })
    .enable(true).hide(true).iconColor('rgba(0, 211, 255, 1)').type('dashboard'));
  if (decl.alertAnnotations) {
    const matchers = Object.entries(decl.alertAnnotations).map(([k, v]) => `, ${k}=${JSON.stringify(v)}`).join('');
    builder.annotation(new dashboard.AnnotationQueryBuilder()
      .name('Firing alerts').datasource(datasourceRef).enable(true).iconColor('red')
      .expr(`ALERTS{alertstate="firing"${matchers}}`).step('60s').titleFormat('{{alertname}}').textFormat('{{severity}}: {{alertname}}'));
  }
  for (const annotation of decl.annotations ?? []) {
    const query = new dashboard.AnnotationQueryBuilder()
      .name(annotation.name).datasource(datasourceRef).enable(true).iconColor(annotation.color ?? 'blue')
      .expr(annotation.expr).step('60s');
    if (annotation.title !== undefined) query.titleFormat(annotation.title);
    builder.annotation(query);
  }
  for (const link of decl.links ?? []) {
    const internal = 'dashboard' in link;
    builder.link(new dashboard.DashboardLinkBuilder(link.title ?? (internal ? titles.get(link.dashboard) ?? link.dashboard : link.url))
      .type(dashboard.DashboardLinkType.Link)
      .url(internal ? dashboardPath(link.dashboard, link.vars) : link.url)
      .keepTime(internal)
      .includeVars(false)
      .targetBlank(!internal)
      .icon(internal ? 'dashboard' : 'external link'));
  }
  return builder;
}
