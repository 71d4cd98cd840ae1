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
      if (missing.length === 0) return [];
      const message = missing.length === 2 ? 'has no tests: add one that shows it firing and one that shows it quiet' : `has no test that shows it ${missing[0]}`;
      return [{ site: alert.site, field: ['tests'], message }];
    }),
};
