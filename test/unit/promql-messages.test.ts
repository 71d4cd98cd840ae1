import { describe, expect, test } from 'vitest';
import { typeCheck } from '../../generators/promql/types.ts';

/**
 * What the type checker says, word for word, and the type it gives: the
 * messages follow Prometheus' own parser errors (promtool prints those), and a
 * user reads them in the build's diagnostics. test/promql-types.test.ts holds
 * the verdicts against promtool; this table holds the words and the version
 * gates of the target release.
 */
const cases: [string, string, string | null, string[]][] = [
  ['1 == 2', '2.42.0', null, ['comparisons between scalars must use BOOL modifier']],
  ['1 != 2', '2.42.0', null, ['comparisons between scalars must use BOOL modifier']],
  ['1 > 2', '2.42.0', null, ['comparisons between scalars must use BOOL modifier']],
  ['1 < 2', '2.42.0', null, ['comparisons between scalars must use BOOL modifier']],
  ['1 >= 2', '2.42.0', null, ['comparisons between scalars must use BOOL modifier']],
  ['1 <= 2', '2.42.0', null, ['comparisons between scalars must use BOOL modifier']],
  ['1 == bool 2', '2.42.0', 'scalar', []],
  ['1 and 2', '2.42.0', null, ['set operator "and" not allowed in binary scalar expression']],
  ['1 or 2', '2.42.0', null, ['set operator "or" not allowed in binary scalar expression']],
  ['1 unless 2', '2.42.0', null, ['set operator "unless" not allowed in binary scalar expression']],
  ['up and 1', '2.42.0', null, ['set operator "and" not allowed in binary scalar expression']],
  ['1 atan2 up', '2.42.0', 'vector', []],
  ['1 + 2', '2.42.0', 'scalar', []],
  ['up > 5m', '2.42.0', 'vector', ['unexpected duration "5m"']],
  ['up > 5m', '3.0.0', 'vector', []],
  ['up > 1_000', '2.42.0', 'vector', ['bad number or duration syntax: "1"']],
  ['up > 1_000', '3.0.0', 'vector', []],
  ['rate(up[-5m])', '2.42.0', 'vector', ['unexpected "-" in duration: it must be greater than 0']],
  ['rate(up[5m+1m])', '2.42.0', 'vector', ['arithmetic in a duration is experimental: Prometheus runs it only with --enable-feature=promql-duration-expr']],
  ['rate(up[5])', '2.42.0', 'vector', ['missing unit character in duration']],
  ['rate(up[5])', '3.0.0', 'vector', []],
  ['rate(up[1_0s])', '2.42.0', 'vector', ['bad duration syntax: "1"']],
  ['up @ 100', '2.24.0', 'vector', ['the @ modifier needs Prometheus 2.25 or later']],
  ['up @ 100', '2.30.0', 'vector', ['the @ modifier is behind --enable-feature=promql-at-modifier before Prometheus 2.33; the project targets 2.30.0']],
  ['up @ 100', '2.33.0', 'vector', []],
  ['up offset -5m', '2.25.0', 'vector', ['a negative offset needs Prometheus 2.26 or later']],
  ['up offset -5m', '2.32.0', 'vector', ['a negative offset is behind --enable-feature=promql-negative-offset before Prometheus 2.33; the project targets 2.32.0']],
  ['up offset - 5m', '2.33.0', 'vector', []],
  ['up offset 5m', '2.20.0', 'vector', []],
  ['rate(up[5m] offset -1h)', '2.42.0', 'vector', []],
  ['up @ start()', '2.42.0', 'vector', []],
  ['rate(up[5m]) @ end()', '2.42.0', null, ['@ modifier must be preceded by an instant vector selector or range vector selector or a subquery']],
  ['vector(1) offset 5m', '2.42.0', null, ['offset modifier must be preceded by an instant vector selector or range vector selector or a subquery']],
  ['1 + up offset 5m', '2.42.0', 'vector', []],
  ['up[5m]', '2.42.0', 'matrix', []],
  ['"text"', '2.42.0', 'string', []],
  ['rate(up)', '2.42.0', 'vector', ['expected type range vector in call to function "rate", got instant vector']],
  ['rate(up[5m], 1)', '2.42.0', null, ['expected 1 argument(s) in call to "rate", got 2']],
  ['label_replace(up, "a")', '2.42.0', null, ['expected 5 argument(s) in call to "label_replace", got 2']],
  ['round(up, 1, 2)', '2.42.0', null, ['expected at most 2 argument(s) in call to "round", got 3']],
  ['time(1)', '2.42.0', null, ['expected 0 argument(s) in call to "time", got 1']],
  ['days_in_month()', '2.42.0', 'vector', []],
  ['sort_by_label(up, "a")', '2.42.0', null, ['function "sort_by_label" needs Prometheus 2.51.0 or later; the project targets 2.42.0']],
  ['sort_by_label(up, "a")', '3.0.0', null, ['function "sort_by_label" is experimental: Prometheus runs it only with --enable-feature=promql-experimental-functions']],
  ['holt_winters(up[5m], 0.5, 0.5)', '3.0.0', null, ['function "holt_winters" is gone after Prometheus 2.55.1; the project targets 3.0.0']],
  ['double_exponential_smoothing(up[5m], 0.5, 0.5)', '2.42.0', null, ['function "double_exponential_smoothing" needs Prometheus 3.0.0 or later; the project targets 2.42.0']],
  ['limitk(1, up)', '2.42.0', null, ['aggregation "limitk" needs Prometheus 2.54.0 or later; the project targets 2.42.0']],
  ['limitk(1, up)', '3.0.0', null, ['aggregation "limitk" is experimental: Prometheus runs it only with --enable-feature=promql-experimental-functions']],
  ['quantile("x", up)', '2.42.0', 'vector', ['expected type scalar in aggregation parameter, got string']],
  ['topk(up, up)', '2.42.0', 'vector', ['expected type scalar in aggregation parameter, got instant vector']],
  ['count_values(1, up)', '2.42.0', 'vector', ['expected type string in aggregation parameter, got scalar']],
  ['up + on (job) group_left (job) up', '2.42.0', 'vector', ['label "job" must not occur in ON and GROUP clause at once']],
  ['up[5m:1m][5m:1m]', '2.42.0', null, ['subquery is only allowed on instant vector, got range vector instead']],
  ['rate(up[5m])[5m]', '2.42.0', null, ['ranges only allowed for vector selectors']],
  ['(up)[5m]', '2.42.0', null, ['ranges only allowed for vector selectors']],
  ['-up[5m]', '2.42.0', null, ['unary expression only allowed on expressions of type scalar or instant vector, got range vector']],
];

describe('the type checker\'s words and version gates', () => {
  test.each(cases)('%s (Prometheus %s)', (expr, version, type, messages) => {
    const typed = typeCheck(expr, version);
    expect(typed.problems.map((p) => p.message)).toEqual(messages);
    expect(typed.type ?? null).toBe(type);
  });
});
