import { formatDuration, parseDuration } from '../../schemas/duration.ts';
import type { LintRule } from '../core/lint.ts';
import { parsePromql } from '../promql/parse.ts';
import { alertsOf, scrapeIntervalOf } from './rules-of.ts';

/** pint alerts/absent: one missed scrape makes absent() true; `for` must outlast it. */
export const alertAbsentFor: LintRule = {
  code: 'alert/absent-for',
  level: 'warning',
  description: 'an `absent()` alert whose `for` is under twice the scrape interval',
  check: (model) =>
    alertsOf(model).flatMap((alert) => {
      const promql = parsePromql(alert.expr);
      if (!promql.functions.has('absent') && !promql.functions.has('absent_over_time')) return [];
      const absentOf = promql.selectors.filter((s) => s.enclosing === 'absent' || s.enclosing === 'absent_over_time');
      const interval = Math.max(...absentOf.map((s) => scrapeIntervalOf(model, s)), 0);
      if ((alert.for ? parseDuration(alert.for)! : 0) >= 2 * interval) return [];
      return [{ site: alert.site, field: alert.for ? ['for'] : [], message: `absent() turns true on one missed scrape; set for to at least ${formatDuration(2 * interval)}` }];
    }),
};
