import { GRID_COLUMNS } from '../grafana/conventions.ts';
import type { BuiltPanel } from '../grafana/build.ts';
import { dashboardRule } from '../grafana/lint.ts';

interface Box { x: number; y: number; w: number; h: number }

const overlaps = (a: Box, b: Box) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

/** Panels that overlap are moved by Grafana on load, so the file and the screen disagree. */
export const dashboardOverlap = dashboardRule(
  'dashboard/overlap',
  'error',
  'a panel outside the 24 columns or on another panel\'s cells',
  (dashboard) => {
    // Panels of a collapsed row are placed as if it were open: compare them only with each other.
    const groups = new Map<number, BuiltPanel[]>();
    for (const p of dashboard.panels) groups.set(p.collapsedIn ?? 0, [...(groups.get(p.collapsedIn ?? 0) ?? []), p]);
    return [...groups.values()].flatMap((panels) =>
      panels.flatMap((p, i) => {
        const box = p.json.gridPos as Box;
        if (box.x < 0 || box.w < 1 || box.x + box.w > GRID_COLUMNS) {
          return [{ field: p.field, message: `panel "${String(p.json.title)}" spans columns ${box.x}-${box.x + box.w}, outside the ${GRID_COLUMNS}-column grid` }];
        }
        const other = panels.slice(0, i).find((q) => overlaps(q.json.gridPos as Box, box));
        return other ? [{ field: p.field, message: `panel "${String(p.json.title)}" overlaps panel "${String(other.json.title)}"` }] : [];
      }));
  },
);
