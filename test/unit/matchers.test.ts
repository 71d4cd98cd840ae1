import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { formatMatcher, matches, parseMatcher, type MatcherOp } from '../../generators/model/matchers.ts';
import { formatDuration, parseDuration } from '../../schemas/duration.ts';

const label = fc.stringMatching(/^[a-zA-Z_][a-zA-Z0-9_]{0,15}$/);
const op = fc.constantFrom<MatcherOp>('=', '!=', '=~', '!~');
/** Values as Alertmanager reads them: any text, quotes, backslashes and line breaks included. */
const value = fc.string({ unit: fc.constantFrom('a', 'b', 'Z', '0', ' ', '"', '\\', '\n', '.', '*', '|', '-', 'é') });
const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('Alertmanager matchers', () => {
  test('a matcher written and read back is the same matcher, whatever its value holds', () => {
    fc.assert(fc.property(label, op, value, (l, o, v) => {
      expect(parseMatcher(formatMatcher({ label: l, op: o, value: v }))).toEqual({ label: l, op: o, value: v });
    }), { numRuns: 500 });
  });

  test('reads the spellings users write: spaces around the operator, escaped quotes', () => {
    expect(parseMatcher(' team =~ "db|infra" ')).toEqual({ label: 'team', op: '=~', value: 'db|infra' });
    expect(parseMatcher('msg!="say \\"hi\\""')).toEqual({ label: 'msg', op: '!=', value: 'say "hi"' });
    expect(() => parseMatcher('team=db')).toThrow('not a matcher: team=db');
    // The whole text is one matcher: nothing before the label, nothing after the closing quote.
    expect(() => parseMatcher('-team="db"')).toThrow('not a matcher');
    expect(() => parseMatcher('team="db", severity="critical"')).toThrow('not a matcher');
  });

  test('= and != are opposites, =~ of an escaped literal is =, !~ is the opposite of =~; an absent label is ""', () => {
    fc.assert(fc.property(label, value, fc.option(value, { nil: undefined }), (l, v, actual) => {
      const labels = actual === undefined ? {} : { [l]: actual };
      const eq = matches({ label: l, op: '=', value: v }, labels);
      expect(eq).toBe((actual ?? '') === v);
      expect(matches({ label: l, op: '!=', value: v }, labels)).toBe(!eq);
      const literal = { label: l, op: '=~' as const, value: escapeRegex(v) };
      if (!v.includes('\n')) {
        expect(matches(literal, labels)).toBe(eq);
        expect(matches({ ...literal, op: '!~' }, labels)).toBe(!eq);
      }
    }), { numRuns: 500 });
  });

  test('regexes are anchored at both ends, as Alertmanager anchors them', () => {
    expect(matches({ label: 'team', op: '=~', value: 'db' }, { team: 'db-infra' })).toBe(false);
    expect(matches({ label: 'team', op: '=~', value: 'db.*' }, { team: 'db-infra' })).toBe(true);
    expect(matches({ label: 'team', op: '=~', value: 'infra' }, { team: 'db-infra' })).toBe(false);
    expect(matches({ label: 'team', op: '!~', value: '.+' }, {})).toBe(true);
  });
});

describe('Prometheus durations', () => {
  test('a number of milliseconds formats to a duration that parses back to it', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 20 * 365 * 86_400_000 }), (ms) => {
      expect(parseDuration(formatDuration(ms))).toBe(ms);
    }), { numRuns: 1000 });
  });

  test('a duration in canonical spelling formats back to itself; other spellings are refused or normalised', () => {
    for (const text of ['1y', '2w', '3d', '4h', '5m', '6s', '7ms', '1h30m', '1y2w3d4h5m6s7ms']) expect(formatDuration(parseDuration(text)!)).toBe(text);
    expect(formatDuration(parseDuration('90s')!)).toBe('1m30s');
    expect(formatDuration(0)).toBe('0s');
    for (const text of ['', '1', 'h', '1m1h', '1.5h', '-1m', '1h ', '1x']) expect(parseDuration(text), text).toBeUndefined();
  });
});
