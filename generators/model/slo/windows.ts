import { formatDuration, parseDuration } from '../../../schemas/duration.ts';
import type { LongWindows, Slo } from '../../../schemas/slo.ts';

export type TierName = 'fastPage' | 'slowPage' | 'fastTicket' | 'slowTicket';

/** An alerting tier with its burn-rate factor worked out for the SLO's period. */
export interface Tier {
  readonly name: TierName;
  readonly kind: 'page' | 'ticket';
  readonly longWindow: string;
  readonly shortWindow: string;
  readonly budgetPercent: number;
  readonly for: string;
  /** budget share x period / long window: 14.4 for the fast page of a 30d SLO. */
  readonly factor: number;
}

/**
 * The SRE workbook's multiwindow, multi-burn-rate table (Alerting on SLOs,
 * table 5-8, with the 1d/2h ticket of its example), as data. `for` is about
 * half the short window, as Pyrra sets it.
 */
export const defaultTiers: Readonly<Record<TierName, Omit<Tier, 'name' | 'factor'>>> = {
  fastPage: { kind: 'page', longWindow: '1h', shortWindow: '5m', budgetPercent: 2, for: '2m' },
  slowPage: { kind: 'page', longWindow: '6h', shortWindow: '30m', budgetPercent: 5, for: '15m' },
  fastTicket: { kind: 'ticket', longWindow: '1d', shortWindow: '2h', budgetPercent: 10, for: '1h' },
  slowTicket: { kind: 'ticket', longWindow: '3d', shortWindow: '6h', budgetPercent: 10, for: '3h' },
};

export const tierNames = Object.keys(defaultTiers) as TierName[];

/** Sloth's formula (internal/alert/window.go): factor = budget% x period / long window. */
export function burnFactor(budgetPercent: number, periodMs: number, longWindowMs: number): number {
  return Number(((budgetPercent / 100) * periodMs / longWindowMs).toPrecision(12));
}

/**
 * The period the tiers' factors are sized against: the rolling period, or
 * for a calendar period 30 days (a month, as the SRE workbook sizes its
 * table) or 7 (a week).
 */
export function referencePeriod(slo: Pick<Slo, 'period' | 'calendar'>): string {
  return slo.period ?? (slo.calendar?.unit === 'week' ? '7d' : '30d');
}

/** The period as people say it: `30d`, or `calendar month` (with its zone when not UTC). */
export function periodText(slo: Pick<Slo, 'period' | 'calendar'>): string {
  const zone = slo.calendar?.timeZone && slo.calendar.timeZone !== 'UTC' ? ` (${slo.calendar.timeZone})` : '';
  return slo.calendar ? `calendar ${slo.calendar.unit}${zone}` : referencePeriod(slo);
}

/** The SLO's enabled tiers, defaults overridden by its declaration. */
export function tiersOf(slo: Slo): Tier[] {
  const periodMs = parseDuration(referencePeriod(slo))!;
  return tierNames.flatMap((name) => {
    const override = slo.tiers?.[name];
    if (override === false) return [];
    const { burnRate, ...tier } = { ...defaultTiers[name], ...override };
    const longMs = parseDuration(tier.longWindow)!;
    // A burn rate sets the budget share; a budget share sets the burn rate.
    const factor = burnRate ?? burnFactor(tier.budgetPercent, periodMs, longMs);
    const budgetPercent = burnRate === undefined ? tier.budgetPercent : Number(((burnRate * longMs * 100) / periodMs).toPrecision(12));
    return [{ name, ...tier, budgetPercent, for: tier.for ?? defaultTiers[name].for, factor }];
  });
}

/** Every window a recording rule must exist for: the tiers' windows and the 5m of the current burn rate. */
export function windowsOf(tiers: readonly Tier[]): string[] {
  const all = new Set(['5m', ...tiers.flatMap((t) => [t.shortWindow, t.longWindow])]);
  return [...all].sort((a, b) => parseDuration(a)! - parseDuration(b)!).map((w) => formatDuration(parseDuration(w)!));
}

/** Chosen by measurement (`npm run bench:rules`, docs/benchmarks.md): raw long windows cost a tenth of a core per SLO. */
export const defaultLongWindows: LongWindows = 'efficient';

/** The recorded rates every summed window is built from. */
export const BASE_WINDOW = '5m';

/**
 * Whether a window is summed from the recorded 5-minute rates rather than a raw
 * `rate` over it: in `efficient` mode, every window but the 5 minutes the rates
 * themselves cover. Measured (`npm run bench:rules`), a raw window's cost over
 * a thousand series is mostly selecting them, not its length: raw windows of
 * 30m to 2h alone cost more than the whole efficient group.
 */
export const fromRecordedRates = (mode: LongWindows, window: string) => mode === 'efficient' && parseDuration(window)! > parseDuration(BASE_WINDOW)!;
