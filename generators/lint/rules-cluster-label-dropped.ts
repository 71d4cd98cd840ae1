import type { LintRule } from '../core/lint.ts';
import { parsePromql, type Aggregation } from '../promql/parse.ts';

/** These pick series and keep their labels: they never merge clusters. */
const selecting = new Set(['topk', 'bottomk', 'limitk', 'limit_ratio']);

function drops(aggregation: Aggregation, label: string): boolean {
  if (selecting.has(aggregation.op)) return false;
  if (aggregation.by) return !aggregation.by.includes(label);
  if (aggregation.without) return aggregation.without.includes(label);
  return true;
}

/**
 * A ruler over long-term storage (Mimir, Thanos, vmalert) sees every cluster: an
 * aggregation that drops the cluster label adds them together, so an alert
 * fires for the sum and cannot say which cluster burns. Prometheus' own rules
 * see one cluster, whose label it adds only on the way out.
 */
export const rulesClusterLabelDropped: LintRule = {
  code: 'rules/cluster-label-dropped',
  level: 'warning',
  description: 'a rule evaluated by a ruler (Mimir, Thanos, vmalert) aggregates away the declared `clusterLabel`',
  check: (model) => {
    const label = model.project.rules.clusterLabel;
    if (!label) return [];
    const groups = model.services.flatMap((s) => s.ruleGroups).filter((g) => g.evaluation.engine !== 'prometheus');
    const reportedSlos = new Set<string>();
    return groups.flatMap((group) => [...group.records, ...group.alerts].flatMap((rule) => {
      const dropped = parsePromql(rule.expr).aggregations.find((a) => drops(a, label));
      if (!dropped) return [];
      const engine = group.evaluation.engine;
      // An SLO's rules are generated from its declaration: one finding per SLO, at its groupBy.
      const slo = group.file?.startsWith('slo-') && group.name.startsWith(group.file) ? group.file : undefined;
      if (slo) {
        if (reportedSlos.has(slo)) return [];
        reportedSlos.add(slo);
        return [{ site: rule.site, field: ['groupBy'], message: `${engine} evaluates this SLO over every cluster and its rules add the clusters together: add '${label}' to groupBy` }];
      }
      const text = dropped.text.length > 60 ? `${dropped.text.slice(0, 57)}...` : dropped.text;
      return [{ site: rule.site, field: ['expr'], message: `${engine} evaluates ${rule.name} over every cluster, and \`${text}\` adds the clusters together: keep it with by (..., ${label})` }];
    }));
  },
};
