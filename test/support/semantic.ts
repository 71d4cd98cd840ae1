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
      const rules = (group.rules as Rule[] | undefined) ?? [];
      const alerts = rules.filter((r) => 'alert' in r).map(ruleView);
      alerts.sort((a, b) => JSON.stringify([a.alert, a.labels]).localeCompare(JSON.stringify([b.alert, b.labels])));
      groups.set(String(group.name), {
        interval: group.interval,
        limit: group.limit,
        records: rules.filter((r) => 'record' in r).map(ruleView),
        alerts,
      });
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
