import { describe, expect, test } from 'vitest';
import { parsePromql, shapeOf } from '../../generators/promql/parse.ts';
import { typeCheck } from '../../generators/promql/types.ts';

describe('PromQL analysis', () => {
  test.each([
    ['sum(rate(x[5m])) by', 1, 20, 'unexpected end of expression'],
    ['foo(bar)', 1, 4, 'unexpected "("'],
    ['rate(x[5m]', 1, 11, 'unexpected end of expression'],
    ['up ==\n  ', 1, 6, 'unexpected end of expression'],
  ])('reports the syntax error of %j at line %d, column %d', (expr, line, column, message) => {
    const { error } = parsePromql(expr);
    expect(error).toBeDefined();
    expect(error!.message).toBe(message);
    expect([error!.line, error!.column]).toEqual([line, column]);
  });

  test('accepts valid expressions', () => {
    for (const expr of ['up == 0', 'histogram_quantile(0.95, sum by (le) (rate(x_bucket[5m]))) > 0.2', 'absent(up{job="a"})', 'rate(x[5m:1m]) offset 5m > 1']) {
      expect(parsePromql(expr).error, expr).toBeUndefined();
    }
  });

  test('finds selectors with their metric, matchers, range and enclosing function', () => {
    const { selectors } = parsePromql('sum by (job) (rate(http_requests_total{job="api", code=~"5.."}[5m])) / sum(http_inflight)');
    expect(selectors).toEqual([
      {
        metric: 'http_requests_total',
        matchers: [{ label: 'job', op: '=', value: 'api' }, { label: 'code', op: '=~', value: '5..' }],
        rangeMs: 300_000,
        enclosing: 'rate',
        guarded: false,
        text: 'http_requests_total{job="api", code=~"5.."}[5m]',
      },
      { metric: 'http_inflight', matchers: [], rangeMs: undefined, enclosing: 'sum', guarded: false, text: 'http_inflight' },
    ]);
  });

  test.each([
    ['sum(rate(errors[5m])) or 0 * sum(rate(total[5m]))', ['errors']],
    ['a or b or c', ['a', 'b']],
    ['x / (a or b)', ['a']],
    ['absent(up{job="api"})', ['up']],
    ['absent_over_time(up[5m]) and on() b', ['up']],
    ['a and b', []],
    ['a unless b', []],
    ['(a or b) + c', ['a']],
    ['vector(1) or a', []],
  ])('a selector whose emptiness the expression handles is guarded: %s', (expr, guarded) => {
    expect(parsePromql(expr).selectors.filter((s) => s.guarded).map((s) => s.metric)).toEqual(guarded);
  });

  test('reads the metric from __name__ and unquotes every string form', () => {
    const [selector] = parsePromql(`{__name__="up", a='x\\'y', b=\`raw\\n\`}`).selectors;
    expect(selector!.metric).toBe('up');
    expect(selector!.matchers.map((m) => m.value)).toEqual(['up', "x'y", 'raw\\n']);
  });

  test('knows a filtering condition from a bool comparison or arithmetic', () => {
    expect(parsePromql('errors / total > 0.05').filters).toBe(true);
    expect(parsePromql('absent(up{job="a"})').filters).toBe(true);
    expect(parsePromql('errors / total').filters).toBe(false);
    expect(parsePromql('errors > bool 0').filters).toBe(false);
  });

  test('shapes blank string contents, escapes included, and keep comments and offsets', () => {
    expect(shapeOf(`up{job="a\\"b", x='y'} # "not" a string`)).toBe(`up{job="xxxx", x='x'} # "not" a string`);
    expect(shapeOf('x{a=`raw\\`}')).toBe('x{a=`xxxx`}');
    expect(shapeOf('up{job="open')).toBeUndefined();
    expect(shapeOf('up{job="a\nb"}')).toBeUndefined();
  });

  test('expressions of one shape share a tree but each is read from its own text', () => {
    expect(parsePromql('up{job="aa"} == 0').selectors[0]!.matchers[0]!.value).toBe('aa');
    expect(parsePromql('up{job="bb"} == 0').selectors[0]!.matchers[0]!.value).toBe('bb');
    expect(typeCheck('x{a=~"a"}', '2.42.0').problems).toEqual([]);
    expect(typeCheck('x{a=~"("}', '2.42.0').problems.map((p) => p.message).join()).toMatch(/parse|missing|regex/i);
    expect(parsePromql('up{job="a" # "\n} == 0').error).toBeUndefined();
  });
});

describe('a selector without a metric name', () => {
  test.each([
    ['{a="", job="x"}', []],
    ['{job="x", a!="y"}', []],
    ['{a=~".+"}', []],
    ['{a="", b=~".*"}', ['vector selector must contain at least one non-empty matcher']],
    ['{a=""}', ['vector selector must contain at least one non-empty matcher']],
    ['{a!~"x|"}', []],
    ['{a!~"x"}', ['vector selector must contain at least one non-empty matcher']],
  ])('%s: %j, as promtool 2.42 decides (one matcher that rejects the empty value is enough)', (expr, problems) => {
    expect(typeCheck(expr, '2.42.0').problems.map((p) => p.message)).toEqual(problems);
  });
});
