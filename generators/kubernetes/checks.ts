import type { ScalingPolicy } from '../../schemas/scaling.ts';
import type { Diagnostic } from '../core/diagnostic.ts';
import { locateSite } from '../core/locate.ts';
import type { Model, Site } from '../core/model.ts';
import { joinSubject } from '../core/schema-issues.ts';
import { typeName } from '../promql/functions.ts';
import { parsePromql } from '../promql/parse.ts';
import { seriesCount } from '../promql/series.ts';
import { nonInstantResult, typeCheck } from '../promql/types.ts';
import { ScaledObject } from '@kubernetes-models/keda/keda.sh/v1alpha1/ScaledObject';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler';
import { horizontalPodAutoscaler, scaledObject } from './manifests.ts';

function error(site: Site, field: readonly PropertyKey[], code: string, message: string): Diagnostic {
  return { severity: 'error', code, location: locateSite(site, field), subject: joinSubject(site.subject, field), message };
}

/** The API server's rules for HPAs (pkg/apis/autoscaling/validation) that the models' schemas do not check, and ours. */
export function checkScaling(model: Model): Diagnostic[] {
  const policies = model.services.flatMap((s) => s.scaling);
  const seen = new Map<string, Site>();
  const duplicates = policies.flatMap(({ policy, site }) => {
    const key = `${policy.workload.namespace}/${policy.workload.kind ?? 'Deployment'}/${policy.workload.name}`;
    const first = seen.get(key);
    seen.set(key, first ?? site);
    return first ? [{ ...error(site, ['workload'], 'scaling/duplicate-workload', `${key} already has a scaler; two scalers on one workload fight`), related: { location: locateSite(first), subject: first.subject } }] : [];
  });
  return [
    ...duplicates,
    ...model.services.flatMap((service) => service.scaling.flatMap(({ policy, site }) => {
      const semantic = [...replicas(policy, site), ...signals(policy, site, model.project.targets.prometheus), ...behavior(policy, site), ...engine(policy, site)];
      return semantic.length > 0 ? semantic : structure(policy, site, service.id);
    })),
  ];
}

/** The manifest against the Kubernetes and KEDA schemas (kubernetes-models' .validate()). */
function structure(p: ScalingPolicy, site: Site, service: string): Diagnostic[] {
  const keda = (p.engine ?? 'keda') === 'keda';
  const object = keda ? new ScaledObject(scaledObject(p, service) as never) : new HorizontalPodAutoscaler(horizontalPodAutoscaler(p, service) as never);
  try {
    object.validate();
    return [];
  } catch (failure) {
    return [error(site, [], 'scaling/schema', `the generated ${keda ? 'ScaledObject' : 'HorizontalPodAutoscaler'} does not match its schema: ${(failure as Error).message}`)];
  }
}

function replicas(p: ScalingPolicy, site: Site): Diagnostic[] {
  const external = (p.engine ?? 'keda') === 'keda' && p.signals.some((s) => 'prometheus' in s);
  const found: Diagnostic[] = [];
  if (p.minReplicas < (external ? 0 : 1)) {
    found.push(error(site, ['minReplicas'], 'scaling/min-replicas', external ? 'must be at least 0' : 'must be at least 1: only a KEDA scaler with a Prometheus trigger (an External metric) may scale to zero'));
  }
  if (p.maxReplicas < Math.max(1, p.minReplicas)) {
    found.push(error(site, ['maxReplicas'], 'scaling/max-replicas', `must be at least 1 and at least minReplicas (${p.minReplicas}), got ${p.maxReplicas}`));
  }
  if (p.cost) {
    const bound = Math.floor(p.cost.budget / p.cost.perReplica);
    if (p.maxReplicas > bound) {
      found.push(error(site, ['maxReplicas'], 'scaling/cost', `${p.maxReplicas} replicas at ${p.cost.perReplica} each exceed the budget of ${p.cost.budget}; the budget allows at most ${bound}`));
    }
  }
  return found;
}

function signals(p: ScalingPolicy, site: Site, version: string): Diagnostic[] {
  return p.signals.flatMap((signal, i): Diagnostic[] => {
    if ('cpu' in signal || 'memory' in signal) {
      const utilization = 'cpu' in signal ? signal.cpu.utilization : signal.memory.utilization;
      return utilization >= 1 ? [] : [error(site, ['signals', i], 'scaling/target', `averageUtilization must be at least 1, got ${utilization}`)];
    }
    const { target, per = 'total', query } = signal.prometheus;
    const field = ['signals', i, 'prometheus'];
    const found: Diagnostic[] = [];
    if (target.type === 'Utilization') {
      found.push(error(site, [...field, 'target', 'type'], 'scaling/target-type',
        `Utilization is only for cpu and memory (Resource metrics); a Prometheus signal per ${per} is ${per === 'pod' ? 'a Pods metric and needs AverageValue' : 'an External metric and needs AverageValue or Value'}`));
    } else if (per === 'pod' && target.type !== 'AverageValue') {
      found.push(error(site, [...field, 'target', 'type'], 'scaling/target-type', 'a Pods metric needs an AverageValue target'));
    }
    if (target.value <= 0) found.push(error(site, [...field, 'target', 'value'], 'scaling/target', `must be more than 0, got ${target.value}`));
    const syntax = parsePromql(query).error;
    if (syntax) found.push(error(site, [...field, 'query'], 'promql/syntax', `${syntax.message} at column ${syntax.column} of the query`));
    else found.push(...queryTypes(site, [...field, 'query'], query, version));
    // KEDA's External metric is one number: a query that groups gives several and the scaler fails.
    const series = (p.engine ?? 'keda') === 'keda' ? seriesCount(query) : undefined;
    if (series?.count === 'many') found.push(error(site, [...field, 'query'], 'scaling/single-series', `KEDA reads one number, but ${series.because}: aggregate without by (...)`));
    return found;
  });
}

/** The scaler runs the query as an instant query and reads one number: an instant vector or a scalar. */
function queryTypes(site: Site, field: readonly PropertyKey[], query: string, version: string): Diagnostic[] {
  const typed = typeCheck(query, version);
  const problems = typed.problems.map((p) => `${p.message} at column ${p.at + 1} of the query`);
  const result = nonInstantResult(typed);
  if (result) problems.push(`the scaler needs an instant vector or a scalar, not a ${typeName[result]}`);
  return problems.map((message) => error(site, field, 'promql/type', message));
}

function behavior(p: ScalingPolicy, site: Site): Diagnostic[] {
  return (['scaleUp', 'scaleDown'] as const).flatMap((direction) => {
    const rules = p.behavior?.[direction];
    if (!rules) return [];
    const field = ['behavior', direction];
    const window = rules.stabilizationWindowSeconds;
    return [
      ...(window !== undefined && (window < 0 || window > 3600) ? [error(site, [...field, 'stabilizationWindowSeconds'], 'scaling/behavior', `must be within 0 to 3600 seconds, got ${window}`)] : []),
      ...(rules.policies?.length === 0 ? [error(site, [...field, 'policies'], 'scaling/behavior', 'must not be empty: leave it out for the defaults')] : []),
      ...(rules.policies ?? []).flatMap((policy, i) => [
        ...(policy.value > 0 ? [] : [error(site, [...field, 'policies', i, 'value'], 'scaling/behavior', `must be more than 0, got ${policy.value}`)]),
        ...(policy.periodSeconds > 0 && policy.periodSeconds <= 1800 ? [] : [error(site, [...field, 'policies', i, 'periodSeconds'], 'scaling/behavior', `must be within 1 to 1800 seconds, got ${policy.periodSeconds}`)]),
      ]),
    ];
  });
}

function engine(p: ScalingPolicy, site: Site): Diagnostic[] {
  const kind = p.engine ?? 'keda';
  if (kind === 'keda') return [];
  const kedaOnly = (['schedules', 'fallback', 'paused'] as const).filter((key) => p[key] !== undefined);
  return [
    ...kedaOnly.map((key) => error(site, [key], 'scaling/engine', `${key} needs the KEDA engine; an HPA has no such setting`)),
    ...p.signals.flatMap((signal, i) => {
      if (!('prometheus' in signal)) return [];
      if (kind === 'hpa') return [error(site, ['signals', i], 'scaling/engine', "a plain HPA cannot read Prometheus; use engine 'keda', or 'hpa-adapter' where prometheus-adapter runs")];
      const { per = 'total', metric } = signal.prometheus;
      return per === 'pod' && metric ? [] : [error(site, ['signals', i, 'prometheus'], 'scaling/engine', "the adapter engine serves per-pod rates of a counter: set per: 'pod' and metric (the counter's name without _total)")];
    }),
  ];
}
