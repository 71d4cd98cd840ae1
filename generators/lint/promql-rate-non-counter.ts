import type { LintRule } from '../core/lint.ts';
import { expressionsOf } from './rules-of.ts';

const counterFunctions = new Set(['rate', 'irate', 'increase', 'resets']);

/** pint promql/rate: rate() of a gauge is meaningless; the catalog knows the types. */
export const promqlRateNonCounter: LintRule = {
  code: 'promql/rate-non-counter',
  level: 'error',
  description: '`rate`/`irate`/`increase`/`resets` over a metric the catalog knows is a gauge',
  check: (model) =>
    expressionsOf(model).flatMap(({ site, promql }) =>
      promql.selectors
        .filter((s) => s.rangeMs !== undefined && counterFunctions.has(s.enclosing ?? '') && s.metric)
        .filter((s) => ['gauge'].includes(model.metrics.get(s.metric!)?.type ?? 'unknown'))
        .map((s) => ({
          site,
          field: ['expr'],
          message: `${s.enclosing}() over ${s.metric}, which is a gauge; use delta() or deriv(), or the gauge itself`,
        }))),
};
