/**
 * Semantic views of generated or imported configuration, for round-trip
 * comparisons: formatting, key order, file placement and rule order within a
 * group's alerts do not matter; expressions are compared through the PromQL
 * parser.
 */
import { parser } from '@prometheus-io/lezer-promql';
import { parse } from 'yaml';

/** An expression as the parser's leaf tokens, one space apart: whitespace and line breaks do not count. */
export function canonicalPromql(expr: string): string {
  const tokens: string[] = [];
  const cursor = parser.parse(expr).cursor();
  do {
    if (!cursor.node.firstChild) tokens.push(expr.slice(cursor.from, cursor.to));
  } while (cursor.next());
  return tokens.filter((t) => t.trim() !== '').join(' ');
}

/**
 * An expression's syntax tree as text, parentheses around whole expressions
 * left out: `(a) - (b)` and `a - b` print alike, `a - (b or c)` and
 * `a - b or c` do not (the tree holds the grouping).
 */
export function promqlTree(expr: string): string {
  const print = (cursor: ReturnType<ReturnType<typeof parser.parse>['cursor']>): string => {
    if (cursor.name === 'ParenExpr') {
      cursor.firstChild();
      const inner = print(cursor);
      cursor.parent();
      return inner;
    }
    if (!cursor.firstChild()) return expr.slice(cursor.from, cursor.to);
    const parts: string[] = [];
    do parts.push(print(cursor)); while (cursor.nextSibling());
    cursor.parent();
    return `${cursor.name}(${parts.join(' ')})`;
  };
  return print(parser.parse(expr).cursor());
}

type Rule = Record<string, unknown>;

function ruleView(rule: Rule): Rule {
  return { ...rule, expr: canonicalPromql(String(rule.expr)) };
}

/** Every rule group of a set of rule files, by name: interval, limit, recording rules in order, alerts by name then labels. */
export function ruleGroups(files: readonly string[]): Map<string, Rule> {
  const groups = new Map<string, Rule>();
  for (const text of files) {
    const doc = parse(text) as { groups?: Rule[]; spec?: { groups?: Rule[] } } | null;
    for (const group of doc?.groups ?? doc?.spec?.groups ?? []) {
      // Groups of one name in several files (one per service, as the importer splits a mixed group) count as one.
      const seen = groups.get(String(group.name)) as { records: Rule[]; alerts: Rule[] } | undefined;
      const rules = (group.rules as Rule[] | undefined) ?? [];
      const alerts = [...(seen?.alerts ?? []), ...rules.filter((r) => 'alert' in r).map(ruleView)];
      alerts.sort((a, b) => JSON.stringify([a.alert, a.labels]).localeCompare(JSON.stringify([b.alert, b.labels])));
      const records = [...(seen?.records ?? []), ...rules.filter((r) => 'record' in r).map(ruleView)];
      if (seen) records.sort((a, b) => JSON.stringify([a.record, a.labels, a.expr]).localeCompare(JSON.stringify([b.record, b.labels, b.expr])));
      groups.set(String(group.name), { interval: group.interval, limit: group.limit, records, alerts });
    }
  }
  return groups;
}

/** A Prometheus configuration's scrape jobs by name. */
export function scrapeJobs(text: string): Map<string, Rule> {
  const config = parse(text) as { scrape_configs?: Rule[] };
  return new Map((config.scrape_configs ?? []).map((job) => [String(job.job_name), job]));
}

/** Label sets of every alert in a set of rule files: the alerts' own labels plus alertname. */
export function alertLabelSets(files: readonly string[]): Record<string, string>[] {
  const sets: Record<string, string>[] = [];
  for (const group of ruleGroups(files).values()) {
    for (const alert of group.alerts as Rule[]) sets.push({ alertname: String(alert.alert), ...(alert.labels as Record<string, string> | undefined) });
  }
  return sets;
}

/** A scrape job with Prometheus' defaults filled in and the given target labels left out, so a spelled default and a left-out one compare equal. */
export function scrapeJobView(given: Rule, global: { interval: string; timeout: string }, without: readonly string[] = []): Rule {
  let job = given;
  const seconds = (d: string) => Number(/^(\d+)s$/.exec(d)?.[1] ?? Number(/^(\d+)m$/.exec(d)?.[1] ?? 0) * 60);
  const interval = (job.scrape_interval as string | undefined) ?? global.interval;
  const statics = ((job.static_configs as Rule[] | undefined) ?? []).map((group) => {
    const labels = Object.fromEntries(Object.entries((group.labels as Record<string, string> | undefined) ?? {}).filter(([k]) => !without.includes(k)));
    return { ...group, labels: Object.keys(labels).length > 0 ? labels : undefined } as Rule;
  }).filter((group) => group.targets !== undefined || group.labels !== undefined);
  const fileSd = (job.file_sd_configs as Rule[] | undefined)?.map((sd) => ({ refresh_interval: '5m', ...sd }));
  // bearer_token_file is Prometheus' older spelling of authorization.credentials_file.
  const { bearer_token_file: bearer, ...rest } = job;
  if (bearer !== undefined) job = { ...rest, authorization: { credentials_file: bearer } };
  // The service and team labels of discovered targets are set by relabelling: they count as those labels.
  const relabel = (job.relabel_configs as Rule[] | undefined)?.filter((rule) =>
    !(without.includes(String(rule.target_label)) && Object.keys(rule).every((k) => k === 'replacement' || k === 'target_label')));
  job = { ...job, relabel_configs: relabel && relabel.length > 0 ? relabel : undefined };
  return JSON.parse(JSON.stringify({
    metrics_path: '/metrics',
    scheme: 'http',
    honor_labels: false,
    ...job,
    scrape_interval: interval,
    scrape_timeout: (job.scrape_timeout as string | undefined) ?? (seconds(global.timeout) > seconds(interval) ? interval : global.timeout),
    static_configs: statics.length > 0 ? statics : undefined,
    file_sd_configs: fileSd,
  })) as Rule;
}

/**
 * What a dashboard shows: its panels (rows included, by position) with their
 * type, title, place, queries, unit, thresholds and value mappings, and its
 * variables. The old graph panel counts as the time series Grafana migrates it to.
 */
export function dashboardView(dashboard: Rule): Rule {
  const all = ((dashboard.panels as Rule[] | undefined) ?? []).flatMap((p) => [p, ...((p.panels as Rule[] | undefined) ?? [])]);
  const defaults = (p: Rule) => ((p.fieldConfig as Rule | undefined)?.defaults as Rule | undefined) ?? {};
  const panels = all.map((p) => ({
    type: p.type === 'graph' ? 'timeseries' : p.type,
    title: p.title,
    gridPos: p.gridPos,
    queries: ((p.targets as Rule[] | undefined) ?? []).map((t) => [canonicalPromql(String(t.expr ?? '')), t.legendFormat ?? '']),
    unit: p.type === 'heatmap' ? ((p.options as Rule | undefined)?.yAxis as Rule | undefined)?.unit : p.type === 'graph' ? ((p.yaxes as Rule[] | undefined)?.[0]?.format) : defaults(p).unit,
    thresholds: ((defaults(p).thresholds as Rule | undefined)?.steps as Rule[] | undefined)?.map((s) => [s.color, s.value ?? null]),
    mappings: defaults(p).mappings,
  })).sort((a, b) => JSON.stringify([(a.gridPos as Rule).y, (a.gridPos as Rule).x]).localeCompare(JSON.stringify([(b.gridPos as Rule).y, (b.gridPos as Rule).x])));
  const variables = (((dashboard.templating as Rule | undefined)?.list as Rule[] | undefined) ?? [])
    .filter((v) => v.type !== 'datasource')
    .map((v) => ({ name: v.name, type: v.type, query: typeof v.query === 'object' && v.query !== null ? (v.query as Rule).query : v.query }));
  return JSON.parse(JSON.stringify({ title: dashboard.title, tags: dashboard.tags ?? [], time: dashboard.time, refresh: dashboard.refresh, variables, panels })) as Rule;
}
