import type { Finding, LintRule } from '../core/lint.ts';
import type { Site } from '../core/model.ts';
import { alertsOf, recordsOf } from './rules-of.ts';

function duplicates(rules: readonly { name: string; labels: Readonly<Record<string, string>>; site: Site }[], what: string): Finding[] {
  const seen = new Map<string, Site>();
  const found: Finding[] = [];
  for (const rule of rules) {
    const key = `${rule.name}${JSON.stringify(rule.labels)}`;
    const first = seen.get(key);
    if (first) found.push({ site: rule.site, field: [], message: `${what} ${rule.name} is declared twice with the same labels`, related: first });
    else seen.set(key, rule.site);
  }
  return found;
}

/** Two rules producing the same series or alert overwrite each other. */
export const ruleDuplicate: LintRule = {
  code: 'rule/duplicate',
  level: 'error',
  description: 'two alerts, or two recording rules, with the same name and labels',
  check: (model) => [...duplicates(alertsOf(model), 'alert'), ...duplicates(recordsOf(model), 'recording rule')],
};
