import { formatDuration, parseDuration } from '../../../schemas/duration.ts';
import type { LongWindows, Slo } from '../../../schemas/slo.ts';
import { stableNumber } from '../../core/emit.ts';
import { sortLabels } from '../../core/labels.ts';
import { runbookUrl } from '../../core/links.ts';
import { linkUrl, sloDashboardLink } from '../dashboards.ts';
import type { AlertModel, ProjectModel, RecordModel, UnplacedRuleGroup, Site } from '../../core/model.ts';
import { parsePromql } from '../../promql/parse.ts';
import { errorRatio, errorsOrZero, instantiate, sliQueries, sliSeries } from './expressions.ts';
import { budgetScenarios, burnScenarios, gapScenario, seriesFor, unscrapedScenario } from './scenarios.ts';
import { names } from './names.ts';
import { defaultLongWindows, fromRecordedRates, periodText, referencePeriod, tiersOf, windowsOf, type Tier } from './windows.ts';
import { hourly, periodDays, periodElapsed, periodIndex, periodToDate } from './calendar.ts';

export { names };

export const pascal = (id: string) => id.split('-').map((w) => w[0]!.toUpperCase() + w.slice(1)).join('');

/** Everything the SLO's rules and tests need, worked out once. */
export interface SloPlan {
  readonly slo: Slo;
  readonly service: { readonly id: string; readonly team: string };
  readonly tiers: readonly Tier[];
  readonly errorBudget: number;
  readonly period: string;
  /** What the budget is of, in words: `30d`, or `calendar month` for a calendar-aligned period. */
  readonly budgetPeriod: string;
  /** How windows longer than 5m are computed. */
  readonly longWindows: LongWindows;
  readonly labels: Readonly<Record<string, string>>;
  readonly alertName: string;
  readonly site: Site;
}

export function planSlo(slo: Slo, service: { id: string; team: string }, site: Site): SloPlan {
  return {
    slo,
    service,
    tiers: tiersOf(slo),
    errorBudget: stableNumber(1 - slo.objective / 100),
    period: referencePeriod(slo),
    budgetPeriod: periodText(slo),
    longWindows: slo.longWindows ?? defaultLongWindows,
    labels: sortLabels({ ...slo.labels, slo: slo.id, service: service.id, team: service.team }),
    alertName: slo.alert ?? `${pascal(slo.id)}BudgetBurn`,
    site,
  };
}

/** The SLO's two groups (SLI and metadata records, then alerts), in their own rule file. */
export function sloGroups(plan: SloPlan, project: Pick<ProjectModel, 'links' | 'targets' | 'grafana'>): UnplacedRuleGroup[] {
  const file = `slo-${plan.slo.id}`;
  const common = { service: plan.service.id, file, fromSlo: plan.slo.id, testEvaluationInterval: '1m' };
  return [
    ...sliceGroups(plan, file, common),
    { name: `${file}-recordings`, ...common, records: records(plan, project.targets.prometheus), alerts: [], site: plan.site },
    { name: `${file}-alerts`, ...common, records: [], alerts: alerts(plan, project), site: plan.site },
  ];
}

/**
 * A time-slice SLI's own group, evaluated once a slice: the query over the
 * latest slice, and 1 or 0 as it meets the threshold. A slice whose query
 * gives NaN (no requests to take a quantile of) is not judged, as one with
 * no value at all.
 */
function sliceGroups(plan: SloPlan, file: string, common: Omit<UnplacedRuleGroup, 'name' | 'records' | 'alerts' | 'site'>): UnplacedRuleGroup[] {
  if (!('timeslices' in plan.slo.sli)) return [];
  const { query, op, threshold } = plan.slo.sli.timeslices;
  const slice = formatDuration(parseDuration(plan.slo.sli.timeslices.slice)!);
  const value = `${names.sliceValue}{slo="${plan.slo.id}"}`;
  return [{
    name: `${file}-slices`,
    ...common,
    interval: slice,
    records: [
      record(plan, names.sliceValue, instantiate(query, slice).trim()),
      record(plan, names.sliceGood, `(${value} ${op} bool ${stableNumber(threshold)}) and (${value} == ${value})`),
    ],
    alerts: [],
    site: plan.site,
  }];
}

/**
 * The mean rate over window `w` from a recorded 5-minute rate, as a raw
 * `rate` over `w` reads it. The mean of the 5-minute rates recorded over `w`
 * weighs the window's last 5 minutes in a falling ramp and the 5 minutes
 * before it in a rising one, which lags a raw window by 2.5 minutes: a page
 * tier would fire minutes late. Adding 2.5 minutes' worth of the newest rate
 * and taking away that of the rate `w` ago gives back the raw window's
 * edges (exactly for a steady rate that changes once). No rate `w` ago (a
 * history shorter than the window) counts as none.
 */
export function edgeCorrected(rate: string, w: string): string {
  const share = stableNumber(150 / (parseDuration(w)! / 1000));
  return `(avg_over_time(${rate}[${w}]) + ${share} * (${rate} - (${rate} offset ${w} or 0 * ${rate})))`;
}

function record(plan: SloPlan, name: string, expr: string, tests: RecordModel['tests'] = []): RecordModel {
  return { name, service: plan.service.id, expr, labels: plan.labels, tests, site: { ...plan.site, subject: `${plan.slo.id}:${name}` } };
}

function records(plan: SloPlan, prometheus: string): RecordModel[] {
  const q = sliQueries(plan.slo, prometheus);
  const of = `{slo="${plan.slo.id}"}`;
  const eb = plan.errorBudget;
  // Request-weighted: sums of the 5-minute rates, not a mean of 5-minute ratios.
  const summed = (w: string) => `sum_over_time(${names.errors5m}${of}[${w}]) / (sum_over_time(${names.total5m}${of}[${w}]) > 0)`;
  const windowed = (w: string) => `${edgeCorrected(names.errors5m + of, w)} / (${edgeCorrected(names.total5m + of, w)} > 0)`;
  // The page tiers' windows are edge-corrected: a page must not come minutes late. A ticket's 2.5 minutes
  // against its hour-long `for` do not matter, and the correction costs evaluation time.
  const paging = new Set(plan.tiers.filter((t) => t.kind === 'page').flatMap((t) => [t.longWindow, t.shortWindow].map((d) => formatDuration(parseDuration(d)!))));
  const unscraped = unscrapedScenario(plan, prometheus);
  const windows = windowsOf(plan.tiers).map((w) => {
    const tests = [...(w === '5m' ? gapScenario(plan) : []), ...(w === unscraped?.window ? unscraped.tests : [])];
    const expr = fromRecordedRates(plan.longWindows, w) ? (paging.has(w) ? windowed(w) : summed(w))
      : plan.longWindows === 'efficient' ? `${names.errors5m}${of} / (${names.total5m}${of} > 0)` : errorRatio(q, w);
    return record(plan, names.ratio(w), expr, tests);
  });
  const rates = [record(plan, names.errors5m, errorsOrZero(q, '5m')), record(plan, names.total5m, q.total('5m'))];
  const calendar = plan.slo.calendar;
  return [
    // Windows built from the 5-minute rates come after them, so each evaluation sees its own rates.
    ...(plan.longWindows === 'efficient' ? [...rates, ...windows] : [...windows, ...rates]),
    record(plan, names.ratio(plan.period), summed(plan.period)),
    record(plan, names.objective, `vector(${stableNumber(plan.slo.objective / 100)})`),
    record(plan, names.errorBudget, `vector(${eb})`),
    record(plan, names.periodDays, calendar ? periodDays(calendar) : `vector(${stableNumber(parseDuration(plan.period)! / 86_400_000)})`),
    record(plan, names.currentBurn, `${names.ratio('5m')}${of} / ${eb}`),
    ...(calendar ? [
      // A calendar period: the burn since it started, and the budget spent as that burn times the share gone by.
      record(plan, names.periodIndex, periodIndex(calendar)),
      record(plan, names.errors1h, hourly(names.errors5m, plan.slo.id)),
      record(plan, names.total1h, hourly(names.total5m, plan.slo.id)),
      record(plan, names.periodToDate, periodToDate(calendar, plan.slo.id)),
      record(plan, names.periodElapsed, periodElapsed(calendar)),
      record(plan, names.periodBurn, `${names.periodToDate}${of} / ${eb}`),
      record(plan, names.budgetRemaining, `1 - ${names.periodBurn}${of} * on() group_left() ${names.periodElapsed}${of}`),
    ] : [
      record(plan, names.periodBurn, `${names.ratio(plan.period)}${of} / ${eb}`),
      record(plan, names.budgetRemaining, `1 - ${names.periodBurn}${of}`),
    ]),
  ];
}

function alert(plan: SloPlan, project: Pick<ProjectModel, 'links' | 'grafana'>, a: Omit<AlertModel, 'service' | 'site' | 'annotations'> & { summary: string; description: string; tier?: 'page' | 'ticket' }): AlertModel {
  const { runbooks, grafana } = project.links;
  const { summary, description, tier, ...rest } = a;
  const declared = plan.slo.alerting;
  const extra = tier ? declared?.[tier] : undefined;
  return {
    ...rest,
    labels: sortLabels({ ...declared?.labels, ...extra?.labels, ...rest.labels }),
    service: plan.service.id,
    annotations: sortLabels({
      summary,
      description,
      runbook_url: runbooks && runbookUrl(runbooks, plan.service.id, a.name),
      dashboard_url: grafana && linkUrl(grafana, sloDashboardLink(project, plan.slo.id)),
      ...declared?.annotations,
      ...extra?.annotations,
    }),
    runbook: plan.slo.runbook,
    site: { ...plan.site, subject: `${plan.slo.id}:${a.name}` },
  };
}

/** The threshold of a tier: factor x error budget, printed stably. */
export const threshold = (tier: Tier, errorBudget: number) => stableNumber(tier.factor * errorBudget);

function alerts(plan: SloPlan, project: Pick<ProjectModel, 'links' | 'grafana'>): AlertModel[] {
  const burn = burnAlerts(plan, project);
  const byTier = Object.fromEntries(plan.tiers.map((tier, i) => [tier.name, burn[i]!]));
  const scenarios = burnScenarios(plan, byTier);
  const budget = budgetAlerts(plan, project);
  const byPercent = Object.fromEntries(budget.map((a) => [a.labels.budget_spent!.replace('%', ''), a]));
  return [
    ...burn.map((alert, i) => ({ ...alert, tests: scenarios.filter((s) => s.tier === plan.tiers[i]!.name).map((s) => s.test) })),
    ...budget.map((alert) => ({ ...alert, tests: budgetScenarios(plan, Number(alert.labels.budget_spent!.replace('%', '')), byPercent) })),
    ...noDataAlert(plan, project),
  ];
}

/** The optional alert for an SLI whose series stopped arriving. */
function noDataAlert(plan: SloPlan, project: Pick<ProjectModel, 'links' | 'grafana'>): AlertModel[] {
  const after = plan.slo.noDataFor;
  if (!after) return [];
  const series = sliSeries(plan.slo);
  const dataLabels = Object.fromEntries((parsePromql(series).selectors[0]?.matchers ?? []).filter((m) => m.op === '=' && m.label !== '__name__').map((m) => [m.label, m.value]));
  const at = formatDuration(parseDuration(after)! + 10 * 60_000);
  const model = alert(plan, project, {
    name: `${pascal(plan.slo.id)}NoData`,
    expr: `absent_over_time(${series}[${after}])`,
    for: '1m',
    severity: 'warning',
    labels: sortLabels({ ...plan.labels, severity: 'warning' }),
    summary: `SLO ${plan.slo.id} has had no data for ${after}: its burn-rate alerts cannot fire`,
    description: `No series of ${series} arrived for ${after}.`,
    tests: [],
  });
  const steps = Math.ceil(parseDuration(at)! / 60_000) + 1;
  return [{
    ...model,
    tests: [
      { name: 'fires when the SLI series stop arriving', interval: '1m', series: { 'up{job="unrelated"}': `1x${steps}` }, at, fires: [{ labels: { ...model.labels, ...dataLabels } }] },
      { name: 'stays quiet while the SLI has data', interval: '1m', series: seriesFor(plan, [{ steps, ratio: 0 }]), at, fires: [] },
    ],
  }];
}

/**
 * The events (requests) of the long window, from the recorded 5-minute rate:
 * its mean over the window times the window's seconds. Both modes record it.
 */
export function eventsIn(plan: SloPlan, window: string): string {
  return `avg_over_time(${names.total5m}{slo="${plan.slo.id}"}[${window}]) * ${parseDuration(window)! / 1000}`;
}

function burnAlerts(plan: SloPlan, project: Pick<ProjectModel, 'links' | 'grafana'>): AlertModel[] {
  const of = `{slo="${plan.slo.id}"}`;
  const min = plan.slo.minEvents;
  return plan.tiers.map((tier) => {
    const t = threshold(tier, plan.errorBudget);
    const long = formatDuration(parseDuration(tier.longWindow)!);
    // Low traffic: a tier alerts only when its long window holds enough events.
    const guard = min === undefined ? '' : ` and ${eventsIn(plan, long)} >= ${min}`;
    return alert(plan, project, {
      name: plan.alertName,
      expr: `${names.ratio(long)}${of} > ${t} and ${names.ratio(formatDuration(parseDuration(tier.shortWindow)!))}${of} > ${t}${guard}`,
      for: tier.for,
      severity: tier.kind === 'page' ? 'critical' : 'warning',
      labels: sortLabels({ ...plan.labels, severity: tier.kind === 'page' ? 'critical' : 'warning', slo_tier: tier.kind, long_window: tier.longWindow, short_window: tier.shortWindow }),
      tier: tier.kind,
      summary: plan.slo.summary ?? `SLO ${plan.slo.id} burns its error budget ${tier.factor}x faster than sustainable (${tier.longWindow} and ${tier.shortWindow} windows)`,
      description: `At this rate ${stableNumber(tier.budgetPercent)}% of the ${plan.budgetPeriod} error budget goes in ${tier.longWindow}; the whole budget in ${formatDuration(Math.round(parseDuration(plan.period)! / tier.factor / 60_000) * 60_000)}.`,
      tests: [],
    });
  });
}

function budgetAlerts(plan: SloPlan, project: Pick<ProjectModel, 'links' | 'grafana'>): AlertModel[] {
  const of = `{slo="${plan.slo.id}"}`;
  return plan.slo.budgetAlerts === false ? [] : ([[50, 'warning'], [80, 'high']] as const).map(([percent, severity]) =>
    alert(plan, project, {
      name: `${pascal(plan.slo.id)}ErrorBudgetSpent`,
      // Spent: the period's burn (rolling), or the burn so far times the share of the calendar period gone by.
      expr: plan.slo.calendar ? `${names.budgetRemaining}${of} <= ${stableNumber(1 - percent / 100)}` : `${names.periodBurn}${of} >= ${percent / 100}`,
      for: '5m',
      severity,
      labels: sortLabels({ ...plan.labels, severity, budget_spent: `${percent}%` }),
      summary: `SLO ${plan.slo.id} has spent ${percent}% of its ${plan.budgetPeriod} error budget`,
      description: `At the error rate of the period so far, ${percent}% or more of the budget of ${stableNumber(plan.errorBudget * 100)}% errors is gone.`,
      tests: [],
    }));
}
