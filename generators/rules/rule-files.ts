import type { AlertModel, RecordModel, ServiceModel } from '../core/model.ts';

/** One Prometheus rule file for a service's groups. */
export function ruleFile(service: ServiceModel) {
  return {
    groups: service.ruleGroups.map((group) => ({
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
