import { describe, expect, test } from 'vitest';
import { compile } from '../generators/core/pipeline.ts';
import { syntheticProject } from '../scripts/bench.ts';

describe('npm run bench', () => {
  test('its synthetic estate builds with no diagnostic at all, so the bench measures a clean build', () => {
    const { diagnostics, files } = compile(syntheticProject(20));
    expect(diagnostics.map((d) => `${d.code} ${d.subject}: ${d.message}`)).toEqual([]);
    expect([...files!.keys()].filter((path) => path.startsWith('docs/runbooks/')).length).toBe(20);
  });
});
