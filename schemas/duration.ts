/** A Prometheus duration: `15s`, `1m30s`, `90d`, `0`. */
export type Duration = string;

const units = [
  ['y', 365 * 24 * 3600_000],
  ['w', 7 * 24 * 3600_000],
  ['d', 24 * 3600_000],
  ['h', 3600_000],
  ['m', 60_000],
  ['s', 1000],
  ['ms', 1],
] as const;

/**
 * Prometheus' own grammar (model.ParseDuration): `0`, or units in this order,
 * each at most once. The lookahead rejects the empty string.
 */
export const durationPattern = /^(?:0|(?=\d)(?:(\d+)y)?(?:(\d+)w)?(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?(?:(\d+)ms)?)$/;

/** Milliseconds in a Prometheus duration, or undefined when it is not one. */
export function parseDuration(text: string): number | undefined {
  if (parsed.has(text)) return parsed.get(text);
  const match = durationPattern.exec(text);
  let total: number | undefined;
  if (match) {
    total = 0;
    units.forEach(([, ms], i) => {
      const count = match[i + 1];
      if (count !== undefined) total! += Number(count) * ms;
    });
  }
  // An estate spells a few dozen durations, read in every window and scenario computation.
  if (parsed.size < 10_000) parsed.set(text, total);
  return total;
}

const parsed = new Map<string, number | undefined>();

/** The canonical Prometheus spelling of a number of milliseconds (`90000` is `1m30s`). */
export function formatDuration(ms: number): Duration {
  if (ms === 0) return '0s';
  let rest = ms;
  let text = '';
  for (const [unit, size] of units) {
    const count = Math.floor(rest / size);
    if (count > 0) {
      text += `${count}${unit}`;
      rest -= count * size;
    }
  }
  return text;
}
