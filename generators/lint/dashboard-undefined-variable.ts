import { dashboardRule } from '../grafana/lint.ts';
import { isBuiltin, queriesOf, variablesIn } from '../grafana/queries.ts';

/** A `$variable` no drop-down defines stays in the query as text, and the query fails or matches nothing. */
export const dashboardUndefinedVariable = dashboardRule(
  'dashboard/undefined-variable',
  'error',
  'a `$variable` the dashboard does not define',
  (dashboard) => {
    const defined = new Set(((dashboard.json.templating as { list?: { name: string }[] } | undefined)?.list ?? []).map((v) => v.name));
    return queriesOf(dashboard).flatMap((q) =>
      [...new Set(variablesIn(q.expr))]
        .filter((name) => !isBuiltin(name) && !defined.has(name))
        .map((name) => ({ field: q.field, message: `${q.what} uses $${name}, which the dashboard does not define (defined: ${[...defined].map((d) => `$${d}`).join(', ')})` })));
  },
);
