import { parseDuration } from '../../schemas/duration.ts';
import type { Diagnostic } from '../core/diagnostic.ts';
import { locateSite } from '../core/locate.ts';
import type { Model, Site } from '../core/model.ts';
import { joinSubject } from '../core/schema-issues.ts';
import { type VerificationCheck, type VerificationPlan } from '../model/verification.ts';
import { parsePromql } from '../promql/parse.ts';
import { typeName } from '../promql/functions.ts';
import { typeCheck } from '../promql/types.ts';
import { DEFAULT_PROMETHEUS } from './manifests.ts';

/**
 * Argo Rollouts' conditions over `result`, the query's sample values. An empty
 * result or NaN (no traffic) makes neither condition true, so the measurement
 * is Inconclusive and the rollout pauses for a human, unless the check says
 * empty passes or fails. `all`/`any` hold for every series, never only the first.
 */
export function conditions(check: Pick<VerificationCheck, 'bound' | 'threshold' | 'onEmpty'>): { successCondition: string; failureCondition?: string } {
  const [holds, breaks] = check.bound === 'max' ? ['<=', '>'] : ['>=', '<'];
  const t = String(check.threshold);
  switch (check.onEmpty) {
    case 'pass':
      return { successCondition: `len(result) == 0 || all(result, isNaN(#) || # ${holds} ${t})` };
    case 'fail':
      return { successCondition: `len(result) > 0 && all(result, !isNaN(#) && # ${holds} ${t})` };
    case 'inconclusive':
      return { successCondition: `len(result) > 0 && all(result, !isNaN(#) && # ${holds} ${t})`, failureCondition: `any(result, !isNaN(#) && # ${breaks} ${t})` };
  }
}

/** The AnalysisTemplate a Rollout names for its post-deployment analysis: one metric per check. */
export function analysisTemplate(plan: VerificationPlan) {
  const count = Math.max(1, Math.floor(parseDuration(plan.window)! / parseDuration(plan.every)!));
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'AnalysisTemplate',
    metadata: {
      name: `${plan.service}-post-deploy`,
      namespace: plan.namespace,
      labels: { 'app.kubernetes.io/managed-by': 'monac', 'monac.dev/service': plan.service },
    },
    spec: {
      metrics: plan.checks.map((check) => ({
        name: check.name,
        interval: plan.every,
        count,
        failureLimit: plan.failureLimit,
        ...conditions(check),
        provider: { prometheus: { address: plan.prometheusAddress ?? DEFAULT_PROMETHEUS, query: check.query } },
      })),
    },
  };
}

function error(site: Site, field: readonly PropertyKey[], code: string, message: string): Diagnostic {
  return { severity: 'error', code, location: locateSite(site, field), subject: joinSubject(site.subject, field), message };
}

/** Every check names a known SLO, has a unique name, and is a PromQL query Argo and verify can read: an instant vector. */
export function checkVerification(model: Model): Diagnostic[] {
  return model.services.flatMap((service) => {
    if (!service.postDeploy) return [];
    const { spec, site } = service.postDeploy;
    const names = spec.checks.map((c) => c.name);
    return spec.checks.flatMap((check, i) => {
      const at = ['checks', i];
      const found: Diagnostic[] = [];
      if (names.indexOf(check.name) < i) found.push(error(site, [...at, 'name'], 'verify/duplicate-check', `check ${check.name} is already declared`));
      if ('slo' in check) {
        if (!service.slos.some(({ slo }) => slo.id === check.slo)) {
          found.push(error(site, [...at, 'slo'], 'verify/unknown-slo', `${service.id} declares no SLO ${check.slo}; known: ${service.slos.map(({ slo }) => slo.id).join(', ') || 'none'}`));
        }
        return found;
      }
      const syntax = parsePromql(check.query).error;
      if (syntax) return [...found, error(site, [...at, 'query'], 'promql/syntax', `${syntax.message} at column ${syntax.column} of the query`)];
      const typed = typeCheck(check.query, model.project.targets.prometheus);
      found.push(...typed.problems.map((p) => error(site, [...at, 'query'], 'promql/type', `${p.message} at column ${p.at + 1} of the query`)));
      if (typed.problems.length === 0 && typed.type !== 'vector') {
        found.push(error(site, [...at, 'query'], 'promql/result-type', `a check reads an instant vector (Argo Rollouts reads \`result\` as a list), not a ${typeName[typed.type!]}${typed.type === 'scalar' ? ': wrap it in vector()' : ''}`));
      }
      return found;
    });
  });
}

