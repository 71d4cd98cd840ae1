import { sep } from 'node:path';
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
  return [...unknown, ...upstream(findings, model)];
}

/** Lint rules about correctness: what Prometheus or Grafana cannot run stays an error in a pack's content too. */
const correctness = new Set(['dashboard/promql']);

/**
 * Findings in a pack's upstream content: style is upstream's, and the user
 * cannot change it without forking, so a style finding there is a warning,
 * said once per pack and rule with how many more there are; correctness
 * findings keep their level.
 */
function upstream(findings: readonly Diagnostic[], model: Model): Diagnostic[] {
  const packOf = (d: Diagnostic) => model.project.packs.find((p) => d.location && d.location.file.startsWith(p.folder + sep));
  const counted = new Map<string, { first: Diagnostic; pack: string; more: number }>();
  const out: Diagnostic[] = [];
  for (const finding of findings) {
    const pack = correctness.has(finding.code) ? undefined : packOf(finding);
    if (!pack) {
      out.push(finding);
      continue;
    }
    // Overlapping panels are told once per dashboard: Grafana moves them down on load, and the positions are kept.
    const per = finding.code === 'dashboard/overlap' ? finding.subject.split('.')[0] : '';
    const key = `${pack.name}\0${finding.code}\0${per}`;
    const seen = counted.get(key);
    if (seen) seen.more++;
    else counted.set(key, { first: finding, pack: pack.name, more: 0 });
  }
  for (const { first, pack, more } of counted.values()) {
    const others = more > 0 ? ` (and ${more} more like it${first.code === 'dashboard/overlap' ? ' in this dashboard' : ''})` : '';
    const kept = first.code === 'dashboard/overlap' ? '; the positions are kept, and Grafana moves overlapping panels down when it loads the dashboard' : '';
    out.push({ ...first, severity: 'warning', message: `${first.message}${others}${kept}; upstream content of pack ${pack}, reported as a warning: override it in the pack, or set lint: { '${first.code}': 'off' }` });
  }
  return out;
}
