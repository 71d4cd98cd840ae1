import type { slo as sloSchema } from '../../schemas/slo.ts';
import type { z } from 'zod';
import type { Diagnostic } from '../core/diagnostic.ts';
import { locateSite } from '../core/locate.ts';
import type { Site } from '../core/model.ts';
import { joinSubject } from '../core/schema-issues.ts';
import { stableNumber } from '../core/emit.ts';
import { sampleSeries } from './samples.ts';
import { tiersOf } from './windows.ts';

type Slo = z.output<typeof sloSchema>;

function error(site: Site, field: readonly PropertyKey[], code: string, message: string): Diagnostic {
  return { severity: 'error', code, location: locateSite(site, field), subject: joinSubject(site.subject, field), message };
}

/** SLOs that cannot work: a tier that can never fire, scenario series that cannot be made. */
export function checkSlo(slo: Slo, site: Site): Diagnostic[] {
  const budget = stableNumber(1 - slo.objective / 100);
  const unreachable = tiersOf(slo)
    .filter((tier) => tier.factor * budget >= 1)
    .map((tier) =>
      error(site, slo.tiers?.[tier.name] ? ['tiers', tier.name] : ['objective'], 'slo/unreachable-tier',
        `tier ${tier.name} (${tier.longWindow}/${tier.shortWindow}, burn ${tier.factor}x) needs an error ratio above ${stableNumber(tier.factor * budget)} with a ${stableNumber(budget * 100)}% budget, which can never happen; disable it with tiers: { ${tier.name}: false } or raise the objective`));
  const sample = 'events' in slo.sli && !sampleSeries(slo, {})
    ? [error(site, ['sli', 'events'], 'slo/scenario-sample', 'the scenario tests cannot invent series from these selectors; give sli.events.sample: { good, bad }, one series each')]
    : [];
  return [...unreachable, ...sample];
}
