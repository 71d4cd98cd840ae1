import type { slo as sloSchema } from '../../../schemas/slo.ts';
import type { z } from 'zod';
import type { Diagnostic } from '../../core/diagnostic.ts';
import { locateSite } from '../../core/locate.ts';
import type { Site } from '../../core/model.ts';
import { joinSubject } from '../../core/schema-issues.ts';
import { stableNumber } from '../../core/emit.ts';
import { sampleSeries } from './samples.ts';
import { planSlo } from './rules.ts';
import { untestedTiers } from './scenarios.ts';
import type { TierName } from './windows.ts';

type Slo = z.output<typeof sloSchema>;

function error(site: Site, field: readonly PropertyKey[], code: string, message: string): Diagnostic {
  return { severity: 'error', code, location: locateSite(site, field), subject: joinSubject(site.subject, field), message };
}

/** SLOs that cannot work: a tier that can never fire, a tier no scenario can show firing, scenario series that cannot be made. */
export function checkSlo(slo: Slo, service: { id: string; team: string }, site: Site): Diagnostic[] {
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
