import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { describe, expect, test } from 'vitest';
import { aggregations, functions, type ValueType } from '../generators/promql/functions.ts';
import { parsePromql } from '../generators/promql/parse.ts';
import { seriesCount } from '../generators/promql/series.ts';
import { typeCheck } from '../generators/promql/types.ts';
import { runTool } from './support/tools.ts';

/** The installed promtool's release: every verdict below is its parser's, recorded when the test runs. */
const INSTALLED = '2.42.0';

/** Expressions on both sides of each rule Prometheus checks after the grammar. */
const written = [
  // selectors
  'up', 'up{job="api"}', '{job="api"}', '{__name__="up"}', '{__name__=~"up|down"}', '{a=""}', '{a=~".*"}', '{a!=""}', '{a!~".+"}', '{a=~".+"}',
  'up{__name__="up"}', 'x{a=~"(?=b)"}', 'x{a=~"(?!b)c"}', 'x{a=~"(?<=b)c"}', 'x{a=~"(?<n>b)"}', 'x{a=~"(?P<n>b)"}', 'x{a=~"(b)\\\\1"}',
  'x{a=~"b|c"}', 'x{a=~"[a-z]+"}', 'x{a=~"\\\\d+"}', 'x{a!~"5.."}', 'x{a=~"(b"}',
  // ranges and subqueries
  'x[5m]', 'x[0s]', 'x[1h30m]', '(x)[5m]', 'sum(x)[5m]', 'rate(x[5m])[5m]', 'x[5m][5m]', 'x[5m:]', 'x[5m:1m]', 'sum(x)[5m:1m]',
  'rate(x[5m])[10m:1m]', 'x[5m][10m:]', '"a"[5m:]', '1[5m:]', 'x[0s:1m]', 'rate(sum(x)[5m:])', 'max_over_time(rate(x[5m])[1h:5m])',
  // offset and @
  'x offset 5m', 'x offset -5m', 'x[5m] offset 5m', 'rate(x[5m] offset 1h)', 'x[5m:] offset 5m', '(x) offset 5m', 'sum(x) offset 5m',
  'x @ 100', 'x @ start()', 'x @ end()', 'x[5m] @ 100', 'x offset 5m @ 100', 'x @ 100 offset 5m', 'sum(x) @ 100', 'rate(x[5m]) @ 100',
  // unary
  '-x', '-1', '+x', '-"a"', '-x[5m]', '-(x)', '-sum(x)',
  // binary arithmetic and comparison
  'x + y', 'x + 1', '1 + x', '1 + 1', 'x > 1', '1 > x', '1 > 2', '1 > bool 2', 'x > bool 1', 'x + bool 1', 'x / on(a) y', 'x / ignoring(a) y',
  'x / on(a) group_left y', 'x / on(a) group_left(b) y', 'x / on(a) group_right(b) y', 'x / on(a) group_left(a) y', 'x / ignoring(a) group_left(a) y',
  '1 + on(a) x', 'x + on(a) 1', 'x + "a"', '"a" + "b"', 'x[5m] + 1', 'x ^ 2', 'x % 3', 'x atan2 y', '1 atan2 2', 'x == y', 'x != bool y',
  'x > 5m', '5m', 'x * 1e3', 'x * Inf', 'x * NaN', 'x * 0x1f',
  // set operators
  'x and y', 'x or y', 'x unless y', 'x and 1', '1 or x', '1 and 2', 'x and on(a) y', 'x and on(a) group_left y', 'x or ignoring(a) y', 'x unless on() y',
  'x and bool y',
  // functions: arity and types
  'rate(x)', 'rate(x[5m], 1)', 'rate()', 'abs(x[5m])', 'abs(1)', 'abs("a")', 'histogram_quantile(0.9, x)', 'histogram_quantile(x, 0.9)',
  'histogram_quantile(0.9, rate(x[5m]))', 'round(x)', 'round(x, 5)', 'round(x, 5, 1)', 'label_replace(x, "a", "$1", "b", "(.*)")',
  'label_replace(x, "a", "$1", "b")', 'label_join(x, "a", ",")', 'label_join(x, "a", ",", "b")', 'label_join(x, "a", ",", "b", "c", "d")',
  'time()', 'time(x)', 'vector(1)', 'vector(x)', 'scalar(x)', 'scalar(x) > 1', 'scalar(x) > bool 1', 'day_of_week()', 'day_of_week(x)',
  'day_of_week(x, y)', 'clamp(x, 0, 1)', 'clamp(x, 0)', 'predict_linear(x[1h], 3600)', 'predict_linear(x, 3600)', 'quantile_over_time(0.9, x[5m])',
  'quantile_over_time(x[5m], 0.9)', 'absent(x)', 'absent(x[5m])', 'absent_over_time(x[5m])', 'pi()', 'pi() * 2', 'timestamp(x)',
  'sort_desc(sum by (a) (x))', 'sgn(x)',
  // aggregations
  'sum(x)', 'sum(x[5m])', 'sum(1)', 'sum by (a) (x)', 'sum without (a) (x)', 'sum(x) by (a)', 'sum by () (x)', 'topk(3, x)', 'topk(x)',
  'topk("3", x)', 'topk(3, x[5m])', 'bottomk(1, x)', 'quantile(0.9, x)', 'quantile(x, 0.9)', 'count_values("v", x)', 'count_values(1, x)',
  'count_values("v")', 'group(x)', 'stddev(x)', 'stdvar(x)', 'avg(x, y)', 'count(rate(x[5m]))', 'max by (a) (x) / on(a) min by (a) (y)',
  // comments and line breaks in every gap (issue 33): never an argument, operand or matcher
  'sum by (job) ( # a comment\n rate(a[4m]) or rate(b[4m]) )',
  'label_replace(\n  label_replace(x, "a", "$1", "b", "(.*)"),\n  # a comment\n  "dst", "$1", "src", "(.*)"\n)',
  'rate( # before the first\n x[5m])', 'rate(x[5m] # after the last\n)', 'clamp(x, # between\n 0, 1)', 'topk( # first\n 3, # second\n x # last\n)',
  'sum by ( # inside by\n job, # between labels\n instance # last\n) (x)', 'sum(x) without (a # a comment\n)',
  'x{ # inside braces\n job="a", # between matchers\n instance!="b" # last\n}', 'x{job # a comment\n= # a comment\n"a"}',
  'x + # after the operator\n y', 'x / on( # a comment\n a) group_left( # a comment\n b) y', 'x > bool # a comment\n 1',
  'x offset # before the duration\n 5m', 'x # before offset\n offset 5m', 'x @ # a comment\n 100', 'x[5m # after the range\n]',
  'x[5m: # after the colon\n 1m]', 'x[ # right after the bracket\n 5m]', 'rate(x[ # a comment\n 5m:])', '# a first line\nup', 'up # a last line',
  'sum( # one\n # two\n x)', 'count_values( # a comment\n "v", x)', 'histogram_quantile(0.9, # a comment\n sum by (le) (rate(x[5m])))',
  // precedence: a range, subquery, offset or @ binds tighter than a sign or a binary operator
  '-x offset 5m', '-x @ 100', '- - x @ end()', '1 + x[5m:]', 'x + -y[5m:]', '-x[5m:]', 'max_over_time(-x[5m:])', '-x + y offset 5m',
  '1 + x[5m]', 'x @ start() [5m]', 'x @ 100 [5m]', 'x offset 5m [5m]', 'x offset 5m offset 1m', 'x @ 100 @ 200', 'x @ start() [5m] @ 100',
  // numbers, durations and regexes as 2.42 reads them
  '5.', '5.e3', '1_000', 'x > 0x1_f', '- 1h', 'x[5]', 'x[-5m]', 'x[5m:-1m]', 'x offset 5', 'x offset 0s', 'x offset -5m', 'x[1.5m]', 'x[30s1m]',
  'x{a=~"(?i)b"}', 'x{a=~"[[:alpha:]]+"}', 'x{a=~"\\\\pL"}', 'x{a=~"a++"}', 'x{a=~"a{1001}"}', 'holt_winters(x[5m], 0.5, 0.5)', '1 + on() 2', '1 + on(a) 2',
  // the issue's report
  'x / max by (job, instance) (pg_settings_max_connections) > 0.8[5m]',
  'x / max by (job, instance) (pg_settings_max_connections) > 0.8',
];

/** One call of every function and aggregation the table knows, with arguments of the declared types. */
const sample: Readonly<Record<ValueType, string>> = { vector: 'x', matrix: 'x[5m]', scalar: '1', string: '"a"' };
const calls = [
  ...Object.entries(functions).map(([name, f]) => `${name}(${f.args.map((t) => sample[t]).join(', ')})`),
  ...Object.entries(aggregations).map(([name, a]) => `${name}(${a.param ? `${sample[a.param]}, ` : ''}x)`),
];

const expressions = [...new Set([...written, ...calls])];

/** Our verdict for a 2.42 target: the grammar, then the type checks. */
function ours(expr: string): boolean {
  const parsed = parsePromql(expr);
  return !parsed.error && typeCheck(expr, INSTALLED).problems.length === 0;
}

/** promtool's verdict: the expression as a recording rule, checked by the installed Prometheus parser. */
function promtools(expr: string): boolean {
  const dir = mkdtempSync(join(tmpdir(), 'monac-promql-'));
  writeFileSync(join(dir, 'rules.yml'), stringify({ groups: [{ name: 'g', rules: [{ record: 'r', expr }] }] }, { lineWidth: 0 }));
  const result = runTool('promtool', ['check', 'rules', 'rules.yml'], dir);
  if (result.status !== 0 && result.status !== 1) throw new Error(`promtool ended with ${result.status}: ${result.stderr}`);
  return result.status === 0;
}

describe(`PromQL type checks agree with promtool ${INSTALLED}`, () => {
  test('the table holds at least 150 expressions, accepted and refused, and a call of every function', () => {
    expect(expressions.length).toBeGreaterThanOrEqual(150);
    expect(calls.length).toBeGreaterThan(70);
  });

  const verdicts = expressions.map((expr) => ({ expr, promtool: promtools(expr) }));

  test('promtool both accepts and refuses expressions of the table', () => {
    expect(verdicts.filter((v) => v.promtool).length).toBeGreaterThan(50);
    expect(verdicts.filter((v) => !v.promtool).length).toBeGreaterThan(50);
  });

  test.each(verdicts)('$expr: promtool accepts = $promtool', ({ expr, promtool }) => {
    const problems = parsePromql(expr).error ? [parsePromql(expr).error!.message] : typeCheck(expr, INSTALLED).problems.map((p) => p.message);
    expect(ours(expr), `our findings: ${JSON.stringify(problems)}`).toBe(promtool);
  });
});

describe('version awareness', () => {
  test('a function newer than the target is refused, and accepted for a target that has it', () => {
    expect(typeCheck('histogram_stddev(x)', '2.42.0').problems.map((p) => p.message)).toEqual(['function "histogram_stddev" needs Prometheus 2.50.0 or later; the project targets 2.42.0']);
    expect(typeCheck('histogram_stddev(x)', '2.50.0').problems).toEqual([]);
  });

  test('a duration where a number goes is 3.x syntax', () => {
    expect(typeCheck('x > 5m', '2.42.0').problems).toHaveLength(1);
    expect(typeCheck('x > 5m', '3.0.0').problems).toEqual([]);
  });
});

describe('how many series a scaling query gives', () => {
  test.each([
    ['sum(rate(x[2m]))', 'one'],
    ['histogram_quantile(0.95, sum by (le) (rate(x_bucket[2m])))', 'one'],
    ['sum(x) / sum(y)', 'one'],
    ['ceil(sum(x))', 'one'],
    ['vector(1)', 'one'],
    ['sum by (job) (x)', 'many'],
    ['sum without (pod) (x)', 'many'],
    ['histogram_quantile(0.95, sum by (le, job) (rate(x_bucket[2m])))', 'many'],
    ['sum(x) / sum by (job) (y)', 'many'],
    ['x{job="a"}', 'unknown'],
  ] as const)('%s gives %s', (expr, expected) => {
    expect(seriesCount(expr).count).toBe(expected);
  });
});
