import type { LintRule } from '../core/lint.ts';
import { expressionsOf } from './rules-of.ts';

/** Functions and aggregations under which a raw counter value is meaningful. */
const safe = new Set([
  'rate', 'irate', 'increase', 'resets', 'changes', 'absent', 'absent_over_time', 'present_over_time',
  'count_over_time', 'timestamp', 'count', 'group',
]);

/** pint promql/counter: a counter's raw value only grows and resets; what matters is its rate. */
export const promqlCounterWithoutRate: LintRule = {
  code: 'promql/counter-without-rate',
  level: 'warning',
  description: 'a counter (`_total`, or typed counter) used without `rate()`/`increase()`',
  check: (model) =>
    expressionsOf(model).flatMap(({ site, promql }) =>
      promql.selectors
        .filter((s) => s.metric && (s.metric.endsWith('_total') || model.metrics.get(s.metric)?.type === 'counter'))
        .filter((s) => !safe.has(s.enclosing ?? ''))
        .map((s) => ({ site, field: ['expr'], message: `counter ${s.metric} is used without rate() or increase()` }))),
};
