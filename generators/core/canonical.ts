/** The canonical order of keys and the stable printing of numbers, shared by every emitter. */

/**
 * Keys written first, in this order, wherever they appear; every other key
 * follows in sorted order (cdk8s' canonical order, extended to our formats).
 */
const HEAD_KEYS = [
  'apiVersion', 'kind', 'metadata', 'global', 'name', 'job_name', 'targets', 'interval', 'input_series',
  'record', 'alert', 'expr', 'for', 'keep_firing_for', 'labels', 'annotations', 'matchers', 'receiver',
];
const headRank = new Map(HEAD_KEYS.map((key, i) => [key, i]));

export function compareKeys(a: string, b: string): number {
  const ra = headRank.get(a) ?? HEAD_KEYS.length;
  const rb = headRank.get(b) ?? HEAD_KEYS.length;
  if (ra !== rb) return ra - rb;
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * `0.1 + 0.2` prints as `0.3` and `1 - 0.999` as `0.001`: 12 significant
 * digits hide binary floating-point noise, which a subtraction lifts to about
 * the 13th digit, and are more than any threshold or objective needs.
 */
export function stableNumber(value: number): number {
  return Number.isInteger(value) || !Number.isFinite(value) ? value : Number(value.toPrecision(12));
}


/** JSON with every object's keys sorted: two values print alike exactly when they are equal, whatever their key order. */
export function stableJson(value: unknown): string {
  return JSON.stringify(value, (_, v: unknown) => (v && typeof v === 'object' && !Array.isArray(v)
    ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
    : v)) ?? 'undefined';
}
