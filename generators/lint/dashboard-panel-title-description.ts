import { dashboardRule } from '../grafana/lint.ts';

/** dashboard-linter panel-title-description-rule: the description is the panel's "what am I looking at". */
export const dashboardPanelTitleDescription = dashboardRule(
  'dashboard/panel-title-description',
  'warning',
  'a panel without a title or a description',
  (dashboard) =>
    dashboard.panels
      .filter((p) => p.json.type !== 'row')
      .flatMap((p) => [
        ...(String(p.json.title ?? '').trim() === '' ? [{ field: [...p.field, 'title'], message: `panel ${String(p.json.id)} has no title` }] : []),
        ...(String(p.json.description ?? '').trim() === ''
          ? [{ field: p.field, message: `panel "${String(p.json.title)}" has no description` }]
          : []),
      ]),
);
