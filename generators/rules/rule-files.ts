import type { AlertModel, RecordModel, RuleGroupModel } from '../core/model.ts';

/** One Prometheus rule file for some of a service's groups. */
export function ruleFile(groups: readonly RuleGroupModel[]) {
  return {
    groups: groups.map((group) => ({
      name: group.name,
      interval: group.interval,
      limit: group.limit,
      rules: [...group.records.map(recordingRule), ...group.alerts.map(alertingRule)],
    })),
  };
}

function recordingRule(rule: RecordModel) {
  return { record: rule.name, expr: rule.expr.trim(), labels: nonEmpty(rule.labels) };
}

function alertingRule(rule: AlertModel) {
  return {
    alert: rule.name,
    expr: rule.expr.trim(),
    for: rule.for,
    keep_firing_for: rule.keepFiringFor,
    labels: rule.labels,
    annotations: nonEmpty(rule.annotations),
  };
}

function nonEmpty(map: Readonly<Record<string, string>>) {
  return Object.keys(map).length > 0 ? map : undefined;
}
