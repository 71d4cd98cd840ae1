import type { Slo } from '../../../schemas/slo.ts';
import { compareVersions } from '../../core/features.ts';

/** PromQL for an SLO's events over a window: bad events, all events, and their ratio. */
export interface SliQueries {
  errors(window: string): string;
  total(window: string): string;
}

/** `sum(` or `sum by (a, b) (`, as people write them. */
const by = (groupBy: readonly string[]) => (groupBy.length > 0 ? `sum by (${groupBy.join(', ')}) (` : 'sum(');

/** A classic histogram's `le` as the target stores it: Prometheus 3 writes `1` as `1.0`. */
export function leMatcher(threshold: number, prometheus: string): string {
  const text = String(threshold);
  if (compareVersions(prometheus, '3.0.0') >= 0 && Number.isInteger(threshold)) return `le=~"${text}(\\\\.0)?"`;
  return `le="${text}"`;
}

function selector(metric: string, matchers: Readonly<Record<string, string>>, extra?: string): string {
  const parts = [...Object.entries(matchers).map(([k, v]) => `${k}="${v}"`), ...(extra ? [extra] : [])];
  return parts.length > 0 ? `${metric}{${parts.join(', ')}}` : metric;
}

/** Every vector selector the SLO's rules are built from, and the declaration field it comes from. */
export function sliSelectors(slo: Slo, prometheus: string): { field: readonly PropertyKey[]; text: string }[] {
  if ('events' in slo.sli) {
    return [{ field: ['sli', 'events', 'errors'], text: slo.sli.events.errors }, { field: ['sli', 'events', 'total'], text: slo.sli.events.total }];
  }
  if ('availability' in slo.sli) return [{ field: ['sli', 'availability'], text: selector(slo.sli.availability.metric, slo.sli.availability.matchers ?? {}) }];
  const { histogram, matchers = {}, threshold } = slo.sli.latency;
  return [
    { field: ['sli', 'latency'], text: selector(`${histogram}_count`, matchers) },
    { field: ['sli', 'latency'], text: selector(`${histogram}_bucket`, matchers, leMatcher(threshold, prometheus)) },
  ];
}

/** The series whose absence means the SLI has no data. */
export function sliSeries(slo: Slo): string {
  if ('events' in slo.sli) return slo.sli.events.total;
  if ('availability' in slo.sli) return selector(slo.sli.availability.metric, slo.sli.availability.matchers ?? {});
  return selector(`${slo.sli.latency.histogram}_count`, slo.sli.latency.matchers ?? {});
}

export function sliQueries(slo: Slo, prometheus: string): SliQueries {
  const sum = by(slo.groupBy ?? []);
  if ('events' in slo.sli) {
    const { errors, total } = slo.sli.events;
    return { errors: (w) => `${sum}rate(${errors}[${w}]))`, total: (w) => `${sum}rate(${total}[${w}]))` };
  }
  if ('availability' in slo.sli) {
    const gauge = selector(slo.sli.availability.metric, slo.sli.availability.matchers ?? {});
    return {
      errors: (w) => `(${sum}count_over_time(${gauge}[${w}])) - ${sum}sum_over_time(${gauge}[${w}])))`,
      total: (w) => `${sum}count_over_time(${gauge}[${w}]))`,
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
  return `(${q.errors(window)} or 0 * ${q.total(window)}) / (${q.total(window)} > 0)`;
}
