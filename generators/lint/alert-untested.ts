import type { LintRule } from '../core/lint.ts';
import { alertsOf } from './rules-of.ts';

/** An alert is known to work when a test shows it firing and another shows it quiet. */
export const alertUntested: LintRule = {
  code: 'alert/untested',
  level: 'warning',
  description: 'an alert lacks a unit test that shows it firing, or one that shows it quiet',
  check: (model) =>
    alertsOf(model).flatMap((alert) => {
      const missing = [
        ...(alert.tests.some((t) => t.fires.length > 0) ? [] : ['firing']),
        ...(alert.tests.some((t) => t.fires.length === 0) ? [] : ['quiet']),
      ];
      return missing.length === 0 ? [] : [{ site: alert.site, field: [], message: `has no test that shows it ${missing.join(' or ')}` }];
    }),
};
