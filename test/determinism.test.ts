import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { loadProject } from '../scripts/packs/load.ts';
import { compile } from '../generators/compile.ts';
import { repoRoot } from './support/compile-case.ts';

type Group = { alerts?: unknown[]; records?: unknown[] };
type Service = { endpoints?: unknown[]; ruleGroups?: Group[]; slos?: unknown[] };
type Alertmanager = { receivers?: unknown[]; timeIntervals?: unknown[] };
type Project = { services: Service[]; dashboards?: unknown[]; alertmanager?: Alertmanager; escalation?: unknown[] };

const reverse = <T>(list: readonly T[] | undefined): T[] | undefined => list && [...list].reverse();

/**
 * The estate declared backwards wherever order carries no meaning: services,
 * endpoints, targets, rule groups, alerts, SLOs, dashboards, escalation
 * policies, receivers and time intervals. Records keep their order (a later one may read an earlier
 * one), routes theirs (the first match wins), and inhibitions theirs (written
 * as declared, to be read as declared).
 */
function reversed(project: Project): Project {
  return {
    ...project,
    services: reverse(project.services)!.map((service) => ({
      ...service,
      endpoints: reverse(service.endpoints)?.map((endpoint) => {
        const e = endpoint as { targets?: string[] };
        return e.targets ? { ...e, targets: reverse(e.targets) } : e;
      }),
      ruleGroups: reverse(service.ruleGroups)?.map((group) => ({ ...group, alerts: reverse(group.alerts) })),
      slos: reverse(service.slos),
    })),
    dashboards: reverse(project.dashboards),
    escalation: reverse(project.escalation),
    alertmanager: project.alertmanager && {
      ...project.alertmanager,
      receivers: reverse(project.alertmanager.receivers),
      timeIntervals: reverse(project.alertmanager.timeIntervals),
    },
  };
}

function contents(project: unknown): Record<string, string> {
  const { files, diagnostics } = compile(project);
  expect(files, JSON.stringify(diagnostics)).toBeDefined();
  return Object.fromEntries([...files!].map(([path, { content }]) => [path, content]));
}

describe('deterministic output', () => {
  test('two builds of the estate are byte-identical', async () => {
    const { project } = await loadProject(join(repoRoot, 'definitions'));
    expect(contents(project)).toEqual(contents(project));
  });

  test('declaring services, endpoints, targets, rule groups, alerts, SLOs, dashboards and Alertmanager lists in another order gives byte-identical output', async () => {
    const { project } = await loadProject(join(repoRoot, 'definitions'));
    const original = project as Project;
    const backwards = reversed(original);
    // The reversal has something to reverse in every list it names.
    expect(original.dashboards!.length).toBeGreaterThan(5);
    expect(original.services.filter((s) => (s.ruleGroups ?? []).length > 1).length).toBeGreaterThan(0);
    expect(original.services.filter((s) => (s.slos ?? []).length > 1).length).toBeGreaterThan(0);
    expect(original.alertmanager!.receivers!.length).toBeGreaterThan(3);
    expect(original.alertmanager!.timeIntervals!.length).toBeGreaterThan(1);
    expect(original.escalation!.length).toBeGreaterThan(1);
    expect(JSON.stringify(backwards)).not.toBe(JSON.stringify(original));
    const expected = contents(project);
    const actual = contents(backwards);
    const differ = Object.keys(expected).filter((path) => expected[path] !== actual[path]);
    expect(differ).toEqual([]);
    expect(Object.keys(actual).sort()).toEqual(Object.keys(expected).sort());
  });

  test('output holds no timestamp, absolute path or version of the tool', async () => {
    const { project } = await loadProject(join(repoRoot, 'definitions'));
    for (const [path, content] of Object.entries(contents(project))) {
      expect(content, path).not.toContain(repoRoot);
      expect(content, path).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/);
      expect(content, path).not.toContain('\r');
      expect(content.endsWith('\n'), path).toBe(true);
    }
  });
});
