import type { slo as sloSchema } from '../../../schemas/slo.ts';
import type { z } from 'zod';
import type { Diagnostic } from '../../core/diagnostic.ts';
import { locateSite } from '../../core/locate.ts';
import type { Site } from '../../core/model.ts';
import { joinSubject } from '../../core/schema-issues.ts';
import { formatDuration, parseDuration } from '../../../schemas/duration.ts';
import { stableNumber } from '../../core/emit.ts';
import { compareVersions } from '../../core/features.ts';
import { sampleSeries } from './samples.ts';
import { instantiate, ratioQueries, sliSelectors } from './expressions.ts';
import { outermostAggregations, parsePromql, type Aggregation } from '../../promql/parse.ts';
import { typeCheck } from '../../promql/types.ts';
import { planSlo } from './rules.ts';
import { untestedTiers } from './scenarios.ts';
import { tiersOf, windowsOf, type TierName } from './windows.ts';

type Slo = z.output<typeof sloSchema>;

function error(site: Site, field: readonly PropertyKey[], code: string, message: string): Diagnostic {
  return { severity: 'error', code, location: locateSite(site, field), subject: joinSubject(site.subject, field), message };
}

/**
 * The SLO's rules are the SLI's selectors in fixed templates, so they are
 * checked here, once, where the user wrote them: each must parse, be one
 * vector selector (the rules take `rate()` and windows of it), and pass the
 * type rules (its regexes). The generated expressions are not parsed again.
 */
function sliProblems(slo: Slo, site: Site, prometheus: string): Diagnostic[] {
  const sample = 'events' in slo.sli ? slo.sli.events.sample : 'ratio' in slo.sli ? slo.sli.ratio.sample : undefined;
  const at = 'events' in slo.sli ? 'events' : 'ratio';
  const selectors = [
    ...sliSelectors(slo, prometheus),
    // Declared sample series are the scenario tests' input series: series selectors too.
    ...(sample ? [{ field: ['sli', at, 'sample', 'good'], text: sample.good }, { field: ['sli', at, 'sample', 'bad'], text: sample.bad }] : []),
  ];
  const reported = new Set<string>();
  return selectors.flatMap(({ field, text }) => {
    // A latency SLI's two selectors share its matchers: one report per field.
    if (reported.has(field.join('.'))) return [];
    const problems = selectorProblems(site, field, text, prometheus);
    if (problems.length > 0) reported.add(field.join('.'));
    return problems;
  });
}

/**
 * A ratio's queries, instantiated for every window the rules may take them
 * over: each must parse, read a series, be an instant vector (the rules add
 * and divide them), pass the type rules, and keep the SLO's groupBy labels
 * through its outermost aggregations.
 */
function ratioProblems(slo: Slo, site: Site, prometheus: string): Diagnostic[] {
  if ('timeslices' in slo.sli) return sliceProblems(slo, slo.sli.timeslices, site, prometheus);
  if (!('ratio' in slo.sli)) return [];
  const windows = windowsOf(tiersOf(slo));
  return ratioQueries(slo.sli.ratio).flatMap(({ field, query }) => queryProblems(slo, site, prometheus, ['sli', 'ratio', field], query, windows, 'the rules add and divide the queries per series'));
}

/** A time-slice SLI's query, taken over its slice; a slice longer than a tier's window would leave the window without a slice to count. */
function sliceProblems(slo: Slo, sli: { slice: string; query: string }, site: Site, prometheus: string): Diagnostic[] {
  const slice = formatDuration(parseDuration(sli.slice)!);
  const shortest = windowsOf(tiersOf(slo))[0];
  if (shortest && parseDuration(slice)! > parseDuration(shortest)!) {
    return [error(site, ['sli', 'timeslices', 'slice'], 'slo/timeslice', `a ${slice} slice is longer than the ${shortest} window, the shortest the SLO's rules count slices over, which would often hold none; take a slice of at most ${shortest}`)];
  }
  return queryProblems(slo, site, prometheus, ['sli', 'timeslices', 'query'], sli.query, [slice], 'each of its series is compared with the threshold');
}

/** One query of the SLI, instantiated for each window. */
function queryProblems(slo: Slo, site: Site, prometheus: string, at: readonly PropertyKey[], query: string, windows: readonly string[], why: string): Diagnostic[] {
  for (const window of windows) {
    const text = instantiate(query, window);
    const parsed = parsePromql(text);
    const shown = `${text.trim()} (the query for the ${window} window)`;
    if (parsed.error) return [error(site, at, 'promql/syntax', `${parsed.error.message} at column ${parsed.error.column} of ${shown}`)];
    const typed = typeCheck(text, prometheus);
    if (typed.problems.length > 0) return typed.problems.map((p) => error(site, at, 'promql/type', `${p.message} at column ${p.at + 1} of ${shown}`));
    if (typed.type !== 'vector') return [error(site, at, 'slo/sli-query', `must be an instant vector (${why}), not a ${typed.type ?? 'value of unknown type'}: ${shown}`)];
    if (parsed.selectors.length === 0) return [error(site, at, 'slo/sli-query', `reads no series: ${query.trim()}`)];
    const dropped = droppedGrouping(parsed.aggregations, slo.groupBy ?? []);
    if (dropped.length > 0) return [error(site, at, 'slo/sli-query', `drops the groupBy label${dropped.length > 1 ? 's' : ''} ${dropped.join(', ')} in its aggregation; aggregate by (${(slo.groupBy ?? []).join(', ')}) so the rules keep one series per group: ${query.trim()}`)];
  }
  return [];
}

/** The groupBy labels an outermost aggregation (one not inside another) does not keep. */
function droppedGrouping(aggregations: readonly Aggregation[], groupBy: readonly string[]): string[] {
  return groupBy.filter((label) => outermostAggregations(aggregations).some((a) => (a.by ? !a.by.includes(label) : a.without ? a.without.includes(label) : true)));
}

function selectorProblems(site: Site, field: readonly PropertyKey[], text: string, prometheus: string): Diagnostic[] {
  const parsed = parsePromql(text);
  if (parsed.error) {
    return [error(site, field, 'promql/syntax', `${parsed.error.message} at column ${parsed.error.column} of the selector: ${text.trim()}`)];
  }
  if (parsed.selectors.length !== 1 || parsed.selectors[0]!.text !== text.trim()) {
    return [error(site, field, 'slo/sli-selector', `must be one vector selector such as http_requests_total{job="api"} (the SLO's rules take rate() and windows of it), not ${text.trim()}`)];
  }
  // The text of `x[5m]` is the whole matrix selector: the rules would write rate(x[5m][5m]), which Prometheus refuses.
  if (parsed.selectors[0]!.rangeMs !== undefined) {
    return [error(site, field, 'slo/sli-selector', `must be a vector selector without a range: the SLO's rules add each window themselves, so drop the [...] from ${text.trim()}`)];
  }
  return typeCheck(text, prometheus).problems.map((p) => error(site, field, 'promql/type', `${p.message} at column ${p.at + 1} of the selector: ${text.trim()}`));
}

/** SLOs that cannot work: a tier that can never fire, a tier no scenario can show firing, scenario series that cannot be made. */
export function checkSlo(slo: Slo, service: { id: string; team: string }, site: Site, prometheus: string): Diagnostic[] {
  const selectors = [...sliProblems(slo, site, prometheus), ...ratioProblems(slo, site, prometheus)];
  // The rules are built from the selectors: with a broken one, the other checks would only repeat it.
  if (selectors.length > 0) return selectors;
  const plan = planSlo(slo, service, site);
  const budget = plan.errorBudget;
  const tierField = (name: TierName) => (slo.tiers?.[name] ? ['tiers', name] : ['objective']);
  const reachable = plan.tiers.filter((tier) => tier.factor * budget < 1);
  const unreachable = plan.tiers
    .filter((tier) => !reachable.includes(tier))
    .map((tier) =>
      error(site, tierField(tier.name), 'slo/unreachable-tier',
        `tier ${tier.name} (${tier.longWindow}/${tier.shortWindow}, burn ${tier.factor}x) needs an error ratio above ${stableNumber(tier.factor * budget)} with a ${stableNumber(budget * 100)}% budget, which can never happen; disable it with tiers: { ${tier.name}: false } or raise the objective`));
  const sampled = !('events' in slo.sli || 'ratio' in slo.sli) || sampleSeries(slo, {}) !== undefined;
  const untested = sampled
    ? untestedTiers(plan)
      .filter((tier) => reachable.includes(tier))
      .map((tier) =>
        error(site, tierField(tier.name), 'slo/untested-tier',
          `no scenario can show tier ${tier.name} (${tier.longWindow}/${tier.shortWindow}, burn ${tier.factor}x, for ${tier.for}) firing with a ${stableNumber(budget * 100)}% budget, so its alert would ship untested; disable it with tiers: { ${tier.name}: false }, change its for, or raise the objective`))
    : [];
  const sample = sampled
    ? []
    : [error(site, ['sli', 'events' in slo.sli ? 'events' : 'ratio'], 'slo/scenario-sample', `the scenario tests cannot invent series from ${'events' in slo.sli ? 'these selectors' : 'these queries (derived when the numerator and the total read one selector each)'}; give sli.${'events' in slo.sli ? 'events' : 'ratio'}.sample: { good, bad }, one counter each`)];
  return [...unreachable, ...untested, ...sample, ...lowTrafficProblems(slo, site), ...calendarProblems(slo, site, prometheus)];
}

/** The @ modifier the calendar rules read the evaluation time with is stable from Prometheus 2.33. */
export const AT_MODIFIER_SINCE = '2.33.0';

function calendarProblems(slo: Slo, site: Site, prometheus: string): Diagnostic[] {
  if (!slo.calendar) return [];
  if (slo.period !== undefined) {
    return [error(site, ['calendar'], 'slo/calendar', `give period (rolling) or calendar, not both: a calendar ${slo.calendar.unit} is the period`)];
  }
  if (compareVersions(prometheus, AT_MODIFIER_SINCE) < 0) {
    return [error(site, ['calendar'], 'version/prometheus', `a calendar period needs Prometheus ${AT_MODIFIER_SINCE} or later (its rules read the evaluation time with the @ modifier); the project targets ${prometheus}`)];
  }
  return [];
}

/** minEvents counts requests: an availability SLI counts probe samples, a precomputed ratio counts nothing. */
function lowTrafficProblems(slo: Slo, site: Site): Diagnostic[] {
  if (slo.minEvents === undefined) return [];
  if ('availability' in slo.sli) {
    return [error(site, ['minEvents'], 'slo/low-traffic', 'an availability SLI counts probe samples, whose number the scrape interval fixes, not traffic: remove minEvents')];
  }
  if ('timeslices' in slo.sli) {
    return [error(site, ['minEvents'], 'slo/low-traffic', 'a time-slice SLI counts slices, whose number the slice length fixes, not traffic: remove minEvents')];
  }
  if ('ratio' in slo.sli && slo.sli.ratio.total === undefined) {
    return [error(site, ['minEvents'], 'slo/low-traffic', 'a precomputed ratio has no count of events to guard on: remove minEvents, or give the ratio as errors (or good) and total')];
  }
  return [];
}
