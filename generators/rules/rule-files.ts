import type { AlertModel, RecordModel, RuleGroupModel } from '../core/model.ts';

/** One Prometheus rule file for some of a service's groups. */
export function ruleFile(groups: readonly RuleGroupModel[]) {
  return { groups: groups.map(ruleGroup) };
}

/** A group as promtool checks it: the body every evaluator's format wraps. */
export function ruleGroup(group: RuleGroupModel) {
  return {
    name: group.name,
    interval: group.interval,
    limit: group.limit,
    rules: [...group.records.map(recordingRule), ...group.alerts.map(alertingRule)],
  };
}

/**
 * The file an evaluator loads: Prometheus' format, with Thanos' partial
 * response strategy per group, or Mimir's namespace and source tenants.
 */
export function engineRuleFile(groups: readonly RuleGroupModel[]) {
  const evaluation = groups[0]!.evaluation;
  switch (evaluation.engine) {
    case 'prometheus':
    case 'vmalert':
      return ruleFile(groups);
    case 'thanos':
      return { groups: groups.map((g) => ({ ...ruleGroup(g), partial_response_strategy: g.evaluation.engine === 'thanos' ? g.evaluation.partialResponseStrategy ?? 'abort' : undefined })) };
    case 'mimir':
      return {
        namespace: evaluation.namespace ?? groups[0]!.service,
        groups: groups.map((g) => ({ ...ruleGroup(g), source_tenants: g.evaluation.engine === 'mimir' ? g.evaluation.sourceTenants : undefined })),
      };
  }
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
