/**
 * Rules that match nothing, found against a live Prometheus: each vector
 * selector of a rule is queried over a lookback; a metric without any series,
 * or matchers that select none of a metric's series (with the label whose
 * values differ and the values that exist), are findings. And what each rule
 * costs: the series its selectors read now, and the samples its range windows
 * read per evaluation (series x window / scrape interval), summed per group.
 * Selectors of recording rules the project itself defines are not checked (a
 * new recording rule has no history yet); their cost is what the server holds
 * of them, or, for a new one, the series its expression selects now.
 */
import { formatDuration, parseDuration } from '../../schemas/duration.ts';
import type { SourceLocation } from '../../schemas/source.ts';
import { locateSite } from '../../generators/core/locate.ts';
import type { Model, Site } from '../../generators/core/model.ts';
import { parsePromql, type Matcher, type Selector } from '../../generators/promql/parse.ts';
import { instantQuery, serverRetention, type PrometheusClient } from '../verify/query.ts';
import { customOptions, expandVariables } from '../../generators/grafana/queries.ts';
import { scrapeIntervalOf } from '../../generators/lint/rules-of.ts';

/** A rule checked against the server. */
export interface CheckedRule {
  readonly kind: 'alert' | 'record' | 'query';
  readonly name: string;
  /** The service, or for a dashboard query its folder. */
  readonly service: string;
  /** The rule group, or for a dashboard query the dashboard's uid. */
  readonly group: string;
  readonly expr: string;
  /** A recording rule's own labels (rules of one name differ by them). */
  readonly labels?: Readonly<Record<string, string>> | undefined;
  /** Where it is declared, when it is a declaration of the definitions. */
  readonly site?: Site | undefined;
}

export interface SeriesFinding {
  readonly rule: string;
  readonly service: string;
  readonly location?: SourceLocation | undefined;
  readonly selector: string;
  /** `no-metric`: the metric has no series at all; `no-match`: its matchers select none; `over-retention`: its window is longer than the server keeps. */
  readonly problem: 'no-metric' | 'no-match' | 'over-retention';
  readonly message: string;
}

export interface RuleCost {
  readonly rule: string;
  readonly service: string;
  readonly group: string;
  /** Series the rule's selectors select now. */
  readonly series: number;
  /** Samples it reads per evaluation, summed over its selectors: a range window's series x window / interval between samples, an instant selector's series. */
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
  /** Queries sent: the counts go in batches. */
  readonly requests: number;
  /** How long the server keeps samples, as it says (`15d`, `90d or 50GiB`); absent when it does not say (a Thanos Querier, Mimir). */
  readonly retention?: string | undefined;
}

/** Every rule of a model, with its group, in file order. */
export function rulesOf(model: Model): CheckedRule[] {
  return model.services.flatMap((s) => s.ruleGroups.flatMap((g) => [
    ...g.records.map((r): CheckedRule => ({ kind: 'record', name: r.name, service: s.id, group: g.name, expr: r.expr, labels: r.labels, site: r.site })),
    ...g.alerts.map((a): CheckedRule => ({ kind: 'alert', name: a.name, service: s.id, group: g.name, expr: a.expr, site: a.site })),
  ]));
}

const quote = (value: string) => JSON.stringify(value);
const render = (metric: string | undefined, matchers: readonly Matcher[]) =>
  `${metric ?? ''}{${matchers.map((m) => `${m.label}${m.op}${quote(m.value)}`).join(', ')}}`;

/** The most label values a message lists. */
const VALUES_SHOWN = 10;

/** The most counts one request asks, and the longest query it sends: a batch stays a small POST and a quick answer. */
export const BATCH_COUNTS = 25;
const BATCH_CHARS = 16_000;

/**
 * Series counts (`count(query)`) asked in batches: the counts of up to
 * BATCH_COUNTS queries in one request, each labelled with its place
 * (`label_replace(count(q), "monac_batch", "i", "", "") or ...`); a query
 * that selects nothing is absent from the answer, so 0. A batch the server
 * refuses is asked again one query at a time, so the error names its query.
 */
export class SeriesCounts {
  private readonly known = new Map<string, number | undefined>();
  /** Requests made: what batching saves is measurable. */
  requests = 0;

  constructor(private readonly client: PrometheusClient, private readonly at: number, private readonly errors: string[]) {}

  /** The count of a query asked before; undefined when the server could not answer it. */
  get(query: string): number | undefined {
    return this.known.get(query);
  }

  /** Asks the counts not known yet. */
  async ask(queries: Iterable<string>): Promise<void> {
    const unknown = [...new Set(queries)].filter((q) => !this.known.has(q));
    let batch: string[] = [];
    let chars = 0;
    for (const query of unknown) {
      if (batch.length > 0 && (batch.length === BATCH_COUNTS || chars + query.length > BATCH_CHARS)) {
        await this.batch(batch);
        batch = [];
        chars = 0;
      }
      batch.push(query);
      chars += query.length + 60;
    }
    if (batch.length > 0) await this.batch(batch);
  }

  /** The values a label has in the series of `query` (one request; none when the server could not answer). */
  async labelValues(query: string, label: string): Promise<string[]> {
    this.requests++;
    const result = await instantQuery(this.client, `count by (${label}) (${query})`, this.at);
    if (result.kind === 'error') return [];
    return [...new Set(result.values.map((v) => v.labels[label]).filter((v): v is string => v !== undefined))].sort();
  }

  private async batch(queries: readonly string[]): Promise<void> {
    this.requests++;
    const text = queries.length === 1 ? `count(${queries[0]})` : queries.map((q, i) => `label_replace(count(${q}), "monac_batch", "${i}", "", "")`).join(' or ');
    const result = await instantQuery(this.client, text, this.at);
    if (result.kind === 'error') {
      if (queries.length > 1) {
        for (const query of queries) await this.batch([query]);
        return;
      }
      if (!this.errors.includes(result.message)) this.errors.push(result.message);
      this.known.set(queries[0]!, undefined);
      return;
    }
    const counts = new Map(result.values.map((v) => [queries.length === 1 ? '0' : v.labels.monac_batch, v.value]));
    queries.forEach((query, i) => {
      const value = counts.get(String(i));
      this.known.set(query, value !== undefined && Number.isFinite(value) && value >= 0 ? value : 0);
    });
  }
}

/** Where a selector's series come from: the server's scrapes, or recording rules of the project. */
interface PlannedSelector {
  readonly selector: Selector;
  readonly own: string;
  /** The project's recording rules that write this metric, with their group's evaluation interval. */
  readonly producers: readonly { readonly expr: string; readonly labels: Readonly<Record<string, string>>; readonly intervalMs: number }[];
  /** Between two samples of one of its series. */
  readonly spacingMs: number;
}

/**
 * Checks each rule's selectors over `lookbackMs` before `at` (seconds), and
 * works out its cost with the scrape interval behind the selector (its job's,
 * else the slowest job known to produce its metric, else the project's) or,
 * for a recorded series, its group's evaluation interval. Counts are asked in
 * batches (SeriesCounts), one request at a time; each answer is the verify
 * client's (bounded, validated). A selector that appears twice in a rule with
 * the same window is one over-retention finding.
 * `historyMs`, when the server holds less history than a window spans, is
 * the most of a window it can read (the rule bench's few days).
 */
export async function checkSeries(client: PrometheusClient, rules: readonly CheckedRule[], model: Model, options: { lookbackMs: number; at: number; historyMs?: number | undefined }): Promise<SeriesReport> {
  const lookback = formatDuration(options.lookbackMs);
  const evaluationMs = parseDuration(model.project.prometheus.evaluationInterval) ?? 60_000;
  const producers = new Map<string, PlannedSelector['producers'][number][]>();
  for (const service of model.services) {
    for (const group of service.ruleGroups) {
      const intervalMs = parseDuration(group.interval ?? model.project.prometheus.evaluationInterval) ?? evaluationMs;
      for (const record of group.records) producers.set(record.name, [...(producers.get(record.name) ?? []), { expr: record.expr, labels: record.labels, intervalMs }]);
    }
  }
  const findings: SeriesFinding[] = [];
  const costs: RuleCost[] = [];
  const errors: string[] = [];
  const counts = new SeriesCounts(client, options.at, errors);
  const over = (selector: string) => `last_over_time(${selector}[${lookback}])`;

  const planned = rules.map((rule) => ({
    rule,
    selectors: parsePromql(rule.expr).selectors.map((selector): PlannedSelector => {
      const own = selectorText(selector);
      // A recorded series is written by the rules whose static labels the selector's equality matchers do not contradict.
      const writers = (selector.metric === undefined ? undefined : producers.get(selector.metric))?.filter((p) => selector.matchers.every((m) => m.op !== '=' || p.labels[m.label] === undefined || p.labels[m.label] === m.value)) ?? [];
      const spacingMs = writers.length > 0 ? Math.min(...writers.map((w) => w.intervalMs)) : scrapeIntervalOf(model, selector);
      return { selector, own, producers: writers, spacingMs };
    }),
  }));
  const all = planned.flatMap((p) => p.selectors);
  // A window longer than the server keeps reads only what it keeps: a finding, and the most a window's cost can be.
  const retention = all.some((s) => s.selector.rangeMs !== undefined) ? await serverRetention(client) : undefined;
  if (retention) counts.requests++;
  const keptMs = retention?.kind === 'retention' ? retention.ms : undefined;
  const historyMs = Math.min(options.historyMs ?? Infinity, keptMs ?? Infinity);
  const scraped = all.filter((s) => s.producers.length === 0);
  // Every selector's series now; the lookback of the scraped ones; the expressions of the recording rules they read.
  await counts.ask([...all.map((s) => s.own), ...scraped.map((s) => over(s.own)), ...all.flatMap((s) => s.producers.map((p) => p.expr))]);
  // The ones that selected nothing: does their metric exist, and which matcher selects none of it?
  const empty = scraped.filter((s) => counts.get(over(s.own)) === 0);
  await counts.ask(empty.flatMap((s) => (s.selector.metric === undefined ? [] : [over(s.selector.metric)])));
  // A selector whose emptiness the expression handles (`x or ...`, absent(x)) is a finding only when its metric does not exist at all.
  const named = empty.filter((s) => !s.selector.guarded && s.selector.metric !== undefined && (counts.get(over(s.selector.metric)) ?? 0) > 0);
  await counts.ask(named.flatMap((s) => matchersOf(s.selector).map((m) => over(render(s.selector.metric, [m])))));

  for (const { rule, selectors } of planned) {
    let series = 0;
    let samples = 0;
    const location = rule.site && locateSite(rule.site);
    for (const planned of selectors) {
      const { selector, own } = planned;
      // A recording rule with no history yet: the series its expressions select now are the ones it will write.
      const now = counts.get(own) || planned.producers.reduce((sum, p) => sum + (counts.get(p.expr) ?? 0), 0);
      series += now;
      // A range window reads a sample per interval of each series; an instant selector the latest one.
      samples += selector.rangeMs === undefined ? now : now * Math.ceil(Math.min(selector.rangeMs, historyMs) / planned.spacingMs);
      const again = findings.some((f) => f.rule === rule.name && f.service === rule.service && f.selector === selector.text);
      if (keptMs !== undefined && selector.rangeMs !== undefined && selector.rangeMs > keptMs && retention?.kind === 'retention' && !again) {
        findings.push({ rule: rule.name, service: rule.service, location, selector: selector.text, problem: 'over-retention', message: `${selector.text} reads ${formatDuration(selector.rangeMs)}, but the Prometheus keeps ${retention.text}: the window covers at most ${formatDuration(keptMs)}` });
      }
      if (planned.producers.length > 0) continue;
      const found = await selectorFinding(selector, own, counts, over, lookback);
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
  return { lookback, checked: rules.length, findings, costs, groups: [...groups.values()], errors, requests: counts.requests, retention: retention?.kind === 'retention' ? retention.text : undefined };
}

const matchersOf = (selector: Selector) => selector.matchers.filter((m) => m.label !== '__name__');

/** The selector alone, without its range, offset or enclosing function. */
function selectorText(selector: Selector): string {
  const matchers = selector.matchers.filter((m) => m.label !== '__name__' || selector.metric === undefined);
  return selector.metric !== undefined && matchers.length === 0 ? selector.metric : render(selector.metric, matchers);
}

async function selectorFinding(
  selector: Selector,
  own: string,
  counts: SeriesCounts,
  over: (selector: string) => string,
  lookback: string,
): Promise<Pick<SeriesFinding, 'problem' | 'message'> | undefined> {
  const seen = counts.get(over(own));
  if (seen === undefined || seen > 0) return undefined;
  const metric = selector.metric;
  if (metric === undefined && selector.guarded) return undefined;
  if (metric === undefined) return { problem: 'no-match', message: `${own} selects no series in the last ${lookback}` };
  const any = counts.get(over(metric));
  if (any === undefined) return undefined;
  if (any === 0) return { problem: 'no-metric', message: `metric ${metric} has no series in the last ${lookback}` };
  if (selector.guarded) return undefined;
  // The metric exists: which matcher selects none of its series, and the values its label has.
  for (const matcher of matchersOf(selector)) {
    if (counts.get(over(render(metric, [matcher]))) !== 0) continue;
    const values = await counts.labelValues(over(metric), matcher.label);
    const shown = values.length === 0 ? `no series of ${metric} has a ${matcher.label} label` : `${matcher.label} has ${values.slice(0, VALUES_SHOWN).join(', ')}${values.length > VALUES_SHOWN ? ` and ${values.length - VALUES_SHOWN} more` : ''}`;
    return { problem: 'no-match', message: `${own} selects no series of ${metric} in the last ${lookback}: ${matcher.label}${matcher.op}${quote(matcher.value)} matches none (${shown})` };
  }
  return { problem: 'no-match', message: `${own} selects no series of ${metric} in the last ${lookback}: each matcher matches some series, but no series matches all of them` };
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
