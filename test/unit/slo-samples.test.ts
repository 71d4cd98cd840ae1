import { describe, expect, test } from 'vitest';
import { exampleOf } from '../../generators/model/slo/samples.ts';

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
