import type { LintRule } from '../core/lint.ts';
import { routingTable } from '../model/routing.ts';

/** An alert that only the catch-all route takes is an alert nobody decided to be told about. */
export const routeDefaultOnly: LintRule = {
  code: 'route/default-only',
  level: 'error',
  description: 'an alert reaches only the default receiver of the root route',
  check: (model) =>
    routingTable(model)
      .filter((routed) => routed.defaultOnly)
      .map((routed) => ({ site: routed.alert.site, field: [], message: `reaches only the default receiver ${routed.receivers[0]}; add a route for it` })),
};
