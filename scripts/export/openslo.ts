/**
 * The project's SLOs as OpenSLO v1: per SLO an `SLI` (a `ratioMetric` of
 * Prometheus queries) and the `SLO` that refers to it, with its rolling
 * window, objective and service. Selectors are written as selectors; a
 * grouped SLI or a ratio of queries as queries with Sloth's `{{.window}}`,
 * which `monac import` (and Sloth) read back. What OpenSLO has no field for
 * (tiers, alert names and labels, runbooks, no-data alerts) is not exported.
 */
import { formatDuration, parseDuration } from '../../schemas/duration.ts';
import type { Slo } from '../../schemas/slo.ts';
import { stableNumber, toYaml } from '../../generators/core/emit.ts';
import { instantiate, leMatcher, selector } from '../../generators/model/slo/expressions.ts';

const SLOTH_WINDOW = '{{.window}}';

/** PromQL's comparison as OpenSLO's objective writes it. */
export const OPENSLO_OP = { '<': 'lt', '<=': 'lte', '>': 'gt', '>=': 'gte' } as const;

/** The annotations that carry an SLI's scenario sample series. */
export const SAMPLE_GOOD = 'monac.dev/sample-good';
export const SAMPLE_BAD = 'monac.dev/sample-bad';

type Leaf = { metricSource: { type: 'Prometheus'; spec: { query: string } } };
const leaf = (query: string): Leaf => ({ metricSource: { type: 'Prometheus', spec: { query } } });

/** A selector as OpenSLO writes it: bare, or with the SLO's grouping as `sum by (...) (rate(...))` over Sloth's window. */
function counted(text: string, groupBy: readonly string[]): string {
  return groupBy.length === 0 ? text : `sum by (${groupBy.join(', ')}) (rate(${text}[${SLOTH_WINDOW}]))`;
}

const windowed = (query: string) => instantiate(query, SLOTH_WINDOW);

/** The `ratioMetric` of an SLO's SLI. */
export function ratioMetric(slo: Slo, prometheus: string): Record<string, unknown> {
  const by = slo.groupBy ?? [];
  if ('events' in slo.sli) {
    const { errors, good, total } = slo.sli.events;
    return { counter: true, ...(good === undefined ? { bad: leaf(counted(errors!, by)) } : { good: leaf(counted(good, by)) }), total: leaf(counted(total, by)) };
  }
  if ('latency' in slo.sli) {
    const { histogram, matchers = {}, threshold } = slo.sli.latency;
    return { counter: true, good: leaf(counted(selector(`${histogram}_bucket`, matchers, leMatcher(threshold, prometheus)), by)), total: leaf(counted(selector(`${histogram}_count`, matchers), by)) };
  }
  if ('availability' in slo.sli) {
    // The share of a 0/1 gauge's samples that read 1: what the availability SLI means, as one ratio.
    const gauge = selector(slo.sli.availability.metric, slo.sli.availability.matchers ?? {});
    const sum = by.length > 0 ? `sum by (${by.join(', ')})` : 'sum';
    return { rawType: 'success', raw: leaf(`${sum} (sum_over_time(${gauge}[${SLOTH_WINDOW}])) / ${sum} (count_over_time(${gauge}[${SLOTH_WINDOW}]))`) };
  }
  if ('timeslices' in slo.sli) throw new Error(`ratioMetric of the time-slice SLO ${slo.id}: it is a thresholdMetric`);
  const { errors, good, total, errorRatio, successRatio } = slo.sli.ratio;
  if (errorRatio !== undefined) return { rawType: 'failure', raw: leaf(windowed(errorRatio)) };
  if (successRatio !== undefined) return { rawType: 'success', raw: leaf(windowed(successRatio)) };
  return { counter: true, ...(good === undefined ? { bad: leaf(windowed(errors!)) } : { good: leaf(windowed(good)) }), total: leaf(windowed(total!)) };
}

/** A period in OpenSLO's duration-shorthand (one number, one unit): as written, else weeks, days, hours or minutes, the largest that divides it. */
export function shorthand(period: string): string {
  // As written when it already is one (28d stays 28d: the rules' names follow the period's text).
  if (/^[1-9]\d*[mhdw]$/.test(period)) return period;
  const ms = parseDuration(period)!;
  for (const [unit, size] of [['w', 604_800_000], ['d', 86_400_000], ['h', 3_600_000], ['m', 60_000]] as const) {
    if (ms % size === 0) return `${ms / size}${unit}`;
  }
  return formatDuration(ms);
}

/** The OpenSLO documents of one SLO, as one YAML file: its SLI, then its SLO. */
export function openSloFile(slo: Slo, service: { id: string; team: string }, prometheus: string): string {
  // OpenSLO labels are free metadata: the SLO's rule labels travel there, with the team.
  const metadata = { name: slo.id, labels: { ...slo.labels, team: service.team } };
  // A declared scenario sample has no OpenSLO field: annotations under monac's own prefix, which the import reads.
  const sample = 'events' in slo.sli ? slo.sli.events.sample : 'ratio' in slo.sli ? slo.sli.ratio.sample : undefined;
  const annotations = sample ? { [SAMPLE_GOOD]: sample.good, [SAMPLE_BAD]: sample.bad } : undefined;
  const slices = 'timeslices' in slo.sli ? slo.sli.timeslices : undefined;
  // A time slice is judged on one value of the query (timeSliceTarget 1: that value meets the threshold).
  const indicator = slices ? { thresholdMetric: leaf(windowed(slices.query)) } : { ratioMetric: ratioMetric(slo, prometheus) };
  const sli = { apiVersion: 'openslo/v1', kind: 'SLI', metadata: { ...metadata, annotations }, spec: { ...(slo.description ? { description: slo.description } : {}), ...indicator } };
  const target = stableNumber(slo.objective / 100);
  const spec = {
    ...(slo.description ? { description: slo.description } : {}),
    service: service.id,
    indicatorRef: slo.id,
    timeWindow: [slo.calendar
      // A calendar window starts on a period's first day (2020-01-06 was a Monday), in the SLO's zone.
      ? { duration: slo.calendar.unit === 'month' ? '1M' : '1w', calendar: { startTime: slo.calendar.unit === 'month' ? '2020-01-01 00:00:00' : '2020-01-06 00:00:00', timeZone: slo.calendar.timeZone ?? 'UTC' }, isRolling: false }
      : { duration: shorthand(slo.period ?? '30d'), isRolling: true }],
    budgetingMethod: slices ? 'Timeslices' : 'Occurrences',
    objectives: [slices ? { op: OPENSLO_OP[slices.op], value: slices.threshold, target, timeSliceTarget: 1, timeSliceWindow: shorthand(slices.slice) } : { target }],
  };
  // One header for the file: the second document goes without its own.
  return [toYaml(sli), toYaml({ apiVersion: 'openslo/v1', kind: 'SLO', metadata, spec }).replace(/^#[^\n]*\n\n/, '')].join('---\n');
}
