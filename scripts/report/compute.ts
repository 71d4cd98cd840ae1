import type { Slo } from '../../schemas/slo.ts';
import type { Model } from '../../generators/core/model.ts';
import { sliQueries } from '../../generators/model/slo/expressions.ts';
import { names as sloRecordNames } from '../../generators/model/slo/names.ts';
import { instantQuery, rangeQuery, type PrometheusClient } from '../verify/query.ts';
import type { Period } from './period.ts';

export interface DayFigure {
  readonly day: string;
  /** Null: no events that day. */
  readonly availability: number | null;
  readonly events: number;
  readonly bad: number;
}

export interface Incident {
  readonly alert: string;
  readonly tier: string;
  readonly window: string;
  readonly start: string;
  readonly minutes: number;
}

/** One SLO over one period. Null figures mean no data: the report never calls that met. */
export interface SloReport {
  readonly slo: string;
  readonly service: string;
  readonly description?: string | undefined;
  readonly objective: number;
  /** What one event is: a request (request-weighted) or a probe sample (time-weighted). */
  /** What the availability weighs: requests, probe samples, time slices, or nothing (a precomputed ratio's own value). */
  readonly weighting: 'requests' | 'probe samples' | 'time slices' | 'ratio';
  readonly events: number | null;
  readonly bad: number | null;
  readonly availability: number | null;
  readonly met: boolean | null;
  readonly budget: {
    readonly allowedBad: number;
    /** Fraction of the budget spent: 1 is all of it. */
    readonly used: number;
    readonly badLeft: number;
    /** The budget as downtime: the period's minutes times (1 - objective). */
    readonly minutes: number;
    readonly minutesUsed: number;
  } | null;
  readonly daily: readonly DayFigure[];
  readonly worstDays: readonly DayFigure[];
  /** Budget left at the end of each day, as a fraction of the period's budget. */
  readonly burnDown: readonly { readonly day: string; readonly left: number | null }[];
  readonly incidents: readonly Incident[];
  /**
   * Whether Prometheus holds alert history for the period: any ALERTS series, or
   * this SLO's recorded series (the rules ran there). False: backfilled data or
   * rules loaded elsewhere, so "no incident" would be a guess. Null: unknown.
   */
  readonly alertHistory: boolean | null;
  readonly problems: readonly string[];
}

export interface Report {
  readonly period: Period;
  readonly generatedFor: string;
  readonly slos: readonly SloReport[];
}

/** A precomputed ratio's total is one per series: its figures are its own value, not events. */
function weightingOf(slo: Slo): SloReport['weighting'] {
  if ('availability' in slo.sli) return 'probe samples';
  if ('timeslices' in slo.sli) return 'time slices';
  return 'ratio' in slo.sli && slo.sli.ratio.total === undefined ? 'ratio' : 'requests';
}

const sum = (values: readonly { value: number }[]) => values.reduce((s, v) => s + (Number.isNaN(v.value) ? 0 : v.value), 0);

/** Bad and all events over `seconds` ending at `at`: rates times the window for request SLIs, sample counts for probe SLIs. */
async function counts(client: PrometheusClient, slo: Slo, prometheus: string, seconds: number, at: number): Promise<{ events: number; bad: number } | { error: string } | undefined> {
  const q = sliQueries(slo, prometheus);
  const window = `${seconds}s`;
  const scale = weightingOf(slo) === 'requests' ? seconds : 1;
  const [total, errors] = await Promise.all([instantQuery(client, q.total(window), at), instantQuery(client, q.errors(window), at)]);
  if (total.kind === 'error') return { error: total.message };
  if (errors.kind === 'error') return { error: errors.message };
  if (total.values.length === 0 || sum(total.values) === 0) return undefined;
  return { events: sum(total.values) * scale, bad: sum(errors.values) * scale };
}

/**
 * Burn-rate alerts of the SLO from Prometheus' ALERTS history: each run of
 * firing samples is one incident. Queried a week at a time: Prometheus answers
 * at most 11,000 points per series.
 */
async function incidents(client: PrometheusClient, sloId: string, period: Period): Promise<Incident[] | { error: string }> {
  const step = 60;
  const chunk = 7 * 86_400;
  const points = new Map<string, { labels: Record<string, string>; times: number[] }>();
  for (let from = period.start; from < period.end; from += chunk) {
    const to = Math.min(from + chunk, period.end) - step;
    const result = await rangeQuery(client, `ALERTS{alertstate="firing", slo="${sloId}", slo_tier!=""}`, from, to, step);
    if (result.kind === 'error') return { error: result.message };
    for (const series of result.series) {
      const key = JSON.stringify(series.labels);
      const entry = points.get(key) ?? { labels: series.labels, times: [] };
      // One at a time: push(...points) passes every point as an argument, which overflows on a long history.
      for (const [t] of series.points) entry.times.push(t);
      points.set(key, entry);
    }
  }
  return [...points.values()].flatMap(({ labels, times }) => {
    const runs: [number, number][] = [];
    for (const t of times.sort((a, b) => a - b)) {
      const last = runs.at(-1);
      if (last && t - last[1] <= step) last[1] = t;
      else runs.push([t, t]);
    }
    return runs.map(([from, to]) => ({
      alert: labels.alertname ?? '?',
      tier: labels.slo_tier ?? '?',
      window: labels.long_window ?? '',
      start: new Date(from * 1000).toISOString(),
      minutes: (to - from + step) / 60,
    }));
  }).sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
}

/** Whether any ALERTS series or any of the SLO's recorded series exists in the period (see SloReport.alertHistory). */
async function hasAlertHistory(client: PrometheusClient, sloId: string, period: Period): Promise<boolean | { error: string }> {
  const range = `${period.end - period.start}s`;
  const query = `count(last_over_time(ALERTS[${range}])) or count(last_over_time(${sloRecordNames.objective}{slo="${sloId}"}[${range}]))`;
  const result = await instantQuery(client, query, period.end);
  if (result.kind === 'error') return { error: result.message };
  return result.values.some((v) => v.value > 0);
}

async function sloReport(client: PrometheusClient, model: Model, service: string, slo: Slo, period: Period): Promise<SloReport> {
  const prometheus = model.project.targets.prometheus;
  const problems: string[] = [];
  const whole = await counts(client, slo, prometheus, period.end - period.start, period.end);
  if (whole && 'error' in whole) problems.push(whole.error);
  const figures = whole && !('error' in whole) ? whole : undefined;
  const daily = await Promise.all(period.days.map(async (d): Promise<DayFigure> => {
    const c = await counts(client, slo, prometheus, d.end - d.start, d.end);
    return c && !('error' in c) ? { day: d.label, availability: 1 - c.bad / c.events, events: c.events, bad: c.bad } : { day: d.label, availability: null, events: 0, bad: 0 };
  }));
  const objective = slo.objective / 100;
  const availability = figures ? 1 - figures.bad / figures.events : null;
  const allowedBad = figures ? (1 - objective) * figures.events : 0;
  const periodMinutes = (period.end - period.start) / 60;
  const budget = figures ? {
    allowedBad,
    used: figures.bad / allowedBad,
    badLeft: allowedBad - figures.bad,
    minutes: periodMinutes * (1 - objective),
    minutesUsed: periodMinutes * (1 - objective) * (figures.bad / allowedBad),
  } : null;
  let spent = 0;
  const burnDown = daily.map((d) => {
    spent += d.bad;
    return { day: d.day, left: figures ? 1 - spent / allowedBad : null };
  });
  const found = await incidents(client, slo.id, period);
  let alertHistory: boolean | null = null;
  if ('error' in found) problems.push(found.error);
  else {
    // An incident is history enough; without one, ask whether the rules ran there at all.
    const known = found.length > 0 || (await hasAlertHistory(client, slo.id, period));
    if (typeof known === 'boolean') alertHistory = known;
    else problems.push(known.error);
  }
  return {
    slo: slo.id,
    service,
    description: slo.description,
    objective,
    weighting: weightingOf(slo),
    events: figures?.events ?? null,
    bad: figures?.bad ?? null,
    availability,
    met: availability === null ? null : availability >= objective,
    budget,
    daily,
    worstDays: daily.filter((d) => d.availability !== null).sort((a, b) => a.availability! - b.availability!).slice(0, 3),
    burnDown,
    incidents: 'error' in found ? [] : found,
    alertHistory,
    problems: [...new Set(problems)],
  };
}

/** Every selected SLO's report for the period. */
export async function buildReport(client: PrometheusClient, model: Model, period: Period, filter: { services?: string[] | undefined; slos?: string[] | undefined }): Promise<Report> {
  const selected = model.services
    .filter((s) => !filter.services || filter.services.includes(s.id))
    .flatMap((s) => s.slos.map(({ slo }) => ({ service: s.id, slo })))
    .filter(({ slo }) => !filter.slos || filter.slos.includes(slo.id));
  const slos = [];
  for (const { service, slo } of selected) slos.push(await sloReport(client, model, service, slo, period));
  return { period, generatedFor: client.url, slos };
}
