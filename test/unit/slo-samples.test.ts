import { describe, expect, test } from 'vitest';
import { exampleOf, sampleSeries } from '../../generators/model/slo/samples.ts';
import type { Slo } from '../../schemas/slo.ts';

describe('exampleOf: a value a selector regex matches, for the SLO scenario series', () => {
  test.each([
    ['5..', '500'],
    ['5..|429', '500'],
    ['(5..|429)', '500'],
    ['(?:5..|429)', '500'],
    ['((5..)|429)', '500'],
  ])('%s gives %s', (regex, example) => {
    expect(exampleOf(regex)).toBe(example);
  });

  test('a group that does not span the whole regex is not unwrapped', () => {
    expect(exampleOf('(a)|(b)')).toBe('a');
    expect(exampleOf('(a)b(c)')).toBe('abc');
  });

  test('a regex too rich to invent a value for gives nothing', () => {
    expect(exampleOf('(?i)ok{2,}')).toBeUndefined();
  });
});

describe('sampleSeries: the counters the scenario tests write', () => {
  const slo = (sli: Slo['sli'], groupBy?: string[]): Slo => ({ id: 'x', objective: 99.9, sli, ...(groupBy ? { groupBy } : {}) });

  test.each([
    ['errors over the same metric: a bad and a good series', { events: { errors: 'r{job="a", code=~"5.."}', total: 'r{job="a"}' } },
      { bad: 'r{job="a", code="500"}', good: 'r{job="a", code="200"}' }],
    ['good over the same metric: the bad series takes the value the good matcher refuses', { events: { good: 'r{job="a", code!~"5.."}', total: 'r{job="a"}' } },
      { good: 'r{job="a", code="200"}', bad: 'r{job="a", code="500"}' }],
    ['good over another metric: a good and an all series', { events: { good: 'ok_total{job="a"}', total: 'r{job="a"}' } },
      { good: 'ok_total{job="a"}', all: 'r{job="a"}' }],
    ['a ratio of one selector over another, as queries', { ratio: { errors: 'sum(rate(r{code="500"}[$window]))', total: 'sum(rate(r[$window]))' } },
      { bad: 'r{code="500"}', good: 'r{code="200"}' }],
    ['a precomputed success ratio a / b', { ratio: { successRatio: 'sum(rate(ok_total[$window])) / sum(rate(all_total[$window]))' } },
      { good: 'ok_total', all: 'all_total' }],
    ['the complement of a success ratio, 1 - (a / b), as an error ratio', { ratio: { errorRatio: '1 - (sum(rate(ok_total[$window])) / sum(rate(all_total[$window])))' } },
      { good: 'ok_total', all: 'all_total' }],
    ['a histogram\'s bucket as good events over its count', { events: { good: 'h_bucket{job="a", method!="GET", le="0.5"}', total: 'h_count{job="a", method!="GET"}' } },
      { good: 'h_bucket{job="a", method="200", le="0.5"}', all: 'h_count{job="a", method="200"}' }],
  ] as const)('%s', (_, sli, expected) => {
    expect(sampleSeries(slo(sli as Slo['sli']), {})).toEqual(expected);
  });

  test('a query of two selectors in its numerator has no derived sample; a declared one gets the group labels', () => {
    const sli = { ratio: { errors: 'sum(rate(r{code="500"}[$window]) or rate(r{code="429"}[$window]))', total: 'sum(rate(r[$window]))' } };
    expect(sampleSeries(slo(sli), {})).toBeUndefined();
    expect(sampleSeries(slo({ ratio: { ...sli.ratio, sample: { bad: 'r{code="500"}', good: 'r{code="200"}' } } }, ['route']), { route: 'scenario' }))
      .toEqual({ bad: 'r{code="500", route="scenario"}', good: 'r{code="200", route="scenario"}' });
  });

  test('a precomputed ratio that is not a / b at the top has no derived sample', () => {
    expect(sampleSeries(slo({ ratio: { errorRatio: '1 - sum(rate(ok_total[$window])) / sum(rate(all_total[$window]))' } }), {})).toBeUndefined();
  });
});
