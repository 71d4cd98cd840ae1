import type { Diagnostic } from '../../core/diagnostic.ts';
import type { Model } from '../../core/model.ts';
import { checkSlo } from './checks.ts';

/** Checks of every SLO of the estate. */
export function checkSlos(model: Model): Diagnostic[] {
  return model.services.flatMap((service) => service.slos.flatMap(({ slo, site }) => checkSlo(slo, service, site, model.project.targets.prometheus)));
}
