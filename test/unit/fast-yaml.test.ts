import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { canonicalize, documentYaml, YAML_HEADER } from '../../generators/core/emit.ts';
import { fastYaml } from '../../generators/core/fast-yaml.ts';
import { loadProject } from '../../scripts/packs/load.ts';
import { compile, generate } from '../../generators/compile.ts';
import { generators } from '../../generators/index.ts';
import { goldenCases, goldenRoot, repoRoot } from '../support/compile-case.ts';

const cases = [['the estate', join(repoRoot, 'definitions')] as const, ...goldenCases().filter((n) => !n.startsWith('invalid-')).map((n) => [n, join(goldenRoot, n, 'definitions')] as const)];

describe('the direct YAML emitter', () => {
  test.each(cases)('writes every YAML file of %s exactly as the document model does, or leaves it to it', async (_, dir) => {
    const { project } = await loadProject(dir);
    const { model } = compile(project);
    const yaml = generate(model!, generators).map((g) => g.artifact).filter((a) => a.format === 'yaml');
    expect(yaml.length).toBeGreaterThan(0);
    let direct = 0;
    for (const artifact of yaml) {
      const canonical = canonicalize(artifact.data);
      const fast = fastYaml(canonical, YAML_HEADER);
      if (fast === undefined) continue;
      direct++;
      expect(fast, artifact.path).toBe(documentYaml(canonical));
      // It orders keys and drops undefined itself: the data as generated writes the same bytes.
      expect(fastYaml(artifact.data, YAML_HEADER), `${artifact.path}, as generated`).toBe(fast);
    }
    // Most files are plain data; only multi-line strings and escapes go to the document model.
    expect(direct / yaml.length, `${direct} of ${yaml.length} written directly`).toBeGreaterThanOrEqual(0.5);
  });

  test.each([
    ['YAML 1.1 booleans and null stay strings', { a: ['yes', 'no', 'on', 'off', 'y', 'n', 'null', '~', 'true'] }],
    ['numbers as text, signs and leading dots stay strings', { a: ['1', '15s', '-1', '+1', '.5', '0x10', '1e3', '2026-11-01'] }],
    ['indicators and comments', { a: ['#x', '- x', '? x', ': x', 'a: b', 'a #b', '{{ x }}', '[x]', '&x', '*x', '!x', '|x', '>x', '%x', '@x', '`x', "'x", '"x', 'a:', ' a', 'a ', ''] }],
    ['quotes and braces in PromQL', { expr: 'sum by (job) (rate(http_requests_total{job="api", code=~"5.."}[5m])) > 0', t: '{{ template "x" . }}', q: "it's {{ $labels.x }}" }],
    ['numbers', { a: [0, 1, -1, 0.5, 0.001, 1234567.5, 100, 3.14159265358979] }],
    ['nesting, empty maps and lists', { a: {}, b: [], c: [{}], d: [{ x: [] , y: { z: 1 } }], e: { f: [1, 'two', { g: true }] } }],
  ])('%s: the same bytes as the document model', (_, data) => {
    const canonical = canonicalize(data);
    const fast = fastYaml(canonical, YAML_HEADER);
    expect(fast).toBeDefined();
    expect(fast).toBe(documentYaml(canonical));
  });

  test('orders keys canonically, drops undefined and prints numbers stably, as canonicalize does, without the copy', () => {
    const data = { zeta: 1, labels: { b: 'x', a: undefined }, alert: 'A', list: [undefined, 0.1 + 0.2, { expr: 'up', record: 'r' }], empty: { gone: undefined } };
    expect(fastYaml(data, YAML_HEADER)).toBe(documentYaml(canonicalize(data)));
    expect(fastYaml(data, YAML_HEADER)).toContain('alert: A\nlabels:\n  b: x\nempty: {}\nlist:\n  - 0.3\n  - record: r\n    expr: up\nzeta: 1\n');
  });

  test('leaves what it is not sure of to the document model: a multi-line string', () => {
    expect(fastYaml({ a: 'one\ntwo' }, YAML_HEADER)).toBeUndefined();
  });
});
