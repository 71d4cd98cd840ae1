import type { Slo } from '../../../schemas/slo.ts';
import { matches, type ParsedMatcher } from '../matchers.ts';
import { parsePromql, treeOf, type PromqlNode } from '../../promql/parse.ts';
import { instantiate } from './expressions.ts';
import { fullMatch } from '../../../schemas/regex.ts';

/**
 * Concrete series for scenario tests: counters of bad events, of good
 * events, or of all events; two of the three, from which the third follows.
 */
export interface SampleSeries {
  /** Counts bad events, when the SLI reads them. */
  readonly bad?: string | undefined;
  /** Counts good events, when the SLI reads them. */
  readonly good?: string | undefined;
  /** Counts every event, when the total is a metric of its own. */
  readonly all?: string | undefined;
}

/** A string a simple regex matches: literals, `.`, classes, alternation, `*` `+` `?`. */
export function exampleOf(regex: string): string | undefined {
  const first = topLevelAlternatives(unwrapped(regex))[0] ?? '';
  const example = first
    .replace(/\\d/g, '0')
    .replace(/\[\^?([^\]])[^\]]*\]/g, '$1')
    .replace(/[()]/g, '')
    .replace(/.\*|.\?/g, '')
    .replace(/(.)\+/g, '$1')
    .replace(/\./g, '0')
    .replace(/\\(.)/g, '$1');
  return fullMatch(regex, example) ? example : undefined;
}

/** `(a|b)` and `(?:a|b)` as `a|b`, when the group spans the whole regex. */
function unwrapped(regex: string): string {
  const open = regex.startsWith('(?:') ? 3 : regex.startsWith('(') ? 1 : 0;
  if (open === 0 || !regex.endsWith(')')) return regex;
  const inner = regex.slice(open, -1);
  let depth = 0;
  for (const char of inner) {
    if (char === '(') depth++;
    if (char === ')' && --depth < 0) return regex;
  }
  return depth === 0 ? unwrapped(inner) : regex;
}

function topLevelAlternatives(regex: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const char of regex) {
    if (char === '(') depth++;
    if (char === ')') depth--;
    if (char === '|' && depth === 0) {
      parts.push(current);
      current = '';
    } else current += char;
  }
  return [...parts, current];
}

interface Selector {
  readonly metric: string;
  readonly matchers: readonly ParsedMatcher[];
}

function parseSelector(text: string): Selector | undefined {
  const [selector] = parsePromql(text).selectors;
  if (!selector?.metric) return undefined;
  return { metric: selector.metric, matchers: selector.matchers.filter((m) => m.label !== '__name__') };
}

const candidates = ['200', '0', 'ok', 'x', 'good'];

/** Labels satisfying `matchers`, or undefined when a regex is too rich to invent a value for. */
function labelsFor(matchers: readonly ParsedMatcher[]): Record<string, string> | undefined {
  const labels: Record<string, string> = {};
  for (const m of matchers) {
    const value = m.op === '=' ? m.value : m.op === '=~' ? exampleOf(m.value) : candidates.find((c) => matches(m, { [m.label]: c }));
    if (value === undefined) return undefined;
    labels[m.label] = value;
  }
  return matchers.every((m) => matches(m, labels)) ? labels : undefined;
}

const render = (metric: string, labels: Readonly<Record<string, string>>) =>
  Object.keys(labels).length === 0 ? metric : `${metric}{${Object.entries(labels).map(([k, v]) => `${k}="${v}"`).join(', ')}}`;

/** An expression without the parentheses around all of it. */
export function unparenthesized(node: PromqlNode | null): PromqlNode | null {
  return node?.name === 'ParenExpr' && node.children.length === 1 ? unparenthesized(node.firstChild) : node;
}

/** The numerator's selector (bad or good events) and the total's, of an SLI whose scenario series can be derived. */
function sampledSelectors(slo: Slo): { counts: 'bad' | 'good'; numerator: string; total: string } | undefined {
  if ('events' in slo.sli) {
    const { errors, good, total } = slo.sli.events;
    return good === undefined ? { counts: 'bad', numerator: errors!, total } : { counts: 'good', numerator: good, total };
  }
  if (!('ratio' in slo.sli)) return undefined;
  const { errors, good, total, errorRatio, successRatio } = slo.sli.ratio;
  const one = (query: string) => {
    const selectors = parsePromql(instantiate(query, '5m')).selectors;
    return selectors.length === 1 ? selectors[0]!.text.replace(/\[[^\]]*\]$/, '') : undefined;
  };
  if (total !== undefined) {
    const [n, t] = [one(errors ?? good!), one(total)];
    return n && t ? { counts: good === undefined ? 'bad' : 'good', numerator: n, total: t } : undefined;
  }
  // A precomputed ratio of one selector's rate over another's, `a / b`, or its complement `1 - (a / b)`.
  let text = instantiate(errorRatio ?? successRatio!, '5m').trim();
  let counts: 'bad' | 'good' = errorRatio === undefined ? 'good' : 'bad';
  const complement = /^1\s*-\s*\((.*)\)$/s.exec(text);
  if (complement && treeOf(text).firstChild?.children.find((c) => c.name === 'Sub')) {
    text = complement[1]!;
    counts = counts === 'bad' ? 'good' : 'bad';
  }
  const top = unparenthesized(treeOf(text).firstChild);
  const operator = top?.name === 'BinaryExpr' ? top.children.find((c) => c.name === 'Div') : undefined;
  if (!top || !operator) return undefined;
  const [n, t] = [one(text.slice(top.from, operator.from)), one(text.slice(operator.to, top.to))];
  return n && t ? { counts, numerator: n, total: t } : undefined;
}

/** The sample series of an events or ratio SLI: declared, or derived from its selectors. */
export function sampleSeries(slo: Slo, groupLabels: Readonly<Record<string, string>>): SampleSeries | undefined {
  const declared = 'events' in slo.sli ? slo.sli.events.sample : 'ratio' in slo.sli ? slo.sli.ratio.sample : undefined;
  if (declared) {
    // The scenario's group labels join the declared series, as its expected alerts carry them.
    const grouped = (text: string) => {
      const parsed = parseSelector(text);
      return parsed ? render(parsed.metric, { ...Object.fromEntries(parsed.matchers.map((m) => [m.label, m.value])), ...groupLabels }) : text;
    };
    return { bad: grouped(declared.bad), good: grouped(declared.good) };
  }
  const selectors = sampledSelectors(slo);
  if (!selectors) return undefined;
  const [n, t] = [parseSelector(selectors.numerator), parseSelector(selectors.total)];
  if (!n || !t) return undefined;
  const other = selectors.counts === 'bad' ? 'good' : 'bad';
  const counted = labelsFor([...n.matchers, ...(n.metric === t.metric ? t.matchers : [])]);
  if (!counted) return undefined;
  if (n.metric !== t.metric) {
    const all = labelsFor(t.matchers);
    return all && { [selectors.counts]: render(n.metric, { ...counted, ...groupLabels }), all: render(t.metric, { ...all, ...groupLabels }) };
  }
  // The rest of the total: a value for each label the numerator constrains that its matchers refuse.
  const rest = { ...labelsFor(t.matchers) };
  const constrained = n.matchers.filter((m) => !(m.label in rest));
  for (const m of constrained) {
    // What a negative matcher refuses is the value it names (or one of its regex's).
    const refused = m.op === '!=' ? [m.value] : m.op === '!~' ? [exampleOf(m.value) ?? ''] : [];
    const value = [...refused, ...candidates].find((c) => !matches(m, { ...rest, [m.label]: c }));
    if (value === undefined) return undefined;
    rest[m.label] = value;
  }
  if (n.matchers.every((m) => matches(m, rest))) return undefined;
  return { [selectors.counts]: render(n.metric, { ...counted, ...groupLabels }), [other]: render(t.metric, { ...rest, ...groupLabels }) };
}
