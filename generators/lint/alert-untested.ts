import type { LintRule } from '../core/lint.ts';
import type { AlertTest } from '../../schemas/rules.ts';
import { alertsOf } from './rules-of.ts';

const expectations = (test: AlertTest) => [test.fires, ...(test.alsoAt ?? []).map((a) => a.fires)];

/** An alert is known to work when a test shows it firing and another shows it quiet. */
export const alertUntested: LintRule = {
  code: 'alert/untested',
  level: 'warning',
  description: 'an alert without a test that shows it firing and one that shows it quiet',
  check: (model) => {
    // promtool tests an alert name: rules sharing a name (an SLO's tiers) share their tests.
    const byName = new Map<string, AlertTest[]>();
    for (const alert of alertsOf(model)) {
      const key = `${alert.service}/${alert.name}`;
      byName.set(key, [...(byName.get(key) ?? []), ...alert.tests]);
    }
    return alertsOf(model).flatMap((alert) => {
      const tests = byName.get(`${alert.service}/${alert.name}`)!;
      const missing = [
        ...(tests.some((t) => expectations(t).some((f) => f.length > 0)) ? [] : ['firing']),
        ...(tests.some((t) => expectations(t).some((f) => f.length === 0)) ? [] : ['quiet']),
      ];
      if (missing.length === 0) return [];
      const message = missing.length === 2 ? 'has no tests: add one that shows it firing and one that shows it quiet' : `has no test that shows it ${missing[0]}`;
      return [{ site: alert.site, field: ['tests'], message }];
    });
  },
};
