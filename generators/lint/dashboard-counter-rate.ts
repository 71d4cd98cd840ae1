import { dashboardRule } from '../grafana/lint.ts';
import { queriesOf } from '../grafana/queries.ts';

const safe = new Set(['rate', 'irate', 'increase', 'resets', 'changes', 'absent', 'absent_over_time', 'present_over_time', 'count_over_time', 'timestamp', 'count', 'group']);

/** dashboard-linter target-counter-agg-rule: a raw counter only grows and resets; graph its rate. */
export const dashboardCounterRate = dashboardRule(
  'dashboard/counter-rate',
  'warning',
  'a `_total` counter not wrapped in `rate()`, `irate()` or `increase()`',
  (dashboard, model) =>
    queriesOf(dashboard).flatMap((q) =>
      q.promql.selectors
        .filter((s) => s.metric && (s.metric.endsWith('_total') || model.metrics.get(s.metric)?.type === 'counter'))
        .filter((s) => !safe.has(s.enclosing ?? ''))
        .map((s) => ({ field: q.field, message: `${q.what}: counter ${s.metric} is shown raw; wrap it in rate() or increase()` }))),
);
