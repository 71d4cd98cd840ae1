import type { AlertModel, ProjectModel, RecordModel, RuleGroupModel } from '../core/model.ts';

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

type RulerLimits = ProjectModel['rules']['limits'];

/**
 * The file an evaluator loads: Prometheus' format, with Thanos' partial
 * response strategy per group, or Mimir's namespace and source tenants. A
 * ruler's group over its rules-per-group limit is split when the project says
 * so (the checks refuse it otherwise).
 */
export function engineRuleFile(groups: readonly RuleGroupModel[], limits?: RulerLimits) {
  const evaluation = groups[0]!.evaluation;
  switch (evaluation.engine) {
    case 'prometheus':
    case 'vmalert':
      return ruleFile(groups);
    case 'thanos':
      return { groups: groups.flatMap((g) => splitGroup(ruleGroup(g), limits?.thanos)).map((g) => ({ ...g, partial_response_strategy: evaluation.partialResponseStrategy ?? 'abort' })) };
    case 'mimir':
      return {
        namespace: evaluation.namespace ?? groups[0]!.service,
        groups: groups.flatMap((g) => splitGroup(ruleGroup(g), limits?.mimir).map((part) => ({ ...part, source_tenants: g.evaluation.engine === 'mimir' ? g.evaluation.sourceTenants : undefined }))),
      };
  }
}

/** The group as the ruler takes it: whole, or in parts of at most `rulesPerGroup` rules, in order, named `<name>-<n>`. */
export function splitGroup<G extends { name: string; rules: readonly unknown[] }>(group: G, limits?: RulerLimits['mimir']): G[] {
  const size = limits?.rulesPerGroup ?? 0;
  if (!limits || limits.overflow !== 'split' || size === 0 || group.rules.length <= size) return [group];
  return Array.from({ length: Math.ceil(group.rules.length / size) }, (_, i) => ({ ...group, name: `${group.name}-${i + 1}`, rules: group.rules.slice(i * size, (i + 1) * size) }));
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
