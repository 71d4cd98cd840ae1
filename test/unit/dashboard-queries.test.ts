import { describe, expect, test } from 'vitest';
import { expandVariables, RATE_INTERVAL_SENTINEL, variablePromql, variablesIn } from '../../generators/grafana/queries.ts';
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
});
