import { describe, expect, test } from 'vitest';
import { addMatchers, matchersError } from '../../generators/promql/inject.ts';
import { parsePromql } from '../../generators/promql/parse.ts';

describe('adding matchers to every selector', () => {
  const cases: [string, string][] = [
    ['up', 'up{cluster="prod"}'],
    ['up{job="a"}', 'up{job="a", cluster="prod"}'],
    ['x{a="b", }', 'x{a="b", cluster="prod"}'],
    ['{__name__="x"}', '{__name__="x", cluster="prod"}'],
    ['x{}', 'x{cluster="prod"}'],
    ['sum by (job) (rate(x[5m])) / on (job) group_left y offset 5m', 'sum by (job) (rate(x{cluster="prod"}[5m])) / on (job) group_left y{cluster="prod"} offset 5m'],
    ['max_over_time(x[1h:5m]) > 1', 'max_over_time(x{cluster="prod"}[1h:5m]) > 1'],
    ['label_replace(x, "a", "$1", "b", "(.*)")', 'label_replace(x{cluster="prod"}, "a", "$1", "b", "(.*)")'],
    ['vector(1) + time()', 'vector(1) + time()'],
  ];
  test.each(cases)('%s', (input, want) => {
    expect(addMatchers(input, 'cluster="prod"')).toBe(want);
    expect(parsePromql(want).error).toBeUndefined();
  });

  test('comments and line breaks stay where they are', () => {
    const expr = 'sum(x{job="a"})\n# a comment about y{b="c"}\n> on() y';
    expect(addMatchers(expr, 'c="d"')).toBe('sum(x{job="a", c="d"})\n# a comment about y{b="c"}\n> on() y{c="d"}');
  });

  test('a selector is a list of matchers', () => {
    expect(matchersError('cluster="prod"')).toBeUndefined();
    expect(matchersError('cluster="prod", env=~"p.*"')).toBeUndefined();
    expect(matchersError('cluster=prod')).toMatch(/not a list of label matchers/);
    expect(matchersError('')).toMatch(/holds no matcher/);
    expect(matchersError('a="b"} or up{')).toMatch(/not a list/);
  });
});
