import type { Diagnostic } from '../core/diagnostic.ts';
import { locateSite } from '../core/locate.ts';
import type { Model, Site } from '../core/model.ts';
import { joinSubject } from '../core/schema-issues.ts';
import { lintRules } from '../lint/index.ts';
import { dashboardsOf } from './build.ts';
import { folderSlug, OLDEST_GRAFANA, schemaVersionFor } from './conventions.ts';
import { fieldOf, siteOf } from './lint.ts';

function error(code: string, site: Site, field: readonly PropertyKey[], message: string, related?: Site): Diagnostic {
  return {
    severity: 'error',
    code,
    location: locateSite(site, field),
    subject: joinSubject(site.subject, field),
    message,
    related: related && { location: locateSite(related), subject: related.subject },
  };
}

/** What a dashboard cannot be built or linked without: Grafana settings, a supported version, unique ids, known links. */
export function checkDashboards(model: Model): Diagnostic[] {
  const { grafana, targets, site } = model.project;
  if (!grafana) {
    return model.dashboards.map(({ site: at }) =>
      error('dashboard/no-grafana', at, [], 'dashboards need the project\'s grafana settings (the datasource URL) to be written'));
  }
  if (schemaVersionFor(targets.grafana) === undefined) {
    return [error('grafana/version', site, ['targets', 'grafana'], `dashboards are written for Grafana ${OLDEST_GRAFANA} and later, not ${targets.grafana}`)];
  }
  const dashboards = dashboardsOf(model);
  const first = new Map<string, (typeof dashboards)[number]>();
  const found: Diagnostic[] = [];
  const ruleCodes = new Set(lintRules.map((r) => r.code).filter((c) => c.startsWith('dashboard/')));
  for (const d of dashboards) {
    const earlier = first.get(d.uid);
    if (earlier) {
      const what = d.generated ? `the generated dashboard ${d.id}` : `dashboard ${d.id}`;
      found.push(error('dashboard/duplicate-id', siteOf(d), fieldOf(d, ['id']), `${what} has the uid ${JSON.stringify(d.uid)} of an earlier dashboard`, siteOf(earlier)));
    } else first.set(d.uid, d);
  }
  // Grafana refuses to provision two dashboards with one title in one folder.
  const titles = new Map<string, (typeof dashboards)[number]>();
  for (const d of dashboards) {
    const key = `${folderSlug(d.folder)}\u0000${d.declaration.title}`;
    const earlier = titles.get(key);
    if (earlier && earlier.uid !== d.uid) {
      found.push(error('dashboard/duplicate-title', siteOf(d), fieldOf(d, ['title']),
        `folder ${JSON.stringify(d.folder)} already has a dashboard titled ${JSON.stringify(d.declaration.title)}`, siteOf(earlier)));
    } else titles.set(key, d);
  }
  for (const d of dashboards) {
    (d.declaration.links ?? []).forEach((link, i) => {
      if ('dashboard' in link && !dashboards.some((other) => other.id === link.dashboard)) {
        found.push(error('dashboard/unknown-link', siteOf(d), fieldOf(d, ['links', i, 'dashboard']),
          `links to dashboard ${JSON.stringify(link.dashboard)}, which is neither declared nor generated`));
      }
    });
    const names = (d.declaration.variables ?? []).map((v) => v.name);
    names.forEach((name, i) => {
      if (name === 'datasource' || names.indexOf(name) !== i) {
        found.push(error('dashboard/duplicate-variable', siteOf(d), ['variables', i, 'name'], `variable $${name} is already defined${name === 'datasource' ? ' (every dashboard has $datasource)' : ''}`));
      }
    });
    for (const code of Object.keys(d.declaration.lint ?? {})) {
      if (!ruleCodes.has(code)) {
        found.push(error('dashboard/unknown-lint-rule', siteOf(d), ['lint', code], `no dashboard lint rule is called ${JSON.stringify(code)}; known: ${[...ruleCodes].sort().join(', ')}`));
      }
    }
  }
  found.push(...unknownAlertDashboards(model, new Set(dashboards.map((d) => d.uid))));
  return found;
}

/** An alert's dashboard_url into the project's Grafana must open a dashboard this build writes; a URL elsewhere is the user's. */
function unknownAlertDashboards(model: Model, uids: ReadonlySet<string>): Diagnostic[] {
  const grafana = model.project.links.grafana;
  if (grafana === undefined) return [];
  return model.services.flatMap((s) => s.ruleGroups.flatMap((g) => g.alerts)).flatMap((alert) => {
    const url = alert.annotations.dashboard_url ?? '';
    if (!url.startsWith(grafana.replace(/\/$/, ''))) return [];
    const uid = /\/d\/([^/?#]+)(?:\?[^#]*)?$/.exec(url)?.[1];
    if (uid === undefined || uids.has(uid)) return [];
    return [error('dashboard/unknown-link', alert.site, ['dashboard'],
      `alert ${alert.name} links to dashboard ${JSON.stringify(uid)}, which is neither declared nor generated (service dashboards: ${model.project.grafana!.serviceDashboards || 'off'})`)];
  });
}
