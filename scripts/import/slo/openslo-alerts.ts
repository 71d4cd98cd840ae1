/**
 * OpenSLO alert policies as the language's tiers. A policy holds one
 * AlertCondition: a burn rate (`threshold`) over one `lookbackWindow`, held
 * for `alertAfter`. A tier whose short window is its long window says
 * exactly that. Its severity, read through --severity-map, makes it a page
 * (critical) or a ticket (warning); pages take fastPage and slowPage by
 * lookback, tickets fastTicket and slowTicket, and the language's default
 * tiers the policies do not replace are turned off: the policies are the
 * SLO's whole alerting.
 */
import type { ImportOptions } from '../model.ts';
import { isRecord, type Findings, type Path } from '../source.ts';

export interface PolicyDocs {
  readonly policies: ReadonlyMap<string, Record<string, unknown>>;
  readonly conditions: ReadonlyMap<string, Record<string, unknown>>;
}

type Tier = { longWindow: string; shortWindow: string; burnRate: number; for?: string };

const SHORTHAND = /^([1-9]\d*)([mhdw])$/;
const minutesOf = (window: string) => {
  const [, n, unit] = SHORTHAND.exec(window)!;
  return Number(n) * { m: 1, h: 60, d: 1440, w: 10080 }[unit as 'm' | 'h' | 'd' | 'w'];
};

/** The tiers and no-data alert of an SLO's `alertPolicies`, or undefined when it has none; problems go to `found`. */
export function tiersOfPolicies(spec: Record<string, unknown>, docs: PolicyDocs, options: ImportOptions, found: Findings, subject: string): { tiers: Record<string, Tier | false>; noDataFor?: string } | undefined {
  if (!Array.isArray(spec.alertPolicies) || spec.alertPolicies.length === 0) return undefined;
  const pages: Tier[] = [];
  const tickets: Tier[] = [];
  let noDataFor: string | undefined;
  spec.alertPolicies.forEach((entry, i) => {
    const at: Path = ['spec', 'alertPolicies', i];
    const policy = isRecord(entry) && typeof entry.alertPolicyRef === 'string' ? docs.policies.get(entry.alertPolicyRef) : isRecord(entry) && isRecord(entry.spec) ? entry.spec : undefined;
    if (!policy) {
      found.error('import/openslo-alert', at, subject, isRecord(entry) && typeof entry.alertPolicyRef === 'string' ? `the alert policy ${JSON.stringify(entry.alertPolicyRef)} is not among the imported AlertPolicy documents` : 'an alert policy must be inline (kind: AlertPolicy with a spec) or an alertPolicyRef');
      return;
    }
    // A referred policy lives in another document: its findings point at the reference.
    const inline = !(isRecord(entry) && typeof entry.alertPolicyRef === 'string');
    const conditionsAt: Path = inline ? [...at, 'spec', 'conditions'] : at;
    const conditionAt: Path = inline ? [...conditionsAt, 0] : at;
    const conditions = Array.isArray(policy.conditions) ? policy.conditions : [];
    const first = conditions[0];
    const condition = isRecord(first) && typeof first.conditionRef === 'string' ? docs.conditions.get(first.conditionRef) : isRecord(first) && isRecord(first.spec) ? first.spec : undefined;
    if (conditions.length !== 1 || !condition) {
      found.error('import/openslo-alert', conditionsAt, subject, conditions.length !== 1 ? `an alert policy holds exactly one condition, this one ${conditions.length}` : 'its condition must be inline (kind: AlertCondition with a spec) or a conditionRef to an imported AlertCondition');
      return;
    }
    const rule = isRecord(condition.condition) ? condition.condition : {};
    const lookback = String(rule.lookbackWindow ?? '');
    const after = rule.alertAfter === undefined ? '0m' : String(rule.alertAfter);
    const threshold = Number(rule.threshold);
    if ((rule.kind ?? 'burnrate') !== 'burnrate') return found.error('import/openslo-alert', conditionAt, subject, `a condition of kind ${String(rule.kind)} is not a burn rate`);
    if (!SHORTHAND.test(lookback) || !SHORTHAND.test(after)) return found.error('import/openslo-alert', conditionAt, subject, `lookbackWindow ${JSON.stringify(rule.lookbackWindow)} and alertAfter ${JSON.stringify(rule.alertAfter)} must be minutes, hours, days or weeks`);
    if (!(threshold > 0)) return found.error('import/openslo-alert', conditionAt, subject, `threshold ${JSON.stringify(rule.threshold)} must be a burn rate above 0`);
    const severity = String(condition.severity ?? '');
    const tier = options.severityMap.get(severity) ?? severity;
    const kind = tier === 'critical' || tier === 'page' ? 'page' : tier === 'warning' || tier === 'ticket' ? 'ticket' : undefined;
    if (!kind) return found.error('import/openslo-alert', conditionAt, subject, `severity ${JSON.stringify(severity)} is neither a page nor a ticket; pass --severity-map ${severity}=critical (a page) or ${severity}=warning (a ticket)`);
    if (policy.alertWhenBreaching === false) {
      found.warning('import/dropped', at, subject, 'alertWhenBreaching is false: the policy alerts on no burn, so it adds no tier');
    } else {
      (kind === 'page' ? pages : tickets).push({ longWindow: lookback, shortWindow: lookback, burnRate: threshold, for: after });
    }
    if (policy.alertWhenNoData === true) noDataFor ??= lookback;
    if (policy.alertWhenResolved === true) found.warning('import/dropped', [...at, 'alertWhenResolved'], subject, 'alertWhenResolved: Alertmanager sends resolved notifications per receiver (send_resolved), not per alert; left out');
  });
  for (const [list, kind] of [[pages, 'page'], [tickets, 'ticket']] as const) {
    if (list.length > 2) found.error('import/openslo-alert', ['spec', 'alertPolicies'], subject, `${list.length} ${kind} conditions: the language has two ${kind} tiers`);
    list.sort((a, b) => minutesOf(a.longWindow) - minutesOf(b.longWindow));
  }
  return {
    tiers: { fastPage: pages[0] ?? false, slowPage: pages[1] ?? false, fastTicket: tickets[0] ?? false, slowTicket: tickets[1] ?? false },
    ...(noDataFor ? { noDataFor } : {}),
  };
}
