import type { LintRule } from '../core/lint.ts';
import { alertsOf } from './rules-of.ts';

/** What an on-call engineer needs in the notification. severity is required by the schema; team and service come from the service. */
const required = ['summary', 'runbook_url'] as const;

export const alertRequiredAnnotations: LintRule = {
  code: 'alert/required-annotations',
  level: 'warning',
  description: 'an alert without `summary` or `runbook_url`',
  check: (model) =>
    alertsOf(model).flatMap((alert) =>
      required
        .filter((name) => !alert.annotations[name])
        .map((name) => ({
          site: alert.site,
          field: [],
          message: name === 'summary' ? 'has no summary' : 'has no runbook_url: set links.runbooks in the project or runbookUrl here',
        }))),
};
