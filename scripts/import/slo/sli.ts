/**
 * The language's SLI for what an imported spec writes: a numerator (bad or
 * good events) and a total, as selectors or as queries with a window
 * placeholder, or one precomputed ratio. The simplest form that says the
 * same is chosen: events of two selectors, a classic histogram's latency,
 * else a ratio of queries.
 */
import { outermostAggregations, parsePromql, treeOf, type Selector } from '../../../generators/promql/parse.ts';
import { instantiate as windowed } from '../../../generators/model/slo/expressions.ts';
import { sampleSeries, unparenthesized } from '../../../generators/model/slo/samples.ts';
import { WINDOW_PLACEHOLDER, type Slo } from '../../../schemas/slo.ts';

/** Sloth's `{{.window}}`, spaces allowed inside the braces (its TplSLIQueryWindowVarRegex). */
const SLOTH_WINDOW = /\{\{\s*\.window\s*\}\}/g;

/** A query of Sloth's (or OpenSLO's, as Sloth reads it) with the language's `$window`. */
export const toLanguage = (query: unknown) => String(query ?? '').replace(SLOTH_WINDOW, WINDOW_PLACEHOLDER);

export type Counts = 'errors' | 'good';

export interface MappedSli {
  readonly sli: Record<string, unknown>;
  readonly groupBy?: readonly string[] | undefined;
}

export type Mapped = MappedSli | { readonly problem: string };

/** The labels of the outermost `by (...)` of a query: the SLO's groupBy. */
export function groupingOf(query: string): string[] {
  const parsed = parsePromql(query);
  const [outermost] = outermostAggregations(parsed.aggregations);
  return [...(outermost?.by ?? [])].sort();
}

/**
 * The labels a query's result keeps from its aggregations: those of the
 * outermost aggregations when the query is nothing but them and arithmetic
 * (`sum by (a) (x) / sum by (a) (y)`), all grouped alike; none when a
 * function wraps them (`histogram_quantile(0.9, sum by (le) (...))` keeps no `le`).
 */
export function topLevelGrouping(query: string): string[] {
  const parsed = parsePromql(query);
  const outermost = outermostAggregations(parsed.aggregations);
  const rest = outermost.reduce((text, a) => text.replace(a.text, ''), query);
  const bys = outermost.map((a) => [...(a.by ?? [])].sort().join());
  if (outermost.length === 0 || !/^[\s()+\-*/0-9.]*$/.test(rest) || bys.some((b) => b !== bys[0])) return [];
  return [...(outermost[0]!.by ?? [])].sort();
}

const withoutRange = (selector: Selector) => selector.text.replace(/\[[^\]]*\]$/, '');

/**
 * The selector of `sum(rate(<selector>[w]))` (or increase, irate, with
 * `by (...)` or without sum) or of a bare selector; undefined for any other
 * query. `query` has its window instantiated.
 */
export function selectorOf(query: string): string | undefined {
  const parsed = parsePromql(query);
  const [selector] = parsed.selectors;
  if (parsed.error || parsed.selectors.length !== 1 || !selector) return undefined;
  if (selector.rangeMs === undefined) return parsed.functions.size === 0 && parsed.aggregations.length === 0 && selector.text === query.trim() ? selector.text : undefined;
  const shape = query.replace(selector.text, 'X').replace(/\s+/g, '');
  return /^(?:sum(?:by\([\w,]*\))?\()?(?:rate|increase|irate)\(X\)\)?(?:by\([\w,]*\))?$/.test(shape) ? withoutRange(selector) : undefined;
}

/** A classic histogram's latency SLI, when `bucket` is `<h>_bucket{m, le="t"}` and `count` is `<h>_count{m}` with equality matchers only. */
export function latencyOf(bucket: string, count: string): Record<string, unknown> | undefined {
  const [b] = parsePromql(bucket).selectors;
  const [c] = parsePromql(count).selectors;
  if (!b?.metric?.endsWith('_bucket') || !c?.metric || c.metric !== `${b.metric.slice(0, -'_bucket'.length)}_count`) return undefined;
  const le = b.matchers.find((m) => m.label === 'le');
  const threshold = le && (le.op === '=' || le.op === '=~') ? Number(le.value.replace(/\(\\\.0\)\?$/, '')) : NaN;
  if (!Number.isFinite(threshold) || threshold <= 0) return undefined;
  const rest = (s: Selector) => s.matchers.filter((m) => m.label !== 'le' && m.label !== '__name__');
  if (![...rest(b), ...rest(c)].every((m) => m.op === '=')) return undefined;
  const matchers = Object.fromEntries(rest(c).map((m) => [m.label, m.value]));
  if (JSON.stringify(Object.fromEntries(rest(b).map((m) => [m.label, m.value]))) !== JSON.stringify(matchers)) return undefined;
  return { histogram: c.metric.slice(0, -'_count'.length), ...(Object.keys(matchers).length > 0 ? { matchers } : {}), threshold };
}

/** `sum(rate(A[w])) - sum(rate(B[w]))` (with the same by, or none): the selectors A and B, else undefined. */
function differenceOf(query: string): [string, string] | undefined {
  const top = unparenthesized(treeOf(query).firstChild);
  const operator = top?.name === 'BinaryExpr' ? top.children.find((c) => c.name === 'Sub') : undefined;
  if (!top || !operator) return undefined;
  const [left, right] = [selectorOf(query.slice(top.from, operator.from)), selectorOf(query.slice(operator.to, top.to))];
  return left && right && groupingOf(query.slice(top.from, operator.from)).join() === groupingOf(query.slice(operator.to, top.to)).join() ? [left, right] : undefined;
}

const instantiate = (query: string) => windowed(query, '5m');

/**
 * The SLI of a numerator over a total, both written with `$window` for the
 * window (or as bare selectors). Events when both are one selector's rate,
 * latency when they are a histogram's bucket and count (Sloth's
 * `count - bucket{le}` as errors, Pyrra's bucket as success), else a ratio
 * of the queries.
 */
export function sliOf(counts: Counts, numerator: string, total: string, sample?: { good: string; bad: string }): Mapped {
  const [n, t] = [instantiate(numerator.trim()), instantiate(total.trim())];
  for (const [name, text] of [[counts, n], ['total', t]] as const) {
    const parsed = parsePromql(text);
    if (parsed.error) return { problem: `the ${name} query is not valid PromQL: ${parsed.error.message} at column ${parsed.error.column}` };
  }
  const [nSelector, tSelector] = [selectorOf(n), selectorOf(t)];
  const [nBy, tBy] = [groupingOf(n), groupingOf(t)];
  const groupBy = tBy.length > 0 ? tBy : undefined;
  if (nSelector && tSelector) {
    if (nBy.join() !== tBy.join()) return { problem: `the ${counts} query groups by (${nBy.join(', ')}) and the total query by (${tBy.join(', ')}); they must group alike` };
    const latency = counts === 'good' ? latencyOf(nSelector, tSelector) : undefined;
    return latency ? { sli: { latency }, groupBy } : { sli: { events: { [counts]: nSelector, total: tSelector, ...(sample ? { sample } : {}) } }, groupBy };
  }
  const difference = counts === 'errors' && tSelector ? differenceOf(n) : undefined;
  // Errors as total minus good (Sloth's count - bucket{le}): good events over the total.
  if (difference && difference[0] === tSelector && groupingOf(n).join() === tBy.join()) {
    const latency = latencyOf(difference[1], tSelector);
    return { sli: latency ? { latency } : { events: { good: difference[1], total: tSelector } }, groupBy };
  }
  if (!numerator.includes(WINDOW_PLACEHOLDER) || !total.includes(WINDOW_PLACEHOLDER)) {
    return { problem: `a query that is not one selector (or a rate of one) needs a window placeholder where each window goes; ${!numerator.includes(WINDOW_PLACEHOLDER) ? `the ${counts}` : 'the total'} query has none` };
  }
  return withSample({ sli: { ratio: { [counts]: numerator.trim(), total: total.trim(), ...(sample ? { sample } : {}) } }, groupBy });
}

/**
 * A ratio of queries whose scenario series can be derived; otherwise the
 * problem, as the import cannot write the `sample` a user would declare.
 */
function withSample(mapped: MappedSli): Mapped {
  const slo = { id: 'x', objective: 99, sli: mapped.sli } as unknown as Slo;
  if (sampleSeries(slo, {})) return mapped;
  return { problem: 'the scenario tests cannot invent series from these queries (the numerator or the total reads more than one selector); declare this SLO by hand with sli.ratio and a sample: { good, bad }, one counter each' };
}

/**
 * The availability SLI of `sum (sum_over_time(g[w])) / sum (count_over_time(g[w]))`
 * (with the same `by` on both): the share of a 0/1 gauge's samples that read
 * 1, as `monac export openslo` writes it.
 */
function availabilityOf(query: string): MappedSli | undefined {
  const parsed = parsePromql(instantiate(query));
  const [gauge] = parsed.selectors;
  if (!gauge?.metric || parsed.selectors.length !== 2 || gauge.matchers.some((m) => m.op !== '=' && m.label !== '__name__')) return undefined;
  const groupBy = groupingOf(instantiate(query));
  const sum = groupBy.length > 0 ? `sum by (${groupBy.join(', ')})` : 'sum';
  const text = withoutRange(gauge);
  const expected = `${sum} (sum_over_time(${text}[${WINDOW_PLACEHOLDER}])) / ${sum} (count_over_time(${text}[${WINDOW_PLACEHOLDER}]))`;
  if (expected.replace(/\s+/g, '') !== query.replace(/\s+/g, '')) return undefined;
  const matchers = Object.fromEntries(gauge.matchers.filter((m) => m.label !== '__name__').map((m) => [m.label, m.value]));
  return { sli: { availability: { metric: gauge.metric, ...(Object.keys(matchers).length > 0 ? { matchers } : {}) } }, groupBy: groupBy.length > 0 ? groupBy : undefined };
}

/** A precomputed ratio: its query must take the window. */
export function rawSliOf(kind: 'errorRatio' | 'successRatio', query: string, sample?: { good: string; bad: string }): Mapped {
  const parsed = parsePromql(instantiate(query.trim()));
  if (parsed.error) return { problem: `the ratio query is not valid PromQL: ${parsed.error.message} at column ${parsed.error.column}` };
  if (!query.includes(WINDOW_PLACEHOLDER)) return { problem: 'a ratio query needs a window placeholder where each window goes' };
  const availability = kind === 'successRatio' ? availabilityOf(query.trim()) : undefined;
  if (availability) return availability;
  const groupBy = groupingOf(instantiate(query));
  return withSample({ sli: { ratio: { [kind]: query.trim(), ...(sample ? { sample } : {}) } }, groupBy: groupBy.length > 0 ? groupBy : undefined });
}
