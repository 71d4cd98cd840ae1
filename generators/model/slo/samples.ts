import type { Slo } from '../../../schemas/slo.ts';
import { matches, type ParsedMatcher } from '../matchers.ts';
import { parsePromql } from '../../promql/parse.ts';
import { fullMatch } from '../../../schemas/regex.ts';

/** Concrete series for scenario tests: a counter of bad events and one of the rest. */
export interface SampleSeries {
  /** Counts bad events. */
  readonly bad: string;
  /** Counts good events, or all events when `total` is a separate metric. */
  readonly good: string;
  /** True when `good` counts every event (errors and total are different metrics). */
  readonly goodIsTotal: boolean;
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
  `${metric}{${Object.entries(labels).map(([k, v]) => `${k}="${v}"`).join(', ')}}`;

/** The sample series of an events SLI: declared, or derived from its selectors. */
export function sampleSeries(slo: Slo, groupLabels: Readonly<Record<string, string>>): SampleSeries | undefined {
  if (!('events' in slo.sli)) return undefined;
  const { errors, total, sample } = slo.sli.events;
  if (sample) return { bad: sample.bad, good: sample.good, goodIsTotal: false };
  const [e, t] = [parseSelector(errors), parseSelector(total)];
  if (!e || !t) return undefined;
  const bad = labelsFor([...e.matchers, ...(e.metric === t.metric ? t.matchers : [])]);
  if (!bad) return undefined;
  if (e.metric !== t.metric) {
    const all = labelsFor(t.matchers);
    return all && { bad: render(e.metric, { ...bad, ...groupLabels }), good: render(t.metric, { ...all, ...groupLabels }), goodIsTotal: true };
  }
  const good = { ...labelsFor(t.matchers) };
  const constrained = e.matchers.filter((m) => !(m.label in good));
  for (const m of constrained) {
    const value = candidates.find((c) => !matches(m, { ...good, [m.label]: c }));
    if (value === undefined) return undefined;
    good[m.label] = value;
  }
  if (e.matchers.every((m) => matches(m, good))) return undefined;
  return { bad: render(e.metric, { ...bad, ...groupLabels }), good: render(t.metric, { ...good, ...groupLabels }), goodIsTotal: false };
}
