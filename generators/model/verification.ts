import type { OnEmpty, PostDeploy } from '../../schemas/verification.ts';
import { stableNumber } from '../core/emit.ts';
import type { Model, ServiceModel, Site } from '../core/model.ts';
import { joinSubject } from '../core/schema-issues.ts';
import { errorRatio, sliQueries } from './slo/expressions.ts';

/** One post-deployment check as `verify` and the AnalysisTemplate run it: a query, a bound, what empty means. */
export interface VerificationCheck {
  readonly name: string;
  readonly service: string;
  readonly query: string;
  /** `max`: the value must stay at or under the threshold; `min`: at or over it. */
  readonly bound: 'max' | 'min';
  readonly threshold: number;
  readonly onEmpty: OnEmpty;
  /** The SLO a burn-rate check reads, for the report. */
  readonly slo?: string | undefined;
  readonly site: Site;
}

/** A service's post-deployment protocol with every default applied. */
export interface VerificationPlan {
  readonly service: string;
  readonly window: string;
  readonly every: string;
  readonly failureLimit: number;
  readonly namespace?: string | undefined;
  readonly prometheusAddress?: string | undefined;
  readonly checks: readonly VerificationCheck[];
  readonly site: Site;
}

/** The burn rate of an SLO over `window`: its error ratio over the budget. Self-contained, so it needs no recording rule. */
export function burnRateQuery(service: ServiceModel, sloId: string, window: string, prometheus: string): string | undefined {
  const found = service.slos.find(({ slo }) => slo.id === sloId);
  if (!found) return undefined;
  const budget = stableNumber(1 - found.slo.objective / 100);
  return `(${errorRatio(sliQueries(found.slo, prometheus), window)}) / ${budget}`;
}

function plan(model: Model, service: ServiceModel, postDeploy: PostDeploy, site: Site): VerificationPlan {
  const checks = postDeploy.checks.flatMap((check, i): VerificationCheck[] => {
    const checkSite: Site = { root: site.root, path: [...site.path, 'checks', i], subject: joinSubject(site.subject, ['checks', i]) };
    const onEmpty = check.onEmpty ?? postDeploy.onEmpty ?? 'inconclusive';
    if ('query' in check) {
      const bound = check.max !== undefined ? 'max' : 'min';
      return [{ name: check.name, service: service.id, query: check.query.trim(), bound, threshold: (check.max ?? check.min)!, onEmpty, site: checkSite }];
    }
    const query = burnRateQuery(service, check.slo, check.window ?? '1h', model.project.targets.prometheus);
    // An unknown SLO is reported by the checks; the plan leaves it out.
    return query ? [{ name: check.name, service: service.id, query, bound: 'max', threshold: check.maxBurnRate, onEmpty, slo: check.slo, site: checkSite }] : [];
  });
  return {
    service: service.id,
    window: postDeploy.window ?? '48h',
    every: postDeploy.every ?? '5m',
    failureLimit: postDeploy.failureLimit ?? 0,
    namespace: postDeploy.namespace,
    prometheusAddress: postDeploy.prometheusAddress,
    checks,
    site,
  };
}

/** Every service's post-deployment plan, sorted by service id. */
export function verificationPlans(model: Model): VerificationPlan[] {
  return model.services.flatMap((service) => (service.postDeploy ? [plan(model, service, service.postDeploy.spec, service.postDeploy.site)] : []));
}
