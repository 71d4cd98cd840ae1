/** A pack's selector added to the queries of an upstream dashboard, as JSON, before it is read. */
import { placeholderQuery, variablePromql } from '../../generators/grafana/queries.ts';
import { addMatchers } from '../../generators/promql/inject.ts';

type Json = Record<string, unknown>;

const isRecord = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * A query with the matchers added to each of its selectors; Grafana's
 * variables stay as written. A variable query (`label_values(up{job="x"},
 * instance)`) gets them in its PromQL part.
 */
export function withSelector(query: string, matchers: string, variable = false): string {
  if (variable) {
    const promql = variablePromql(query);
    if (promql === undefined) return query;
    const at = query.indexOf(promql);
    return at < 0 ? query : query.slice(0, at) + withSelector(promql, matchers) + query.slice(at + promql.length);
  }
  const { text, opaque } = placeholderQuery(query);
  return addMatchers(query, matchers, text, opaque);
}

/** The dashboard with the matchers added to every panel target, annotation query and query variable (rows' panels included). */
export function dashboardWithSelector(dashboard: Json, matchers: string): Json {
  const panel = (p: unknown): unknown => {
    if (!isRecord(p)) return p;
    const out: Json = { ...p };
    if (Array.isArray(p.targets)) out.targets = p.targets.map((t) => (isRecord(t) && typeof t.expr === 'string' ? { ...t, expr: withSelector(t.expr, matchers) } : t));
    if (Array.isArray(p.panels)) out.panels = p.panels.map(panel);
    return out;
  };
  const out: Json = { ...dashboard };
  if (Array.isArray(dashboard.panels)) out.panels = dashboard.panels.map(panel);
  if (isRecord(dashboard.annotations) && Array.isArray(dashboard.annotations.list)) {
    out.annotations = { ...dashboard.annotations, list: dashboard.annotations.list.map((a) => (isRecord(a) && typeof a.expr === 'string' ? { ...a, expr: withSelector(a.expr, matchers) } : a)) };
  }
  if (isRecord(dashboard.templating) && Array.isArray(dashboard.templating.list)) {
    out.templating = {
      ...dashboard.templating,
      list: dashboard.templating.list.map((v) => {
        if (!isRecord(v) || v.type !== 'query') return v;
        const variable: Json = { ...v };
        if (typeof v.query === 'string') variable.query = withSelector(v.query, matchers, true);
        if (isRecord(v.query) && typeof v.query.query === 'string') variable.query = { ...v.query, query: withSelector(v.query.query, matchers, true) };
        if (typeof v.definition === 'string') variable.definition = withSelector(v.definition, matchers, true);
        return variable;
      }),
    };
  }
  return out;
}
