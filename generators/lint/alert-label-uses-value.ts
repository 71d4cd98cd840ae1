import type { LintRule } from '../core/lint.ts';
import { alertsOf } from './rules-of.ts';

const valueTemplate = /\$value|\.Value\b|humanize/;

/** pint alerts/template: a label that changes with the value makes a new alert each evaluation and resets `for`. */
export const alertLabelUsesValue: LintRule = {
  code: 'alert/label-uses-value',
  level: 'error',
  description: 'an alert label uses `$value`, which changes the alert\'s identity every evaluation',
  check: (model) =>
    alertsOf(model).flatMap((alert) =>
      Object.entries(alert.labels)
        .filter(([, value]) => valueTemplate.test(value))
        .map(([name]) => ({ site: alert.site, field: ['labels', name], message: `label ${name} uses the query value; move it to an annotation` }))),
};
