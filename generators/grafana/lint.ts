import type { Finding, LintRule } from '../core/lint.ts';
import type { Model, Site } from '../core/model.ts';
import { dashboardsOf, type BuiltDashboard } from './build.ts';

/** What a dashboard rule reports: a field below the dashboard's declaration. */
export interface DashboardFinding {
  readonly field: readonly PropertyKey[];
  readonly message: string;
}

/** The site findings of a dashboard point at: its declaration, or what a generated one comes from. */
export function siteOf(dashboard: BuiltDashboard): Site {
  return dashboard.generated ? { ...dashboard.site, subject: `dashboard ${dashboard.id}` } : dashboard.site;
}

/** A field of a dashboard as findings name it: generated dashboards have no declaration to walk into. */
export function fieldOf(dashboard: BuiltDashboard, field: readonly PropertyKey[]): readonly PropertyKey[] {
  return dashboard.generated ? [] : field;
}

/**
 * A lint rule over the built dashboards (the JSON Grafana will load), run
 * unless the dashboard switches it off in its `lint` settings.
 */
export function dashboardRule(
  code: string,
  level: 'warning' | 'error',
  description: string,
  check: (dashboard: BuiltDashboard, model: Model) => readonly DashboardFinding[],
): LintRule {
  return {
    code,
    level,
    description,
    check: (model): Finding[] =>
      dashboardsOf(model)
        .filter((d) => d.declaration.lint?.[code] === undefined)
        .flatMap((d) => check(d, model).map((f) => ({ site: siteOf(d), field: fieldOf(d, f.field), message: f.message }))),
  };
}
