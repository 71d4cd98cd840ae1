import { dashboardRule } from '../grafana/lint.ts';
import type { Json } from '../grafana/build.ts';

/**
 * dashboard-linter uneditable-dashboard and template-on-time-change-reload-rule:
 * edits in the UI are lost at the next provisioning, and variables reload when the time range changes.
 */
export const dashboardUneditable = dashboardRule(
  'dashboard/uneditable',
  'error',
  'an editable dashboard, or a query variable that does not reload on time change',
  (dashboard) => [
    ...(dashboard.json.editable !== false ? [{ field: [], message: 'the dashboard is editable; provisioned dashboards are written by the build only' }] : []),
    ...((dashboard.json.templating as { list?: Json[] } | undefined)?.list ?? [])
      .filter((v) => v.type === 'query' && v.refresh !== 2)
      .map((v) => ({ field: ['variables'], message: `variable $${String(v.name)} does not refresh on time range change` })),
  ],
);
