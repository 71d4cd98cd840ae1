import { dashboardRule } from '../grafana/lint.ts';
import type { Json } from '../grafana/build.ts';

/** Two panels with one id confuse Grafana's links and edits; two queries with one refId overwrite each other. */
export const dashboardUniqueIds = dashboardRule(
  'dashboard/unique-ids',
  'error',
  'two panels with one id, or two queries of a panel with one refId',
  (dashboard) => {
    const seen = new Set<unknown>();
    return dashboard.panels.flatMap((p) => {
      const found = [];
      if (typeof p.json.id !== 'number' || seen.has(p.json.id)) found.push({ field: p.field, message: `panel "${String(p.json.title)}" reuses or lacks panel id ${String(p.json.id)}` });
      seen.add(p.json.id);
      const refIds = (Array.isArray(p.json.targets) ? (p.json.targets as Json[]) : []).map((t) => t.refId);
      const repeated = refIds.filter((r, i) => !r || refIds.indexOf(r) !== i);
      if (repeated.length > 0) found.push({ field: p.field, message: `panel "${String(p.json.title)}" has missing or repeated refIds ${JSON.stringify(repeated)}` });
      return found;
    });
  },
);
