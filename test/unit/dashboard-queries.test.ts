import { describe, expect, test } from 'vitest';
import { customOptions, expandVariables, placeholderQuery, RATE_INTERVAL_SENTINEL, variablePromql, variablesIn, variableValues } from '../../generators/grafana/queries.ts';
import { addMatchers } from '../../generators/promql/inject.ts';
import { typeCheck } from '../../generators/promql/types.ts';
import { parsePromql } from '../../generators/promql/parse.ts';

describe('Grafana variables in PromQL', () => {
  test('finds every syntax Grafana interpolates, and not regex anchors or $1', () => {
    expect(variablesIn('rate(x{job=~"$job", instance=~"${instance:regex}", pod="[[pod]]"}[$__rate_interval])')).toEqual(['job', 'instance', 'pod', '__rate_interval']);
    expect(variablesIn('label_replace(up{job=~"api$"}, "x", "$1", "job", "(.*)")')).toEqual([]);
  });

  test('substitutes what PromQL accepts where each variable stands', () => {
    expect(expandVariables('sum by ($label) (rate(x{job=~"$job"}[$__rate_interval]))'))
      .toBe(`sum by (label) (rate(x{job=~"job"}[${RATE_INTERVAL_SENTINEL}]))`);
    expect(expandVariables('max_over_time(x[$__range:$__interval])')).toBe('max_over_time(x[1d:1m])');
    expect(expandVariables('avg_over_time(x[$window])')).toBe('avg_over_time(x[5m])');
    expect(expandVariables('x{a="say \\"$job\\""}')).toBe('x{a="say \\"job\\""}');
    for (const expr of ['sum by ($label) (rate(x{job=~"$job"}[$__rate_interval]))', 'max_over_time(x[$__range:$__interval])']) {
      expect(parsePromql(expandVariables(expr)).error).toBeUndefined();
    }
  });

  test('reads the PromQL inside a query variable', () => {
    expect(variablePromql('label_values(up{job=~"$job"}, instance)')).toBe('up{job=~"$job"}');
    expect(variablePromql('label_values(job)')).toBeUndefined();
    expect(variablePromql('query_result(topk(5, up))')).toBe('topk(5, up)');
    expect(variablePromql('metrics(node_.*)')).toBeUndefined();
    expect(variablePromql('label_names()')).toBeUndefined();
  });

  test('a numeric custom variable is a number and an interval variable a duration, as Grafana substitutes them', () => {
    const values = variableValues([
      { name: 'quantile', type: 'custom', query: '0.5,0.9, 0.99' },
      { name: 'labelled', type: 'custom', query: 'median : 0.5, p99 : 0.99' },
      { name: 'multi', type: 'custom', query: '0.5,0.9', multi: true },
      { name: 'words', type: 'custom', query: 'a,0.5' },
      { name: 'step', type: 'interval', query: '1m,10m,1h' },
    ]);
    expect([...values]).toEqual([['quantile', '0.5'], ['labelled', '0.5'], ['step', '1m']]);
    const query = 'histogram_quantile($quantile, sum by (le) (rate(x_bucket[5m]))) > 0 and x offset $step';
    expect(expandVariables(query, values)).toBe('histogram_quantile(0.5, sum by (le) (rate(x_bucket[5m]))) > 0 and x offset 1m');
    expect(typeCheck(expandVariables(query, values), '2.42.0').problems).toEqual([]);
    // Without the values the variable reads as a selector, which histogram_quantile refuses.
    expect(typeCheck(expandVariables(query), '2.42.0').problems).not.toEqual([]);
    expect(customOptions('a\\,b, c')).toEqual(['a,b', 'c']);
  });

  test('placeholders keep every position, so matchers go where the query has selectors', () => {
    const query = 'histogram_quantile($quantile, sum by (le) (rate(x_bucket{job="$job"}[$__rate_interval])))';
    const { text, opaque } = placeholderQuery(query);
    expect(text).toHaveLength(query.length);
    expect(addMatchers(query, 'cluster="prod"', text, opaque))
      .toBe('histogram_quantile($quantile, sum by (le) (rate(x_bucket{job="$job", cluster="prod"}[$__rate_interval])))');
  });
});
