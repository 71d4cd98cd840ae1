import type { Finding, LintRule } from '../core/lint.ts';
import type { Site } from '../core/model.ts';
import { alertsOf, recordsOf } from './rules-of.ts';

interface Keyed {
  readonly key: string;
  readonly name: string;
  readonly site: Site;
}

function duplicates(rules: readonly Keyed[], what: string): Finding[] {
  const seen = new Map<string, Site>();
  const found: Finding[] = [];
  for (const rule of rules) {
    const first = seen.get(rule.key);
    if (first) found.push({ site: rule.site, field: [], message: `${what} ${rule.name} is declared twice`, related: first });
    else seen.set(rule.key, rule.site);
  }
  return found;
}

/**
 * Two alerts with one name and label set are one alert identity with two
 * conditions. A recording rule name is often shared by one rule per job, so
 * only an exact copy (same expression too) is a duplicate.
 */
export const ruleDuplicate: LintRule = {
  code: 'rule/duplicate',
  level: 'error',
  description: 'two alerts with the same name and labels, or two identical recording rules',
  check: (model) => [
    ...duplicates(alertsOf(model).map((a) => ({ key: `${a.name}${JSON.stringify(a.labels)}`, name: a.name, site: a.site })), 'alert (same name and labels)'),
    ...duplicates(recordsOf(model).map((r) => ({ key: `${r.name}${JSON.stringify(r.labels)}${r.expr}`, name: r.name, site: r.site })), 'recording rule (same name, labels and expression)'),
  ],
};
