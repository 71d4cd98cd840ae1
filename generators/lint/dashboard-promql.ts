import { dashboardRule } from '../grafana/lint.ts';
import { expandVariables, queriesOf } from '../grafana/queries.ts';

/** dashboard-linter target-promql-rule: what Prometheus cannot parse shows an error box instead of a graph. */
export const dashboardPromql = dashboardRule(
  'dashboard/promql',
  'error',
  'a panel query, annotation or variable query that is not valid PromQL once Grafana variables are substituted',
  (dashboard) =>
    queriesOf(dashboard)
      .filter((q) => q.promql.error)
      .map((q) => {
        const { message, column } = q.promql.error!;
        // Columns count in the expanded text; they match the declaration only when no variable was expanded.
        const at = expandVariables(q.expr) === q.expr ? ` at column ${column}` : '';
        return { field: q.field, message: `${q.what} is not valid PromQL: ${message}${at} in ${JSON.stringify(q.expr)}` };
      }),
);
