import { parseDuration } from '../../schemas/duration.ts';
import { UsageError } from '../../generators/core/errors.ts';

/** A report period in UTC: [start, end) in unix seconds, and its days. */
export interface Period {
  readonly label: string;
  readonly kind: 'month' | 'week' | 'day' | 'rolling';
  readonly start: number;
  readonly end: number;
  readonly days: readonly { readonly label: string; readonly start: number; readonly end: number }[];
}

const DAY = 86_400;
const iso = (seconds: number) => new Date(seconds * 1000).toISOString().slice(0, 10);

function withDays(label: string, kind: Period['kind'], start: number, end: number): Period {
  const days = [];
  for (let t = start; t < end; t += DAY) days.push({ label: iso(t), start: t, end: Math.min(t + DAY, end) });
  return { label, kind, start, end, days };
}

/** `2026-11`: the calendar month, UTC. */
export function month(text: string): Period {
  const m = /^(\d{4})-(\d{2})$/.exec(text);
  if (!m || Number(m[2]) < 1 || Number(m[2]) > 12) throw new UsageError(`--month must be YYYY-MM, got ${text}`);
  const [year, index] = [Number(m[1]), Number(m[2]) - 1];
  return withDays(text, 'month', Date.UTC(year, index, 1) / 1000, Date.UTC(year, index + 1, 1) / 1000);
}

/** `2026-W45`: the ISO week, Monday to Monday, UTC. */
export function week(text: string): Period {
  const m = /^(\d{4})-W(\d{2})$/.exec(text);
  if (!m || Number(m[2]) < 1 || Number(m[2]) > 53) throw new UsageError(`--week must be YYYY-Www (ISO week), got ${text}`);
  const jan4 = Date.UTC(Number(m[1]), 0, 4) / 1000;
  const weekday = (new Date(jan4 * 1000).getUTCDay() + 6) % 7;
  const start = jan4 - weekday * DAY + (Number(m[2]) - 1) * 7 * DAY;
  return withDays(text, 'week', start, start + 7 * DAY);
}

/** `2026-11-10`: the day, UTC. */
export function day(text: string): Period {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text) || Number.isNaN(Date.parse(`${text}T00:00:00Z`))) throw new UsageError(`--day must be YYYY-MM-DD, got ${text}`);
  const start = Date.parse(`${text}T00:00:00Z`) / 1000;
  return withDays(text, 'day', start, start + DAY);
}

/** `30d` ending at `end`: a rolling window, its days counted back from the end. */
export function rolling(text: string, end: number): Period {
  const ms = parseDuration(text);
  if (!ms || ms % (DAY * 1000) !== 0) throw new UsageError(`--last must be whole days such as 30d, got ${text}`);
  const start = end - ms / 1000;
  return withDays(`last ${text} to ${new Date(end * 1000).toISOString()}`, 'rolling', start, end);
}
