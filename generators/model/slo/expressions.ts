import { WINDOW_PLACEHOLDER, type Slo } from '../../../schemas/slo.ts';
import { compareVersions } from '../../core/features.ts';
import { parsePromql } from '../../promql/parse.ts';
import { names } from './names.ts';

/** PromQL for an SLO's events over a window: bad events, all events, and their ratio. */
export interface SliQueries {
  errors(window: string): string;
  total(window: string): string;
  /** The errors have a sample wherever the total has one (they are worked out from it), so none need counting as zero. */
  readonly errorsWithTotal?: boolean;
}

/** `sum(` or `sum by (a, b) (`, as people write them. */
const by = (groupBy: readonly string[]) => (groupBy.length > 0 ? `sum by (${groupBy.join(', ')}) (` : 'sum(');

/** A classic histogram's `le` as the target stores it: Prometheus 3 writes `1` as `1.0`. */
export function leMatcher(threshold: number, prometheus: string): string {
  const text = String(threshold);
  if (compareVersions(prometheus, '3.0.0') >= 0 && Number.isInteger(threshold)) return `le=~"${text}(\\\\.0)?"`;
  return `le="${text}"`;
}

/** `metric{k="v", ...}` with an extra matcher written as given. */
export function selector(metric: string, matchers: Readonly<Record<string, string>>, extra?: string): string {
  const parts = [...Object.entries(matchers).map(([k, v]) => `${k}="${v}"`), ...(extra ? [extra] : [])];
  return parts.length > 0 ? `${metric}{${parts.join(', ')}}` : metric;
}

/** A ratio SLI's query for one window. */
export const instantiate = (query: string, window: string) => query.split(WINDOW_PLACEHOLDER).join(window);

type RatioSli = Extract<Slo['sli'], { ratio: unknown }>['ratio'];

/** The queries a ratio SLI declares, and the field each comes from. */
export function ratioQueries(sli: RatioSli): { field: 'errors' | 'good' | 'total' | 'errorRatio' | 'successRatio'; query: string }[] {
  return (['errors', 'good', 'total', 'errorRatio', 'successRatio'] as const).flatMap((field) => (sli[field] === undefined ? [] : [{ field, query: sli[field]! }]));
}

/** The recorded 0/1 series of a time-slice SLO's slices. */
export const sliceSeries = (slo: Pick<Slo, 'id'>) => selector(names.sliceGood, { slo: slo.id });

/** Every vector selector the SLO's rules are built from, and the declaration field it comes from (events and the histogram's; a ratio's queries are checked as queries). */
export function sliSelectors(slo: Slo, prometheus: string): { field: readonly PropertyKey[]; text: string }[] {
  if ('events' in slo.sli) {
    const { errors, good, total } = slo.sli.events;
    return [
      good === undefined ? { field: ['sli', 'events', 'errors'], text: errors! } : { field: ['sli', 'events', 'good'], text: good },
      { field: ['sli', 'events', 'total'], text: total },
    ];
  }
  if ('ratio' in slo.sli || 'timeslices' in slo.sli) return [];
  if ('availability' in slo.sli) return [{ field: ['sli', 'availability'], text: selector(slo.sli.availability.metric, slo.sli.availability.matchers ?? {}) }];
  const { histogram, matchers = {}, threshold } = slo.sli.latency;
  return [
    { field: ['sli', 'latency'], text: selector(`${histogram}_count`, matchers) },
    { field: ['sli', 'latency'], text: selector(`${histogram}_bucket`, matchers, leMatcher(threshold, prometheus)) },
  ];
}

/** The series whose absence means the SLI has no data: for a ratio, the first selector of its total (or its ratio query). */
export function sliSeries(slo: Slo): string {
  if ('events' in slo.sli) return slo.sli.events.total;
  if ('ratio' in slo.sli) {
    const [first] = parsePromql(instantiate(slo.sli.ratio.total ?? slo.sli.ratio.errorRatio ?? slo.sli.ratio.successRatio!, '5m')).selectors;
    return first ? first.text.replace(/\[[^\]]*\]$/, '') : 'vector(1)';
  }
  if ('availability' in slo.sli) return selector(slo.sli.availability.metric, slo.sli.availability.matchers ?? {});
  if ('timeslices' in slo.sli) return sliceSeries(slo);
  return selector(`${slo.sli.latency.histogram}_count`, slo.sli.latency.matchers ?? {});
}

/**
 * Errors as total minus good. A missing good series counts as none good, not
 * as no errors: a service failing every request may never have written it.
 */
const minusGood = (total: string, good: string) => `${total} - (${good} or 0 * ${total})`;

export function sliQueries(slo: Slo, prometheus: string): SliQueries {
  const sum = by(slo.groupBy ?? []);
  if ('events' in slo.sli) {
    const { errors, good, total } = slo.sli.events;
    const all = (w: string) => `${sum}rate(${total}[${w}]))`;
    return {
      errors: good === undefined ? (w) => `${sum}rate(${errors}[${w}]))` : (w) => `(${minusGood(all(w), `${sum}rate(${good}[${w}]))`)})`,
      total: all,
      errorsWithTotal: good !== undefined,
    };
  }
  if ('ratio' in slo.sli) {
    const { errors, good, total, errorRatio: failing, successRatio } = slo.sli.ratio;
    const q = (query: string) => (w: string) => `(${instantiate(query, w)})`;
    if (total !== undefined) {
      const all = q(total);
      return { errors: good === undefined ? q(errors!) : (w) => `(${minusGood(all(w), q(good)(w))})`, total: all, errorsWithTotal: good !== undefined };
    }
    // A precomputed ratio: its value over one event per series, so the rules' sums average it.
    const ratio = failing !== undefined ? q(failing) : (w: string) => `(1 - ${q(successRatio!)(w)})`;
    return { errors: ratio, total: (w) => `(${ratio(w)} * 0 + 1)`, errorsWithTotal: true };
  }
  if ('availability' in slo.sli || 'timeslices' in slo.sli) {
    // A time slice counts as a probe sample does: one per slice, 1 good, 0 bad.
    const gauge = 'availability' in slo.sli ? selector(slo.sli.availability.metric, slo.sli.availability.matchers ?? {}) : sliceSeries(slo);
    return {
      errors: (w) => `(${sum}count_over_time(${gauge}[${w}])) - ${sum}sum_over_time(${gauge}[${w}])))`,
      total: (w) => `${sum}count_over_time(${gauge}[${w}]))`,
      errorsWithTotal: true,
    };
  }
  const { histogram, matchers = {}, threshold } = slo.sli.latency;
  const count = selector(`${histogram}_count`, matchers);
  const fast = selector(`${histogram}_bucket`, matchers, leMatcher(threshold, prometheus));
  return {
    errors: (w) => `(${sum}rate(${count}[${w}])) - ${sum}rate(${fast}[${w}])))`,
    total: (w) => `${sum}rate(${count}[${w}]))`,
  };
}

/**
 * Bad over all events. No traffic gives no sample, never NaN: the divisor is
 * filtered to positive rates, and a missing error series counts as zero.
 */
export function errorRatio(q: SliQueries, window: string): string {
  return `(${errorsOrZero(q, window)}) / (${q.total(window)} > 0)`;
}

/** The errors over a window, zero where the total has a sample and the errors none. */
export function errorsOrZero(q: SliQueries, window: string): string {
  return q.errorsWithTotal ? q.errors(window) : `${q.errors(window)} or 0 * ${q.total(window)}`;
}
