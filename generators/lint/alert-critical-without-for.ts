import type { LintRule } from '../core/lint.ts';
import { alertsOf } from './rules-of.ts';

/** A page on a single evaluation wakes someone for every blip. */
export const alertCriticalWithoutFor: LintRule = {
  code: 'alert/critical-without-for',
  level: 'warning',
  description: 'a critical alert without `for`',
  check: (model) =>
    alertsOf(model)
      .filter((alert) => alert.severity === 'critical' && !alert.for)
      .map((alert) => ({ site: alert.site, field: ['severity'], message: 'critical alerts page; set `for` so one bad evaluation does not' })),
};
