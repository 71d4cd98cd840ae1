import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { loadDefinitions } from '../generators/core/load.ts';
import { compile } from '../generators/core/pipeline.ts';
import { repoRoot } from './support/compile-case.ts';

type Project = { services: { endpoints?: unknown[] }[]; dashboards?: unknown[] };

function contents(project: unknown): Record<string, string> {
  const { files, diagnostics } = compile(project);
  expect(files, JSON.stringify(diagnostics)).toBeDefined();
  return Object.fromEntries([...files!].map(([path, { content }]) => [path, content]));
}

describe('deterministic output', () => {
  test('two builds of the estate are byte-identical', async () => {
    const { project } = await loadDefinitions(join(repoRoot, 'definitions'));
    expect(contents(project)).toEqual(contents(project));
  });

  test('declaring services, endpoints, targets and dashboards in another order gives byte-identical output', async () => {
    const { project } = await loadDefinitions(join(repoRoot, 'definitions'));
    const original = project as Project;
    const reversed = {
      ...original,
      services: [...original.services].reverse().map((service) => ({
        ...service,
        endpoints: [...(service.endpoints ?? [])].reverse().map((endpoint) => {
          const e = endpoint as { targets?: string[] };
          return e.targets ? { ...e, targets: [...e.targets].reverse() } : e;
        }),
      })),
      dashboards: [...(original.dashboards ?? [])].reverse(),
    };
    expect(reversed.dashboards.length).toBeGreaterThan(5);
    expect(contents(reversed)).toEqual(contents(project));
  });

  test('output holds no timestamp, absolute path or version of the tool', async () => {
    const { project } = await loadDefinitions(join(repoRoot, 'definitions'));
    for (const [path, content] of Object.entries(contents(project))) {
      expect(content, path).not.toContain(repoRoot);
      expect(content, path).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/);
      expect(content, path).not.toContain('\r');
      expect(content.endsWith('\n'), path).toBe(true);
    }
  });
});
