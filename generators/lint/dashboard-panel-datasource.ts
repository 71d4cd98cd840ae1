import { dashboardRule } from '../grafana/lint.ts';
import type { Json } from '../grafana/build.ts';

/**
 * dashboard-linter panel-datasource-rule: panels and queries use the
 * `$datasource` variable or the provisioned uid, so the dashboard works on
 * every Grafana the files are provisioned to.
 */
export const dashboardPanelDatasource = dashboardRule(
  'dashboard/panel-datasource',
  'error',
  'a datasource that is neither `${datasource}` nor the provisioned uid',
  (dashboard, model) => {
    const allowed = new Set(['$datasource', '${datasource}', model.project.grafana?.datasource.uid]);
    const bad = (ds: unknown) => ds !== undefined && !allowed.has((ds as Json | null)?.uid as string);
    return dashboard.panels.flatMap((p) =>
      [p.json, ...(Array.isArray(p.json.targets) ? (p.json.targets as Json[]) : [])]
        .filter((item) => p.json.type !== 'row' && bad(item.datasource))
        .map(() => ({ field: p.field, message: `panel "${String(p.json.title)}" uses datasource ${JSON.stringify(p.json.datasource)}; use \${datasource}` })));
  },
);
