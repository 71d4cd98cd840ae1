import { z } from 'zod';
import { id, labelName, labels, pattern, positiveDuration } from './common.ts';
import { durationPattern } from './duration.ts';
import { runbook } from './runbook.ts';
import { recordSource } from './source.ts';

/** Equality matchers of a series, label name to value. @example { job: 'api' } */
const matchers = z.record(labelName, z.string());

/** One good and one bad counter for the generated scenario tests. */
const sample = z.strictObject({ good: z.string().min(1), bad: z.string().min(1) });

/**
 * Ratio of events, from two counters' selectors: failed requests (`errors`)
 * or successful ones (`good`, errors being total minus good) over all
 * requests (`total`). Selectors are PromQL vector selectors.
 */
export const eventsSli = z.strictObject({
  /** @example 'http_requests_total{job="api", code=~"5.."}' */
  errors: z.string().min(1).optional(),
  /** Instead of errors: the good events. @example 'http_requests_total{job="api", code!~"5.."}' */
  good: z.string().min(1).optional(),
  /** @example 'http_requests_total{job="api"}' */
  total: z.string().min(1),
  /**
   * One good and one bad series for the generated scenario tests; derived
   * from the selectors when they use only equality and simple regexes.
   */
  sample: sample.optional(),
}).superRefine((sli, ctx) => {
  if ((sli.errors === undefined) === (sli.good === undefined)) {
    ctx.addIssue({ code: 'custom', path: [sli.errors === undefined ? 'errors' : 'good'], message: 'give exactly one of errors and good', params: { code: 'slo/sli-shape' } });
  }
});

/** Where a ratio's queries take each window: `rate(x[$window])`. */
export const WINDOW_PLACEHOLDER = '$window';

/**
 * A ratio of PromQL queries, for SLIs that are not one selector over
 * another: `errors` or `good` over `total`, each an instant-vector query
 * that writes `$window` where the window goes (`sum(rate(x[$window]))`), or
 * one query that is already the ratio (`errorRatio`, `successRatio`). The
 * rules instantiate the queries for every window; each instance is
 * type-checked. A precomputed ratio cannot be weighted by requests: the
 * windows summed from 5-minute recordings average its 5-minute values.
 */
export const ratioSli = z.strictObject({
  /** @example 'sum(rate(http_requests_total{code=~"5.."}[$window]))' */
  errors: z.string().min(1).optional(),
  good: z.string().min(1).optional(),
  total: z.string().min(1).optional(),
  /** A query whose value is the error ratio over $window, 0 to 1. */
  errorRatio: z.string().min(1).optional(),
  /** A query whose value is the success ratio over $window, 0 to 1. */
  successRatio: z.string().min(1).optional(),
  /**
   * One good and one bad counter for the scenario tests; derived when the
   * numerator and the total read one selector each (or a precomputed ratio
   * is one such query over another).
   */
  sample: sample.optional(),
}).superRefine((sli, ctx) => {
  const given = (['errors', 'good', 'total', 'errorRatio', 'successRatio'] as const).filter((k) => sli[k] !== undefined);
  const shapes = [['errors', 'total'], ['good', 'total'], ['errorRatio'], ['successRatio']];
  if (!shapes.some((shape) => shape.join() === given.join())) {
    ctx.addIssue({ code: 'custom', path: [given.find((k) => k !== 'total') ?? 'total'], message: `give errors and total, good and total, errorRatio, or successRatio (got ${given.join(', ') || 'none'})`, params: { code: 'slo/sli-shape' } });
  }
  for (const key of given) {
    if (!sli[key]!.includes(WINDOW_PLACEHOLDER)) {
      ctx.addIssue({ code: 'custom', path: [key], message: `must write ${WINDOW_PLACEHOLDER} where each window goes, as in rate(x[${WINDOW_PLACEHOLDER}]): the rules instantiate it for every window`, params: { code: 'slo/window-placeholder' } });
    }
  }
});

/** Share of requests slower than a threshold, from a classic histogram's `le` bucket. */
export const latencySli = z.strictObject({
  /** The histogram's name, without `_bucket`. @example 'http_request_duration_seconds' */
  histogram: pattern(/^[a-zA-Z_:][a-zA-Z0-9_:]*$/, 'schema/metric-name', 'must be a metric name'),
  matchers: matchers.optional(),
  /** Seconds; must be one of the histogram's bucket bounds. @example 0.2 */
  threshold: z.number().positive(),
});

/**
 * Availability from a 0/1 gauge: `up` of a job, or a blackbox exporter's
 * `probe_success`. Bad events are the failed samples, all events all samples.
 */
export const availabilitySli = z.strictObject({
  /** @example 'probe_success' */
  metric: pattern(/^[a-zA-Z_:][a-zA-Z0-9_:]*$/, 'schema/metric-name', 'must be a metric name'),
  /** @example { job: 'genesis-health-ready' } */
  matchers: matchers.optional(),
});

/**
 * Time slices: the period is cut into slices (a minute, say), a slice is good
 * when `query op threshold` holds over it (OpenSLO's `Timeslices`), and the
 * objective is the share of good slices. The query writes `$window` where
 * the slice goes; a recording evaluated once a slice judges it (a slice
 * whose query gives no value, or NaN, is not counted), and the SLO's windows
 * count good and bad slices as an availability SLI counts probe samples.
 */
export const timeslicesSli = z.strictObject({
  /** Length of a slice, at most the shortest tier window. @example '1m' */
  slice: positiveDuration,
  /** @example 'histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket{job="api"}[$window])))' */
  query: z.string().min(1).refine((q) => q.includes(WINDOW_PLACEHOLDER), {
    message: `must write ${WINDOW_PLACEHOLDER} where the slice goes, as in rate(x[${WINDOW_PLACEHOLDER}])`,
    params: { code: 'slo/window-placeholder' },
  }),
  /** A slice is good when its value compares so with the threshold. */
  op: z.enum(['<', '<=', '>', '>=']),
  /** @example 0.3 */
  threshold: z.number(),
});

/** Labels the SLO's rules set themselves: an alert's own labels cannot replace them. */
export const SLO_ALERT_LABELS = ['severity', 'slo', 'service', 'team', 'slo_tier', 'long_window', 'short_window', 'budget_spent'] as const;

const alertLabels = labels.refine((l) => !SLO_ALERT_LABELS.some((k) => k in l), {
  message: `${SLO_ALERT_LABELS.join(', ')} are set by the SLO's rules (severity from the tier: page critical, ticket warning); remove them here`,
  params: { code: 'schema/reserved-label' },
});

/** Static annotations: the scenario tests expect them as written, so they cannot be templates. */
const alertAnnotations = z.record(
  pattern(/^[a-zA-Z_][a-zA-Z0-9_]*$/, 'schema/annotation-name', 'must be an annotation name ([a-zA-Z_][a-zA-Z0-9_]*)'),
  z.string().refine((text) => !text.includes('{{'), { message: 'must be static text: the scenario tests expect each annotation as written, and a template would render per alert', params: { code: 'slo/templated-annotation' } }),
);

const alertExtras = z.strictObject({ labels: alertLabels.optional(), annotations: alertAnnotations.optional() });

/** One alerting tier: a long and a short window and the share of the period's budget it guards. */
export const burnTier = z.strictObject({
  longWindow: positiveDuration,
  shortWindow: positiveDuration,
  /** Percent of the period's error budget spent over the long window that trips the tier. */
  budgetPercent: z.number().positive().max(100),
  /**
   * Instead of budgetPercent: the burn rate that trips the tier, as Pyrra
   * and the SRE workbook write it (14 for a fast page). The budget share
   * follows: burn rate x long window / period.
   */
  burnRate: z.number().positive().optional(),
  for: pattern(durationPattern, 'schema/duration', 'must be a Prometheus duration such as 2m').optional(),
});

const tierOverride = z.union([
  z.literal(false),
  burnTier.partial().refine((t) => t.budgetPercent === undefined || t.burnRate === undefined, {
    message: 'give budgetPercent or burnRate, not both: each sets the other',
    path: ['burnRate'],
    params: { code: 'slo/sli-shape' },
  }),
]);

/**
 * How the burn-rate windows longer than 5 minutes are computed. `accurate`: a
 * raw `rate` over each window, as Sloth does; its cost grows with the window
 * and the SLI's series. `efficient`: `sum_over_time` of the recorded 5-minute
 * error and request rates, as the period's SLI already is; it costs next to
 * nothing, but a window only holds as much history as the recordings have run
 * (less than its length after a first deploy), and misses errors whose samples
 * were never scraped.
 */
export const longWindows = z.enum(['accurate', 'efficient']);

/**
 * Fixed-offset time zones, as IANA names them: UTC, or Etc/GMT+N and
 * Etc/GMT-N (POSIX signs: Etc/GMT-2 is two hours ahead of UTC). Zones with
 * daylight saving have no fixed offset for the rules to add.
 */
export const fixedTimeZone = pattern(/^(UTC|Etc\/UTC|Etc\/GMT|Etc\/GMT[+-]([0-9]|1[0-4]))$/, 'schema/time-zone', 'must be UTC or a fixed-offset zone such as Etc/GMT-2 (two hours ahead of UTC): the rules add a fixed offset, and a zone with daylight saving has none');

/**
 * A calendar-aligned period: the budget is the current calendar month's (or
 * week's, Monday to Monday) and starts afresh with the next. The burn-rate
 * tiers keep their windows, sized against 30 days (a month) or 7 (a week).
 */
export const calendarPeriod = z.strictObject({
  unit: z.enum(['month', 'week']),
  /** @default 'UTC' */
  timeZone: fixedTimeZone.optional(),
});

/** A service level objective. */
export const slo = z.strictObject({
  /** kebab-case, unique in the estate; the `slo` label of every rule. @example 'genesis-availability' */
  id,
  description: z.string().optional(),
  /** Percent of good events over the period. @example 99.9 */
  objective: z.number().gt(0).lt(100, { error: 'must be below 100 (a 100% objective leaves no error budget)' }),
  /** A rolling period. @default '30d' */
  period: positiveDuration.optional(),
  /** Instead of a rolling period: the calendar month or week. @example { unit: 'month' } */
  calendar: calendarPeriod.optional(),
  sli: z.union([z.strictObject({ events: eventsSli }), z.strictObject({ ratio: ratioSli }), z.strictObject({ latency: latencySli }), z.strictObject({ availability: availabilitySli }), z.strictObject({ timeslices: timeslicesSli })]),
  /** How windows longer than 5m are computed. @default the project's `slo.longWindows`, else 'efficient' */
  longWindows: longWindows.optional(),
  /** One SLO per value of these labels (namespaces, tenants). */
  groupBy: z.array(labelName).optional(),
  /** Labels on every rule and alert of the SLO. */
  labels: labels.optional(),
  /** Alert name of the burn-rate alerts. @default the id in PascalCase + 'BudgetBurn' */
  alert: pattern(/^[A-Z][A-Za-z0-9]*$/, 'schema/alert-name', 'must be a PascalCase alert name').optional(),
  /**
   * Override or disable (`false`) a tier of the SRE workbook defaults:
   * fastPage 1h/5m 2%, slowPage 6h/30m 5%, fastTicket 1d/2h 10%, slowTicket 3d/6h 10%.
   */
  tiers: z.strictObject({
    fastPage: tierOverride.optional(),
    slowPage: tierOverride.optional(),
    fastTicket: tierOverride.optional(),
    slowTicket: tierOverride.optional(),
  }).optional(),
  /**
   * Labels and annotations on the SLO's alerts (burn-rate, budget and no-data),
   * and on the page or ticket burn-rate alerts only (Sloth's page_alert and
   * ticket_alert). An annotation given here replaces the generated one.
   */
  alerting: alertExtras.extend({ page: alertExtras.optional(), ticket: alertExtras.optional() }).optional(),
  /**
   * Low traffic: the fewest events (requests) a tier's long window must hold
   * for the tier to alert. Below it, a few errors are a large ratio that
   * pages nobody. Events or ratio-of-counters SLIs and latency SLIs only.
   * @example 100
   */
  minEvents: z.number().int().positive().optional(),
  /** Alerts at 50% and 80% of the period's budget spent. @default true */
  budgetAlerts: z.boolean().optional(),
  /** Also alert (warning) when the SLI's series have been absent this long. */
  noDataFor: positiveDuration.optional(),
  summary: z.string().optional(),
  /** What the responder does when the SLO's burn-rate and budget alerts fire. */
  runbook: runbook.optional(),
});

/** Defaults of every SLO of the project. */
export const sloSettings = z.strictObject({
  /** @default 'efficient' */
  longWindows: longWindows.optional(),
});

export type LongWindows = z.output<typeof longWindows>;
export type SloInput = z.input<typeof slo>;
export type Slo = z.output<typeof slo>;

/** Declares an SLO and records where, so diagnostics about it point here. */
export function defineSlo(input: SloInput): SloInput {
  return recordSource({ ...input });
}
