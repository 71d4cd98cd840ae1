import type { Diagnostic } from './diagnostic.ts';
import { locateSite } from './locate.ts';
import type { Model, Site } from './model.ts';
import { joinSubject } from './schema-issues.ts';

/** What a lint rule reports: a field of a model element and what is wrong with it. */
export interface Finding {
  readonly site: Site;
  readonly field: readonly PropertyKey[];
  readonly message: string;
  /** The other declaration involved, such as the first of two duplicates. */
  readonly related?: Site | undefined;
}

/** A lint rule: one file in generators/lint/, named after its code. */
export interface LintRule {
  /** `area/what`; the key users set in the project's `lint` settings. */
  readonly code: string;
  /** Level when the project does not set one. */
  readonly level: 'warning' | 'error';
  /** One line for the lint rule tables of docs/ (npm run docs writes them). */
  readonly description: string;
  check(model: Model): readonly Finding[];
}

/** Runs every rule at the level the project sets for it (`off` skips it). */
export function lint(model: Model, rules: readonly LintRule[]): Diagnostic[] {
  const known = new Set(rules.map((rule) => rule.code));
  const unknown: Diagnostic[] = Object.keys(model.project.lint)
    .filter((code) => !known.has(code))
    .map((code) => ({
      severity: 'error',
      code: 'lint/unknown-rule',
      location: locateSite(model.project.site, ['lint', code]),
      subject: joinSubject('project', ['lint', code]),
      message: `no lint rule is called ${JSON.stringify(code)}; known rules: ${[...known].sort().join(', ')}`,
    }));
  const findings = rules.flatMap((rule) => {
    const level = model.project.lint[rule.code] ?? rule.level;
    if (level === 'off') return [];
    return rule.check(model).map((finding): Diagnostic => ({
      severity: level,
      code: rule.code,
      location: locateSite(finding.site, finding.field),
      subject: joinSubject(finding.site.subject, finding.field),
      message: finding.message,
      related: finding.related && { location: locateSite(finding.related), subject: finding.related.subject },
    }));
  });
  return [...unknown, ...findings];
}
