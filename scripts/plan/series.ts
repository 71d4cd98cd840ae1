/**
 * Rules that match nothing, found against a live Prometheus: each vector
 * selector of a rule is queried over a lookback; a metric without any series,
 * or matchers that select none of a metric's series (with the label whose
 * values differ and the values that exist), are findings. And what each rule
 * costs: the series its selectors read now, and the samples its range windows
 * read per evaluation (series x window / scrape interval), summed per group.
 * Selectors of recording rules the project itself defines are not queried: a
 * new recording rule has no history yet.
 */
import { formatDuration, parseDuration } from '../../schemas/duration.ts';
import type { SourceLocation } from '../../schemas/source.ts';
import { locateSite } from '../../generators/core/locate.ts';
import type { Model, Site } from '../../generators/core/model.ts';
import { parsePromql, type Matcher, type Selector } from '../../generators/promql/parse.ts';
import { instantQuery, type PrometheusClient } from '../verify/query.ts';
import { customOptions, expandVariables } from '../../generators/grafana/queries.ts';

/** A rule checked against the server. */
export interface CheckedRule {
  readonly kind: 'alert' | 'record' | 'query';
  readonly name: string;
  /** The service, or for a dashboard query its folder. */
  readonly service: string;
  /** The rule group, or for a dashboard query the dashboard's uid. */
  readonly group: string;
  readonly expr: string;
  /** Where it is declared, when it is a declaration of the definitions. */
  readonly site?: Site | undefined;
}

export interface SeriesFinding {
  readonly rule: string;
  readonly service: string;
  readonly location?: SourceLocation | undefined;
  readonly selector: string;
  /** `no-metric`: the metric has no series at all; `no-match`: its matchers select none. */
  readonly problem: 'no-metric' | 'no-match';
  readonly message: string;
}

export interface RuleCost {
  readonly rule: string;
  readonly service: string;
  readonly group: string;
  /** Series the rule's selectors select now. */
  readonly series: number;
  /** Samples its range windows read per evaluation: series x window / scrape interval, summed over selectors. */
  readonly samples: number;
}

export interface SeriesReport {
  readonly lookback: string;
  readonly checked: number;
  readonly findings: readonly SeriesFinding[];
  readonly costs: readonly RuleCost[];
  /** Per group: the sums of its checked rules. */
  readonly groups: readonly { readonly service: string; readonly group: string; readonly series: number; readonly samples: number }[];
  /** What could not be asked (unreachable, an error answer): the checks it concerns are not made. */
  readonly errors: readonly string[];
}

/** Every rule of a model, with its group, in file order. */
export function rulesOf(model: Model): CheckedRule[] {
  return model.services.flatMap((s) => s.ruleGroups.flatMap((g) => [
    ...g.records.map((r): CheckedRule => ({ kind: 'record', name: r.name, service: s.id, group: g.name, expr: r.expr, site: r.site })),
    ...g.alerts.map((a): CheckedRule => ({ kind: 'alert', name: a.name, service: s.id, group: g.name, expr: a.expr, site: a.site })),
  ]));
}

const quote = (value: string) => JSON.stringify(value);
const render = (metric: string | undefined, matchers: readonly Matcher[]) =>
  `${metric ?? ''}{${matchers.map((m) => `${m.label}${m.op}${quote(m.value)}`).join(', ')}}`;

/** The most label values a message lists. */
const VALUES_SHOWN = 10;

/**
 * Checks each rule's selectors over `lookbackMs` before `at` (seconds), and
 * works out its cost with the project's scrape interval. At most one query at
 * a time; each answer is the verify client's (bounded, validated).
 */
export async function checkSeries(client: PrometheusClient, rules: readonly CheckedRule[], model: Model, options: { lookbackMs: number; at: number }): Promise<SeriesReport> {
  const recorded = new Set(rulesOf(model).filter((r) => r.kind === 'record').map((r) => r.name));
  const lookback = formatDuration(options.lookbackMs);
  // The project's scrape interval: each range window reads one sample per interval of each series.
  const scrapeMs = parseDuration(model.project.prometheus.scrapeInterval) ?? 60_000;
  const findings: SeriesFinding[] = [];
  const costs: RuleCost[] = [];
  const errors: string[] = [];
  const cache = new Map<string, Promise<number | undefined>>();
  /** The number of series a query's vector holds (count(...)), or undefined when the server did not answer. */
  const count = (query: string): Promise<number | undefined> => {
    let answer = cache.get(query);
    if (!answer) {
      answer = instantQuery(client, `count(${query})`, options.at).then((result) => {
        if (result.kind === 'error') {
          if (!errors.includes(result.message)) errors.push(result.message);
          return undefined;
        }
        return result.values[0]?.value ?? 0;
      });
      cache.set(query, answer);
    }
    return answer;
  };
  const over = (selector: string) => `last_over_time(${selector}[${lookback}])`;
  for (const rule of rules) {
    const selectors = parsePromql(rule.expr).selectors;
    let series = 0;
    let samples = 0;
    const location = rule.site && locateSite(rule.site);
    for (const selector of selectors) {
      if (selector.metric !== undefined && recorded.has(selector.metric)) continue;
      const own = selectorText(selector);
      const now = await count(own);
      if (now !== undefined) {
        series += now;
        if (selector.rangeMs !== undefined) samples += now * Math.ceil(selector.rangeMs / scrapeMs);
      }
      const found = await selectorFinding(selector, own, count, over, lookback, client, options.at);
      if (found) findings.push({ rule: rule.name, service: rule.service, location, selector: own, ...found });
    }
    costs.push({ rule: rule.name, service: rule.service, group: rule.group, series, samples });
  }
  const groups = new Map<string, { service: string; group: string; series: number; samples: number }>();
  for (const cost of costs) {
    const key = `${cost.service}\0${cost.group}`;
    const sum = groups.get(key) ?? { service: cost.service, group: cost.group, series: 0, samples: 0 };
    sum.series += cost.series;
    sum.samples += cost.samples;
    groups.set(key, sum);
  }
  return { lookback, checked: rules.length, findings, costs, groups: [...groups.values()], errors };
}

/** The selector alone, without its range, offset or enclosing function. */
function selectorText(selector: Selector): string {
  const matchers = selector.matchers.filter((m) => m.label !== '__name__' || selector.metric === undefined);
  return selector.metric !== undefined && matchers.length === 0 ? selector.metric : render(selector.metric, matchers);
}

async function selectorFinding(
  selector: Selector,
  own: string,
  count: (query: string) => Promise<number | undefined>,
  over: (selector: string) => string,
  lookback: string,
  client: PrometheusClient,
  at: number,
): Promise<Pick<SeriesFinding, 'problem' | 'message'> | undefined> {
  const seen = await count(over(own));
  if (seen === undefined || seen > 0) return undefined;
  const metric = selector.metric;
  if (metric === undefined) return { problem: 'no-match', message: `${own} selects no series in the last ${lookback}` };
  const any = await count(over(metric));
  if (any === undefined) return undefined;
  if (any === 0) return { problem: 'no-metric', message: `metric ${metric} has no series in the last ${lookback}` };
  // The metric exists: which matcher selects none of its series, and the values its label has.
  const matchers = selector.matchers.filter((m) => m.label !== '__name__');
  for (const matcher of matchers) {
    const alone = await count(over(render(metric, [matcher])));
    if (alone !== 0) continue;
    const values = await labelValues(client, `count by (${matcher.label}) (${over(metric)})`, matcher.label, at);
    const shown = values.length === 0 ? `no series of ${metric} has a ${matcher.label} label` : `${matcher.label} has ${values.slice(0, VALUES_SHOWN).join(', ')}${values.length > VALUES_SHOWN ? ` and ${values.length - VALUES_SHOWN} more` : ''}`;
    return { problem: 'no-match', message: `${own} selects no series of ${metric} in the last ${lookback}: ${matcher.label}${matcher.op}${quote(matcher.value)} matches none (${shown})` };
  }
  return { problem: 'no-match', message: `${own} selects no series of ${metric} in the last ${lookback}: each matcher matches some series, but no series matches all of them` };
}

async function labelValues(client: PrometheusClient, query: string, label: string, at: number): Promise<string[]> {
  const result = await instantQuery(client, query, at);
  if (result.kind === 'error') return [];
  return [...new Set(result.values.map((v) => v.labels[label]).filter((v): v is string => v !== undefined))].sort();
}

type Json = Record<string, unknown>;

/**
 * The panel queries of built dashboards (the JSON the build writes), with
 * Grafana's variables replaced as the dashboard would first show them: each
 * variable's current value, else its first option; an All selection (`$__all`)
 * as `.+`; the built-in intervals as expandVariables does.
 */
export function dashboardQueries(files: ReadonlyMap<string, { readonly content: string }>, uids?: ReadonlySet<string>): CheckedRule[] {
  return [...files].filter(([path]) => path.startsWith('grafana/dashboards/') && path.endsWith('.json')).flatMap(([path, { content }]) => {
    const dashboard = JSON.parse(content) as Json;
    const uid = String(dashboard.uid);
    if (uids && !uids.has(uid)) return [];
    const folder = path.split('/')[2] ?? '';
    const variables = ((dashboard.templating as Json | undefined)?.list as Json[] | undefined) ?? [];
    const values = new Map<string, string>();
    for (const v of variables) {
      if (typeof v.name !== 'string' || v.type === 'datasource') continue;
      const current = (v.current as Json | undefined)?.value;
      const first = Array.isArray(v.options) ? ((v.options as Json[])[0]?.value as unknown) : typeof v.query === 'string' && (v.type === 'custom' || v.type === 'interval') ? customOptions(v.query)[0] : undefined;
      const value = Array.isArray(current) ? current[0] : current ?? first;
      if (typeof value === 'string') values.set(v.name, value === '$__all' ? '.+' : value);
    }
    const panels = (list: unknown): Json[] => (Array.isArray(list) ? (list as Json[]).flatMap((p) => [p, ...panels(p.panels)]) : []);
    return panels(dashboard.panels).flatMap((panel) => ((panel.targets as Json[] | undefined) ?? [])
      .filter((t) => typeof t.expr === 'string' && t.expr !== '')
      .map((t): CheckedRule => ({
        kind: 'query',
        name: `${uid} panel ${JSON.stringify(String(panel.title ?? ''))} query ${String(t.refId ?? '')}`,
        service: folder,
        group: uid,
        expr: expandVariables(String(t.expr), values, true),
      })));
  });
}
