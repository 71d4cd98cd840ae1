import { aggregations, functions, typeName } from '../promql/functions.ts';
import { parsePromql } from '../promql/parse.ts';
import { nonInstantResult, typeCheck } from '../promql/types.ts';
import type { Diagnostic } from './diagnostic.ts';
import { locateSite } from './locate.ts';
import type { AlertModel, Model, RuleGroupModel, Site } from './model.ts';
import { joinSubject } from './schema-issues.ts';

/** Errors promtool would raise: PromQL syntax, repeated group names, tests that cannot pass as written. */
export function checkRules(model: Model): Diagnostic[] {
  const version = model.project.targets.prometheus;
  return model.services.flatMap((service) => [
    ...repeatedGroups(service.ruleGroups),
    ...service.ruleGroups.flatMap((group) => {
      // An SLO's rules and scenario series are its SLI's selectors in fixed templates: the SLO checks report a bad one once, where it was written.
      if (group.fromSlo) return group.alerts.flatMap((a) => testAnnotations(a));
      return [
        ...group.records.flatMap((r) => [...expression(r.site, r.expr, version), ...r.tests.flatMap((t, i) => seriesSyntax(r.site, i, t.series))]),
        ...group.alerts.flatMap((a) => [...expression(a.site, a.expr, version), ...a.tests.flatMap((t, i) => seriesSyntax(a.site, i, t.series)), ...testAnnotations(a)]),
      ];
    }),
  ]);
}

/** A rule's expression as Prometheus reads it: the grammar, the type rules, and a result a rule can record or alert on. */
function expression(site: Site, expr: string, version: string): Diagnostic[] {
  const problems = syntax(site, expr);
  if (problems.length > 0) return problems;
  const typed = typeCheck(expr, version);
  const found = typed.problems.map((p) => error(site, ['expr'], 'promql/type', `${p.message} at ${positionIn(expr, p.at)} of the expression: ${expr.trim()}`));
  const result = nonInstantResult(typed);
  if (result) found.push(error(site, ['expr'], 'promql/result-type', `a rule's expression must give an instant vector or a scalar, not a ${typeName[result]}: ${expr.trim()}`));
  return found;
}

/** `column 12`, or `line 2, column 3` for a multi-line expression. */
export function positionIn(expr: string, offset: number): string {
  const before = expr.slice(0, offset).split('\n');
  return before.length > 1 ? `line ${before.length}, column ${before.at(-1)!.length + 1}` : `column ${offset + 1}`;
}

function error(site: Site, field: readonly PropertyKey[], code: string, message: string): Diagnostic {
  return { severity: 'error', code, location: locateSite(site, field), subject: joinSubject(site.subject, field), message };
}

function syntax(site: Site, expr: string): Diagnostic[] {
  const { error: problem } = parsePromql(expr);
  if (!problem) return [];
  const where = problem.line > 1 ? `line ${problem.line}, column ${problem.column}` : `column ${problem.column}`;
  return [error(site, ['expr'], 'promql/syntax', `${problem.message} at ${where} of the expression: ${expr.trim()}`)];
}

function repeatedGroups(groups: readonly RuleGroupModel[]): Diagnostic[] {
  const seen = new Set<string>();
  return groups.flatMap((group) => {
    if (!seen.has(group.name)) {
      seen.add(group.name);
      return [];
    }
    return [error(group.site, ['name'], 'rule/duplicate-group', `group ${group.name} is already declared for this service; promtool rejects repeated group names in one file`)];
  });
}

/** `metric{label="value", ...}` with no escapes: a series selector without parsing it (tests hold thousands of them). */
const SIMPLE_SERIES = /^([a-zA-Z_:][a-zA-Z0-9_:]*)\{(?:([a-zA-Z_][a-zA-Z0-9_]*)="[^"\\]*"(?:, ?(?=[a-zA-Z_])|(?=\})))*\}$/;
const KEYWORDS = new Set(['and', 'or', 'unless', 'by', 'without', 'on', 'ignoring', 'group_left', 'group_right', 'bool', 'offset', 'start', 'end', 'atan2', 'inf', 'nan']);

function simpleSeries(selector: string): boolean {
  const metric = SIMPLE_SERIES.exec(selector)?.[1];
  return metric !== undefined && !KEYWORDS.has(metric.toLowerCase()) && !(metric in functions) && !(metric in aggregations);
}

/** Input series of a test are series selectors: `metric{label="value"}`. */
function seriesSyntax(site: Site, test: number, series: Readonly<Record<string, string>>): Diagnostic[] {
  return Object.keys(series)
    .filter((selector) => {
      if (simpleSeries(selector)) return false;
      const parsed = parsePromql(selector);
      return parsed.error || parsed.selectors.length !== 1 || parsed.selectors[0]!.text !== selector.trim();
    })
    .map((selector) => error(site, ['tests', test, 'series'], 'test/series', `${JSON.stringify(selector)} is not a series selector such as up{job="api"}`));
}

/**
 * promtool compares every annotation of a firing alert. Static ones are
 * filled in by the compiler; templated ones must be written, rendered, in the test.
 */
function testAnnotations(alert: AlertModel): Diagnostic[] {
  const templated = Object.keys(alert.annotations).filter((name) => alert.annotations[name]!.includes('{{'));
  return alert.tests.flatMap((test, t) =>
    [...test.fires, ...(test.alsoAt ?? []).flatMap((a) => a.fires)].flatMap((expected, e) => {
      const given = Object.keys(expected.annotations ?? {});
      const missing = templated.filter((name) => !given.includes(name));
      const unknown = given.filter((name) => !(name in alert.annotations));
      const field = ['tests', t, 'fires', e];
      return [
        ...(missing.length > 0 ? [error(alert.site, field, 'test/annotations', `give the rendered text of the templated annotation(s) ${missing.join(', ')}`)] : []),
        ...unknown.map((name) => error(alert.site, [...field, 'annotations', name], 'test/annotations', `the alert has no annotation ${name}`)),
      ];
    }));
}
