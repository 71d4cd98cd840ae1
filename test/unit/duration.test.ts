import { describe, expect, test } from 'vitest';
import { formatDuration, parseDuration } from '../../schemas/duration.ts';

describe('Prometheus durations', () => {
  test.each([
    ['15s', 15_000], ['1m30s', 90_000], ['90d', 90 * 86_400_000], ['1y2w', 365 * 86_400_000 + 14 * 86_400_000],
    ['500ms', 500], ['0', 0], ['1h0m', 3_600_000],
  ])('parses %s', (text, ms) => expect(parseDuration(text)).toBe(ms));

  test.each(['15x', '', '1.5s', 's', '1s1m', '-5s', '15 s', '1d1y'])('rejects %j', (text) => expect(parseDuration(text)).toBeUndefined());

  test.each([[90_000, '1m30s'], [0, '0s'], [86_400_000, '1d'], [1500, '1s500ms']])('formats %d ms as %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
    expect(parseDuration(text)).toBe(ms);
  });
});
