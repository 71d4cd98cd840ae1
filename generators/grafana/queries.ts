import { parseDuration } from '../../schemas/duration.ts';
import { parsePromql, type Promql } from '../promql/parse.ts';
import type { BuiltDashboard, BuiltPanel, Json } from './build.ts';

/**
 * What `$__rate_interval` stands for while a query is checked: a duration no
 * one writes by hand, as grafana/dashboard-linter does, so a rate() whose
 * range is anything else is found.
 */
export const RATE_INTERVAL_SENTINEL = '8869990787ms';
export const RATE_INTERVAL_MS = parseDuration(RATE_INTERVAL_SENTINEL)!;

/** Grafana's global variables and what stands for them in a query. */
const builtins: Readonly<Record<string, string>> = {
  __rate_interval: RATE_INTERVAL_SENTINEL,
  __interval: '1m',
  __interval_ms: '60000',
  __range: '1d',
  __range_s: '86400',
  __range_ms: '86400000',
  __from: '0',
  __to: '0',
  __dashboard: 'dashboard',
  __name: 'name',
  __org: '1',
  __user: 'user',
};

/** Grafana's variable syntaxes: `$name`, `[[name]]`, `${name}` and `${name:format}`. */
const variablePattern = /\$([a-zA-Z_]\w*)|\[\[([a-zA-Z_]\w*?)(?::\w+)?\]\]|\$\{([a-zA-Z_]\w*)(?:\.[^:}]+)?(?::[^}]+)?\}/g;

/** Names of the variables a text uses, built-in ones included. */
export function variablesIn(text: string): string[] {
  return [...text.matchAll(variablePattern)].map((m) => (m[1] ?? m[2] ?? m[3])!);
}

export const isBuiltin = (name: string) => name in builtins;

/** Which characters of `text` are inside a PromQL string literal. */
function insideStrings(text: string): boolean[] {
  const inside: boolean[] = [];
  let quote: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    inside.push(quote !== undefined);
    if (quote !== undefined) {
      if (c === '\\' && quote !== '`') {
        inside.push(true);
        i++;
      } else if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'" || c === '`') quote = c;
  }
  return inside;
}

/**
 * The query with every variable replaced by something PromQL accepts where it
 * stands: inside a string any text; after `[` or `:` a duration; else a name.
 */
export function expandVariables(text: string, values: ReadonlyMap<string, string> = new Map(), inStrings = false): string {
  const inside = insideStrings(text);
  return text.replace(variablePattern, (match: string, a?: string, b?: string, c?: string, offset?: number) => {
    const name = (a ?? b ?? c)!;
    // In a string (a label value) the name stands for itself, unless the caller gives values to put there too.
    if (inside[offset!]) return (inStrings ? values.get(name) : undefined) ?? builtins[name] ?? name;
    if (name in builtins) return builtins[name]!;
    if (/[[:]\s*$/.test(text.slice(0, offset))) return '5m';
    return values.get(name) ?? name;
  });
}

/**
 * What a dashboard's own variables stand for where a name would not do: a
 * custom variable whose values are all numbers (`$quantile` with
 * `0.5,0.9,0.99`, in `histogram_quantile($quantile, ...)`) is its first
 * value, an interval variable its first duration. Grafana substitutes a
 * single-value variable as it is; a multi-value or include-all one is
 * regex-escaped (`0\\.99`), which is no number, so those keep their name.
 */
export function variableValues(templating: readonly Json[]): Map<string, string> {
  const values = new Map<string, string>();
  for (const v of templating) {
    if (typeof v.name !== 'string' || v.multi === true || v.includeAll === true) continue;
    const options = customOptions(typeof v.query === 'string' ? v.query : '');
    const first = options[0];
    if (first === undefined) continue;
    if (v.type === 'custom' && options.every((o) => /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(o))) values.set(v.name, first);
    if (v.type === 'interval' && options.every((o) => parseDuration(o) !== undefined)) values.set(v.name, first);
  }
  return values;
}

/** A custom variable's values as Grafana reads its query: split on unescaped commas, trimmed, `text : value` giving the value. */
export function customOptions(query: string): string[] {
  return query
    .split(/(?<!\\),/)
    .map((part) => part.replace(/\\,/g, ',').trim())
    .filter((part) => part !== '')
    .map((part) => /^.*? : (.*)$/.exec(part)?.[1]!.trim() ?? part);
}

/**
 * The query with each variable replaced by a placeholder of the same length,
 * so that positions in one are positions in the other: inside a string `x`s,
 * after `[` or `:` a duration, elsewhere a name; the spans where a variable
 * stands for a name are listed, since no selector is written there.
 */
export function placeholderQuery(text: string): { text: string; opaque: [number, number][] } {
  const inside = insideStrings(text);
  const opaque: [number, number][] = [];
  const replaced = text.replace(variablePattern, (match: string, _a?: string, _b?: string, _c?: string, offset?: number) => {
    if (inside[offset!]) return 'x'.repeat(match.length);
    if (/[[:]\s*$/.test(text.slice(0, offset))) return '5m'.padEnd(match.length, ' ');
    opaque.push([offset!, offset! + match.length]);
    return match.replace(/\W/g, '_');
  });
  return { text: replaced, opaque };
}

/** The PromQL inside a query variable's definition, if it has any. */
export function variablePromql(query: string): string | undefined {
  const q = query.trim();
  const call = /^(label_values|query_result|label_names)\s*\(([\s\S]*)\)$/.exec(q);
  if (!call) return /^metrics\s*\(/.test(q) ? undefined : q;
  const args = call[2]!.trim();
  if (call[1] === 'query_result') return args;
  if (call[1] === 'label_names') return args === '' ? undefined : args;
  // label_values(selector, label) or label_values(label).
  const comma = args.lastIndexOf(',');
  return comma < 0 ? undefined : args.slice(0, comma).trim();
}

/** One PromQL text of a dashboard and where it is declared. */
export interface QueryRef {
  readonly dashboard: BuiltDashboard;
  /** The panel, for targets. */
  readonly panel?: BuiltPanel | undefined;
  /** Field below the declaration; findings on generated dashboards point at what they are generated from. */
  readonly field: readonly PropertyKey[];
  /** How messages name it: `panel "Errors" query B`. */
  readonly what: string;
  readonly expr: string;
  /** The query as checked: Grafana's variables replaced (expandVariables). */
  readonly expanded: string;
  readonly promql: Promql;
}

const list = (value: unknown): Json[] => (Array.isArray(value) ? (value as Json[]) : []);

const cache = new WeakMap<BuiltDashboard, QueryRef[]>();

/** Every panel target, annotation and variable query of a dashboard, expanded and parsed; once per dashboard. */
export function queriesOf(dashboard: BuiltDashboard): QueryRef[] {
  let refs = cache.get(dashboard);
  if (!refs) {
    refs = collectQueries(dashboard);
    cache.set(dashboard, refs);
  }
  return refs;
}

function collectQueries(dashboard: BuiltDashboard): QueryRef[] {
  const values = variableValues(list((dashboard.json.templating as Json | undefined)?.list));
  const ref = (field: readonly PropertyKey[], what: string, expr: string, panel?: BuiltPanel): QueryRef => {
    const expanded = expandVariables(expr, values);
    return { dashboard, panel, field, what, expr, expanded, promql: parsePromql(expanded) };
  };
  const targets = dashboard.panels.flatMap((panel) =>
    list(panel.json.targets).map((target, i) =>
      ref([...panel.field, 'queries', i], `panel "${String(panel.json.title)}" query ${String(target.refId)}`, String(target.expr ?? ''), panel)));
  const annotations = list((dashboard.json.annotations as Json | undefined)?.list)
    .filter((a) => typeof a.expr === 'string')
    .map((a) => {
      const declared = (dashboard.declaration.annotations ?? []).findIndex((d) => d.name === a.name);
      const field = declared >= 0 ? ['annotations', declared, 'expr'] : ['alertAnnotations'];
      return ref(field, `annotation "${String(a.name)}"`, String(a.expr));
    });
  const variables = list((dashboard.json.templating as Json | undefined)?.list)
    .filter((v) => v.type === 'query')
    .flatMap((v) => {
      // Grafana 10 and later save the query as { query, refId }.
      const text = typeof v.query === 'object' && v.query !== null ? (v.query as Json).query : v.query;
      const promql = variablePromql(String(text ?? ''));
      const i = (dashboard.declaration.variables ?? []).findIndex((d) => d.name === v.name);
      return promql === undefined ? [] : [ref(['variables', i, 'query'], `variable $${String(v.name)}`, promql)];
    });
  return [...targets, ...annotations, ...variables];
}
