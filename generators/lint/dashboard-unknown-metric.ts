import { dashboardRule } from '../grafana/lint.ts';
import { queriesOf } from '../grafana/queries.ts';

/** A metric no job, exporter preset or recording rule produces draws "No data": often a typo. */
export const dashboardUnknownMetric = dashboardRule(
  'dashboard/unknown-metric',
  'warning',
  'a metric no job, exporter preset or recording rule produces',
  (dashboard, model) =>
    queriesOf(dashboard).flatMap((q) =>
      [...new Set(q.promql.selectors.map((s) => s.metric).filter((m): m is string => m !== undefined && !model.metrics.has(m)))]
        .map((metric) => ({ field: q.field, message: `${q.what} uses ${metric}, which no job, exporter preset or recording rule of the estate produces` }))),
);
