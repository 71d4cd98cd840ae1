import type { LintRule } from '../core/lint.ts';
import { parsePromql } from '../promql/parse.ts';
import { alertsOf } from './rules-of.ts';

/** pint alerts/comparison: without a filter, every series the query returns is an alert, always. */
export const alertComparison: LintRule = {
  code: 'alert/comparison',
  level: 'warning',
  description: 'an alert expression with no comparison (or `absent()`): it fires for every series it returns',
  check: (model) =>
    alertsOf(model)
      .filter((alert) => !parsePromql(alert.expr).filters)
      .map((alert) => ({ site: alert.site, field: ['expr'], message: 'the expression has no comparison such as `> 0.05`; it fires whenever it returns anything' })),
};
