import type { LintRule } from '../core/lint.ts';
import { expressionsOf } from './rules-of.ts';

/** pint promql/series, offline: we know every job, exporter and recording rule of the deployment. */
export const promqlUnknownMetric: LintRule = {
  code: 'promql/unknown-metric',
  level: 'warning',
  description: 'a metric no declared job, exporter preset or recording rule produces',
  check: (model) =>
    expressionsOf(model).flatMap(({ site, promql }) =>
      promql.selectors
        .filter((s) => s.metric && !model.metrics.has(s.metric))
        .map((s) => ({ site, field: ['expr'], message: `no declared job, exporter or recording rule produces ${s.metric}; declare it in the service's metrics` }))),
};
