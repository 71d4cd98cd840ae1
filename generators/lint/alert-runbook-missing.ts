import { severities } from '../../schemas/severity.ts';
import type { LintRule } from '../core/lint.ts';
import { alertsOf } from './rules-of.ts';

/**
 * The responder who follows runbook_url needs to know what stops the damage.
 * Checked down to the project's docs.requireMitigation severity; an alert name
 * with several rules (an SLO's tiers) is reported once.
 */
export const alertRunbookMissing: LintRule = {
  code: 'alert/runbook-missing',
  level: 'warning',
  description: 'an alert (down to `docs.requireMitigation`, default every severity) that declares no `runbook.mitigation`',
  check: (model) => {
    const lowest = severities.indexOf(model.project.docs.requireMitigation);
    const seen = new Set<string>();
    return alertsOf(model)
      .filter((alert) => severities.indexOf(alert.severity) <= lowest && !alert.runbook?.mitigation)
      .filter((alert) => {
        const key = `${alert.service}/${alert.name}`;
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
      })
      .map((alert) => ({
        site: alert.site,
        field: ['runbook'],
        message: `a ${alert.severity} alert with no runbook.mitigation: say what the responder does to stop the damage`,
      }));
  },
};
