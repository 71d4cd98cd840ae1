import { dashboardRule } from '../grafana/lint.ts';
import { queriesOf } from '../grafana/queries.ts';
import { typeName } from '../promql/functions.ts';
import { nonInstantResult, typeCheck } from '../promql/types.ts';

/**
 * dashboard-linter target-promql-rule, with Prometheus' type rules for the
 * target release: what Prometheus cannot run shows an error box instead of a
 * graph, and a range query must give an instant vector or a scalar.
 */
export const dashboardPromql = dashboardRule(
  'dashboard/promql',
  'error',
  'a query, annotation or variable query that is not PromQL once Grafana\'s variables are substituted',
  (dashboard, model) =>
    queriesOf(dashboard).flatMap((q) => {
      const expanded = q.expanded;
      // Columns count in the expanded text; they match the declaration only when no variable was expanded.
      const at = (column: number) => (expanded === q.expr ? ` at column ${column}` : '');
      if (q.promql.error) {
        const { message, column } = q.promql.error;
        return [{ field: q.field, message: `${q.what} is not valid PromQL: ${message}${at(column)} in ${JSON.stringify(q.expr)}` }];
      }
      const typed = typeCheck(expanded, model.project.targets.prometheus);
      const problems = typed.problems.map((p) => `${p.message}${at(p.at + 1)}`);
      const result = nonInstantResult(typed);
      if (result) problems.push(`a panel needs an instant vector or a scalar, not a ${typeName[result]}`);
      return problems.map((message) => ({ field: q.field, message: `${q.what} is not valid PromQL: ${message} in ${JSON.stringify(q.expr)}` }));
    }),
);
