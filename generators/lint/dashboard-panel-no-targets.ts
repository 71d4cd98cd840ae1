import { dataKinds } from '../grafana/conventions.ts';
import { dashboardRule } from '../grafana/lint.ts';

/** dashboard-linter panel-no-targets-rule: a data panel without a query is an empty box. */
export const dashboardPanelNoTargets = dashboardRule(
  'dashboard/panel-no-targets',
  'warning',
  'a data panel without queries',
  (dashboard) =>
    dashboard.panels
      .filter((p) => dataKinds.has(p.json.type as never) && (!Array.isArray(p.json.targets) || p.json.targets.length === 0))
      .map((p) => ({ field: [...p.field, 'queries'], message: `panel "${String(p.json.title)}" has no queries` })),
);
