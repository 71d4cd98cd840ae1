import { formatDuration, parseDuration } from '../../../schemas/duration.ts';
import type { AlertTest } from '../../../schemas/rules.ts';
import { stableNumber } from '../../core/emit.ts';
import { compareVersions } from '../../core/features.ts';
import type { AlertModel, RecordModel } from '../../core/model.ts';
import { names } from './names.ts';
import type { SloPlan } from './rules.ts';
import { sampleSeries } from './samples.ts';
import { elapsedAt, nextPeriodStart, offsetSeconds } from './calendar.ts';
import { fromRecordedRates, windowsOf, type Tier, type TierName } from './windows.ts';

/**
 * Scenario tests of an SLO, from the SRE workbook's reasoning. After a healthy
 * history as long as the longest window, a steady burn at b times the budget
 * rate makes a window of length w read b x min(burning time, w) / w. Each burn
 * is chosen for one tier (15x for the fast page of a 30d SLO, 7x for the slow
 * page, 4.5x and 1.5x for the tickets); the alerts expected at each check
 * follow from that model, the tiers' factors and their `for`, never from the
 * rules themselves. Burn scenarios step every 5 minutes: days of history at
 * one-minute steps would make promtool slow.
 */

const EVENTS_PER_STEP = 1000;

/**
 * Events per 5-minute step at normal traffic: 1000, or enough that the
 * shortest long window holds twice the SLO's minEvents, so the low-traffic
 * guard never hides a normal scenario's alert.
 */
function normalTraffic(plan: SloPlan): number {
  const min = plan.slo.minEvents;
  if (min === undefined || plan.tiers.length === 0) return EVENTS_PER_STEP;
  const steps = Math.min(...plan.tiers.map((t) => minutes(t.longWindow))) / STEP;
  return Math.max(EVENTS_PER_STEP, Math.ceil((2 * min) / steps));
}
const minutes = (d: string) => parseDuration(d)! / 60_000;
const STEP = 5;

interface Segment {
  readonly steps: number;
  /** Error ratio during these steps; no traffic at all for a gap. */
  readonly ratio: number | 'no-traffic';
  /** Traffic flows but no sample is scraped (counters only). */
  readonly unscraped?: boolean;
}

/**
 * promtool notation of a counter that grows by `inc` per step for each segment.
 * An unscraped segment keeps growing but has no samples, as a target does
 * while Prometheus cannot reach it.
 */
export function counterNotation(segments: readonly { steps: number; inc: number; unscraped?: boolean }[]): string {
  let last = 0;
  return segments
    .map(({ steps, inc, unscraped }, i) => {
      const n = (v: number) => String(stableNumber(v));
      if (i === 0) {
        last = steps * inc;
        return `0+${n(inc)}x${steps}`;
      }
      const piece = unscraped ? `_x${steps}` : `${n(last + inc)}+${n(inc)}x${steps - 1}`;
      last += steps * inc;
      return piece;
    })
    .join(' ');
}

/** promtool notation of a 0..1 gauge that reads 1 - ratio, with no samples at all for a gap. */
function gaugeNotation(segments: readonly Segment[]): string {
  return segments
    .map(({ steps, ratio }, i) => {
      const count = i === 0 ? steps : steps - 1;
      return ratio === 'no-traffic' ? `_x${count}` : `${stableNumber(1 - ratio)}x${count}`;
    })
    .join(' ');
}

/** An SLO's sample series, derived once per plan: every scenario of the SLO reads them. */
const samples = new WeakMap<SloPlan, ReturnType<typeof sampleSeries>>();
function sampleOf(plan: SloPlan, groups: Readonly<Record<string, string>>) {
  if (!samples.has(plan)) samples.set(plan, sampleSeries(plan.slo, groups));
  return samples.get(plan);
}

const groupLabels = (plan: SloPlan) => Object.fromEntries((plan.slo.groupBy ?? []).map((g) => [g, 'scenario']));

/** Input series for the SLI with the given error ratio per segment. */
export function seriesFor(plan: SloPlan, segments: readonly Segment[], eventsPerStep = normalTraffic(plan)): Record<string, string> {
  const groups = groupLabels(plan);
  const counter = (inc: (ratio: number) => number) =>
    counterNotation(segments.map((s) => ({ steps: s.steps, inc: s.ratio === 'no-traffic' ? 0 : inc(s.ratio), unscraped: s.unscraped })));
  if ('availability' in plan.slo.sli) {
    // One 0/1 series cannot fail a steady 1.5% of the time; a fractional value is what
    // a fleet's average reads, and the SLI's sums treat it the same way.
    const { metric, matchers = {} } = plan.slo.sli.availability;
    const labels = Object.entries({ ...matchers, ...groups, instance: 'scenario' }).map(([k, v]) => `${k}="${v}"`).join(', ');
    return { [`${metric}{${labels}}`]: gaugeNotation(segments) };
  }
  if ('timeslices' in plan.slo.sli) {
    // The slices as the slice recording writes them, a fleet's share of good slices as the gauge:
    // the query that judges each slice reads the user's series, which no scenario can invent.
    const labels = Object.entries({ ...plan.labels, ...groups }).map(([k, v]) => `${k}="${v}"`).join(', ');
    return { [`${names.sliceGood}{${labels}}`]: gaugeNotation(segments) };
  }
  if ('latency' in plan.slo.sli) {
    const { histogram, matchers = {}, threshold } = plan.slo.sli.latency;
    const labels = (extra: Record<string, string>) => Object.entries({ ...matchers, ...groups, ...extra }).map(([k, v]) => `${k}="${v}"`).join(', ');
    return {
      [`${histogram}_count{${labels({})}}`]: counter(() => eventsPerStep),
      [`${histogram}_bucket{${labels({ le: String(threshold) })}}`]: counter((r) => eventsPerStep * (1 - r)),
    };
  }
  const sample = sampleOf(plan, groups);
  // slo/scenario-sample reports it, and the build stops before anything is written.
  if (!sample) return {};
  return {
    ...(sample.bad ? { [sample.bad]: counter((r) => eventsPerStep * r) } : {}),
    ...(sample.good ? { [sample.good]: counter((r) => eventsPerStep * (1 - r)) } : {}),
    ...(sample.all ? { [sample.all]: counter(() => eventsPerStep) } : {}),
  };
}

/** Minutes of healthy history before a burn: the longest window, on the step grid. */
const historyOf = (plan: SloPlan) => Math.ceil(Math.max(...plan.tiers.map((t) => minutes(t.longWindow))) / STEP) * STEP + STEP;

/** Minutes after the burn started when a tier starts firing; Infinity if never. */
function firesAfter(tier: Tier, burn: number): number {
  if (burn <= tier.factor) return Infinity;
  const [long, short] = [minutes(tier.longWindow), minutes(tier.shortWindow)];
  return (tier.factor / burn) * Math.max(long, short) + minutes(tier.for);
}

/** Rate extrapolation and evaluation steps blur the crossing: checks keep this far from it. */
const margin = (tier: Tier) => Math.ceil(0.05 * minutes(tier.longWindow)) + 3;

type Expected = Readonly<Record<string, Pick<AlertModel, 'labels' | 'annotations'>>>;

/** An alert expected in a test: its own labels and annotations, and the scenario's group labels. */
function expectation(plan: SloPlan, alert: Pick<AlertModel, 'labels' | 'annotations'>) {
  return { labels: { ...alert.labels, ...groupLabels(plan) }, annotations: { ...alert.annotations } };
}

/** How a burn reads in a test name: 15x, 0.467x. */
const shown = (burn: number) => `${Number(burn.toPrecision(3))}x`;

const unsure = (plan: SloPlan, burn: number, after: number) => plan.tiers.some((t) => Math.abs(firesAfter(t, burn) - after) < margin(t));

/** The first grid time from `after`, moving by `direction`, at which no tier is near its crossing. */
function settle(plan: SloPlan, burn: number, after: number, direction: 1 | -1): number {
  let at = after;
  while (at > 0 && at < 10 * 1440 && unsure(plan, burn, at)) at += direction * STEP;
  return at;
}

/** Whether the model can say which tiers fire `after` minutes into a burn: not near any crossing, and an error ratio below 1. */
const certain = (plan: SloPlan, burn: number, after: number) => after > 0 && !unsure(plan, burn, after) && burn * plan.errorBudget < 1;

/** A burn of `burn` for `after` minutes following the healthy history, and the alerts expected then. */
function check(plan: SloPlan, expected: Expected, burn: number, after: number, name: (at: number) => string): AlertTest | undefined {
  const history = historyOf(plan);
  const firing = plan.tiers.filter((t) => firesAfter(t, burn) + margin(t) <= after);
  if (!certain(plan, burn, after)) return undefined;
  return {
    name: name(after),
    interval: `${STEP}m`,
    series: seriesFor(plan, [{ steps: history / STEP, ratio: 0 }, { steps: after / STEP + 1, ratio: burn * plan.errorBudget }]),
    at: formatDuration((history + after) * 60_000),
    fires: firing.map((t) => expectation(plan, expected[t.name]!)),
  };
}

const onGrid = (m: number, round: (x: number) => number) => round(m / STEP) * STEP;

/** The burn chosen to trip each tier, relative to its factor (15x, 7x, 3.6x, 1.5x at 30d). */
const burnFor: Readonly<Record<TierName, number>> = { fastPage: 15 / 14.4, slowPage: 7 / 6, fastTicket: 1.5, slowTicket: 1.5 };

/** The burn chosen for a tier, the minute by which it has surely fired, and the last minute it surely has not. */
function tierTimes(plan: SloPlan, tier: Tier) {
  const burn = stableNumber(tier.factor * burnFor[tier.name]);
  const fire = settle(plan, burn, onGrid(firesAfter(tier, burn) + margin(tier), Math.ceil), 1);
  const before = settle(plan, burn, onGrid(firesAfter(tier, burn) - margin(tier), Math.floor), -1);
  return { burn, fire, before };
}

/** Tiers no scenario can show firing: their alert would ship without a test that trips it. */
export function untestedTiers(plan: SloPlan): Tier[] {
  return plan.tiers.filter((tier) => {
    const { burn, fire } = tierTimes(plan, tier);
    return !certain(plan, burn, fire);
  });
}

/** Per tier: one check before it can fire and one after, plus a quiet half-rate burn. */
export function burnScenarios(plan: SloPlan, expected: Expected): { tier: TierName; test: AlertTest }[] {
  const tests = plan.tiers.flatMap((tier) => {
    const { burn, fire, before } = tierTimes(plan, tier);
    const label = `a steady ${shown(burn)} burn`;
    const after = (at: number) => formatDuration(at * 60_000);
    const fired = check(plan, expected, burn, fire, (at) => `${label} has tripped the ${tier.name} tier ${after(at)} in`);
    const notYet = check(plan, expected, burn, before, () => '');
    if (!fired) return [];
    // One series, two evaluation times: promtool's cost is the series, not the checks.
    const test: AlertTest = notYet
      ? { ...fired, name: `${label} has not tripped the ${tier.name} tier ${after(before)} in, and has ${after(fire)} in`, at: notYet.at, fires: notYet.fires, alsoAt: [{ at: fired.at, fires: fired.fires }] }
      : fired;
    return [{ tier: tier.name, test }];
  });
  const slowest = onGrid(Math.max(...plan.tiers.map((t) => minutes(t.longWindow))), Math.ceil);
  const quietBurn = stableNumber(0.5 * Math.min(...plan.tiers.map((t) => t.factor)));
  const quiet = check(plan, expected, quietBurn, slowest, (at) => `a steady ${shown(quietBurn)} burn trips no tier in ${formatDuration(at * 60_000)}`);
  const gap: AlertTest = { name: 'a two-hour traffic gap fires nothing', interval: '1m', series: gapSeries(plan), at: '170m', fires: [] };
  const first = plan.tiers[0]?.name;
  return [...tests, ...lowTrafficScenarios(plan, tests), ...(first ? [...(quiet ? [{ tier: first, test: quiet }] : []), { tier: first, test: gap }] : [])];
}

/**
 * Low traffic: the first tier's tripping burn, run again with so few events
 * that even the longest window holds fewer than minEvents. Its normal-traffic
 * twin fires (the tier's own scenario); this one pages nobody.
 */
function lowTrafficScenarios(plan: SloPlan, tests: readonly { tier: TierName; test: AlertTest }[]): { tier: TierName; test: AlertTest }[] {
  const min = plan.slo.minEvents;
  const first = tests[0];
  if (min === undefined || !first) return [];
  const tier = plan.tiers.find((t) => t.name === first.tier)!;
  const { burn, fire } = tierTimes(plan, tier);
  const history = historyOf(plan);
  const longest = Math.max(...plan.tiers.map((t) => minutes(t.longWindow))) / STEP;
  // Fewer than minEvents in the longest window: every tier's guard holds.
  const perStep = stableNumber((min - 1) / (longest + 1));
  return [{
    tier: first.tier,
    test: {
      name: `a steady ${shown(burn)} burn at ${Number(perStep.toPrecision(2))} events per 5 minutes (under ${min} in any window) trips no tier ${formatDuration(fire * 60_000)} in`,
      interval: `${STEP}m`,
      series: seriesFor(plan, [{ steps: history / STEP, ratio: 0 }, { steps: fire / STEP + 1, ratio: burn * plan.errorBudget }], perStep),
      at: formatDuration((history + fire) * 60_000),
      fires: [],
    },
  }];
}

const gapSeries = (plan: SloPlan) => seriesFor(plan, [{ steps: 60, ratio: 0 }, { steps: 120, ratio: 'no-traffic' }]);

/** A traffic gap: two hours without requests record no sample (not NaN) and fire nothing. */
export function gapScenario(plan: SloPlan): RecordModel['tests'] {
  return [{
    name: 'a two-hour traffic gap records no 5m error ratio, not NaN',
    interval: '1m',
    series: gapSeries(plan),
    at: '170m',
    samples: {},
  }];
}

/** Budget alerts: spending 65% of the budget rate trips the 50% alert only; 90% trips both. */
export function budgetScenarios(plan: SloPlan, percent: number, expected: Expected): AlertTest[] {
  if (plan.slo.calendar) return calendarBudgetScenarios(plan, plan.slo.calendar, percent, expected);
  const run = (burn: number, fires: string[], name: string): AlertTest => ({
    name,
    interval: '1m',
    series: seriesFor(plan, [{ steps: 90, ratio: burn * plan.errorBudget }]),
    at: '80m',
    fires: fires.map((p) => expectation(plan, expected[p]!)),
  });
  return percent === 50
    ? [run(0.65, ['50'], 'spending at 65% of the budget rate trips the 50% alert only'), run(0.3, [], 'spending at 30% of the budget rate trips nothing')]
    : [run(0.9, ['50', '80'], 'spending at 90% of the budget rate trips the 50% and 80% alerts'), run(0.1, [], 'spending at 10% of the budget rate trips nothing')];
}

/**
 * A calendar period's budget alerts: from the start of a period (after a
 * healthy stretch up to it, when time zero falls late in one), a steady error
 * ratio such that the burn so far times the share of the period gone by is
 * the budget share named, at a checkpoint late enough for that ratio to stay
 * under 0.9 and for the spending to have held over the alert's 5 minutes.
 */
function calendarBudgetScenarios(plan: SloPlan, calendar: NonNullable<SloPlan['slo']['calendar']>, percent: number, expected: Expected): AlertTest[] {
  // A period that starts within the first day of local time (a zone behind UTC): start there, where the local clock is past zero.
  const start = offsetSeconds(calendar) < 0 && calendar.unit === 'month' ? Math.round(nextPeriodStart(calendar, 0) / 60) : 0;
  const elapsed = (minute: number) => elapsedAt(calendar, minute * 60);
  let at = start + 80;
  while (0.9 * plan.errorBudget / elapsed(at) > 0.9) at += 10;
  if (nextPeriodStart(calendar, start * 60) / 60 <= at) throw new Error(`calendar budget scenarios of ${plan.slo.id}: the period ends before ${at}m`);
  const run = (spent: number, fires: string[], name: string): AlertTest => ({
    name,
    interval: '1m',
    series: seriesFor(plan, [...(start > 0 ? [{ steps: start, ratio: 0 }] : []), { steps: at - start + 10, ratio: stableNumber(spent * plan.errorBudget / elapsed(at)) }]),
    at: formatDuration(at * 60_000),
    fires: fires.map((p) => expectation(plan, expected[p]!)),
  });
  const share = (p: number) => `${Math.round(p * 100)}% of the budget spent by ${formatDuration(at * 60_000)} into the ${plan.budgetPeriod}`;
  return percent === 50
    ? [run(0.65, ['50'], `${share(0.65)} trips the 50% alert only`), run(0.3, [], `${share(0.3)} trips nothing`)]
    : [run(0.9, ['50', '80'], `${share(0.9)} trips the 50% and 80% alerts`), run(0.1, [], `${share(0.1)} trips nothing`)];
}

/**
 * Errors the scrapes never saw: after a healthy window, a quarter of the window
 * in which every request fails and no sample is scraped, then another quarter
 * of healthy traffic. A raw `rate` over the window sees the counters' jump
 * across the gap: the window reads 0.25. Recorded 5-minute rates have no
 * sample across the gap, so a window summed from them reads 0. One scenario,
 * on the shortest window of an hour or longer, whose expectation follows the
 * SLO's mode. A gauge SLI has nothing to jump: there is no difference to show.
 */
export function unscrapedScenario(plan: SloPlan, prometheus: string): { window: string; tests: RecordModel['tests'] } | undefined {
  if ('availability' in plan.slo.sli || 'timeslices' in plan.slo.sli) return undefined;
  const window = windowsOf(plan.tiers).find((w) => minutes(w) >= 60);
  if (!window) return undefined;
  const summed = fromRecordedRates(plan.longWindows, window);
  // The raw share holds where a range includes its start (Prometheus 2); from 3.0 the first sample is extrapolated.
  if (!summed && compareVersions(prometheus, '3.0.0') >= 0) return undefined;
  const windowSteps = minutes(window) / STEP;
  const quarter = windowSteps / 4;
  if (!Number.isInteger(quarter)) return undefined;
  // Events per step such that the errors' rate over the window is 1 and the total's 4: the share is exact in floating point.
  const perStep = parseDuration(window)! / 1000 / quarter;
  const series = seriesFor(plan, [{ steps: windowSteps, ratio: 0 }, { steps: quarter, ratio: 1, unscraped: true }, { steps: quarter, ratio: 0 }], perStep);
  if (Object.keys(series).length === 0) return undefined;
  const labels = Object.entries({ ...plan.labels, ...groupLabels(plan) }).map(([k, v]) => `${k}="${v}"`).join(', ');
  return {
    window,
    tests: [{
      name: summed
        ? 'errors in an unscraped quarter of the window are not in the sums of the recorded 5-minute rates'
        : 'errors in an unscraped quarter of the window count in its raw rate',
      interval: `${STEP}m`,
      series,
      at: formatDuration((windowSteps + 2 * quarter) * STEP * 60_000),
      samples: { [`${names.ratio(window)}{${labels}}`]: summed ? 0 : 0.25 },
    }],
  };
}
