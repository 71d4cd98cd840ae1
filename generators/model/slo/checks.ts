import type { slo as sloSchema } from '../../../schemas/slo.ts';
import type { z } from 'zod';
import type { Diagnostic } from '../../core/diagnostic.ts';
import { locateSite } from '../../core/locate.ts';
import type { Site } from '../../core/model.ts';
import { joinSubject } from '../../core/schema-issues.ts';
import { stableNumber } from '../../core/emit.ts';
import { sampleSeries } from './samples.ts';
import { sliSelectors } from './expressions.ts';
import { parsePromql } from '../../promql/parse.ts';
import { typeCheck } from '../../promql/types.ts';
import { planSlo } from './rules.ts';
import { untestedTiers } from './scenarios.ts';
import type { TierName } from './windows.ts';

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
  const sample = 'events' in slo.sli ? slo.sli.events.sample : undefined;
  const selectors = [
    ...sliSelectors(slo, prometheus),
    // Declared sample series are the scenario tests' input series: series selectors too.
    ...(sample ? [{ field: ['sli', 'events', 'sample', 'good'], text: sample.good }, { field: ['sli', 'events', 'sample', 'bad'], text: sample.bad }] : []),
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
  const selectors = sliProblems(slo, site, prometheus);
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
  const sampled = !('events' in slo.sli) || sampleSeries(slo, {}) !== undefined;
  const untested = sampled
    ? untestedTiers(plan)
      .filter((tier) => reachable.includes(tier))
      .map((tier) =>
        error(site, tierField(tier.name), 'slo/untested-tier',
          `no scenario can show tier ${tier.name} (${tier.longWindow}/${tier.shortWindow}, burn ${tier.factor}x, for ${tier.for}) firing with a ${stableNumber(budget * 100)}% budget, so its alert would ship untested; disable it with tiers: { ${tier.name}: false }, change its for, or raise the objective`))
    : [];
  const sample = sampled
    ? []
    : [error(site, ['sli', 'events'], 'slo/scenario-sample', 'the scenario tests cannot invent series from these selectors; give sli.events.sample: { good, bad }, one series each')];
  return [...unreachable, ...untested, ...sample];
}
