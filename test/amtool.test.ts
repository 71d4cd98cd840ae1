import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { routingTable } from '../generators/model/routing.ts';
import { loadDefinitions } from '../generators/core/load.ts';
import { listFiles } from '../generators/core/output.ts';
import { compile } from '../generators/core/pipeline.ts';
import { goldenCases, goldenRoot, repoRoot } from './support/compile-case.ts';
import { materialize, placeCredentialFiles } from './support/materialize.ts';
import { runTool } from './support/tools.ts';

/** Compiles definitions, writes them out, and returns the Alertmanager folder and the routing table. */
async function build(definitions: string) {
  const { project } = await loadDefinitions(definitions);
  const compilation = compile(project);
  expect(compilation.files, compilation.diagnostics.map((d) => d.message).join('\n')).toBeDefined();
  const out = materialize(compilation.files!);
  const dir = join(out, 'alertmanager');
  const config = join(dir, 'alertmanager.yml');
  placeCredentialFiles(config, readFileSync(config, 'utf8'));
  return { dir, table: routingTable(compilation.model!) };
}

function routesTest(dir: string, receivers: readonly string[], labels: Readonly<Record<string, string>>) {
  const pairs = Object.entries(labels).map(([name, value]) => `${name}=${value}`);
  return runTool('amtool', ['config', 'routes', 'test', '--config.file=alertmanager.yml', `--verify.receivers=${receivers.join(',')}`, ...pairs], dir);
}

/** Golden cases chosen by what they output: every one that writes an alertmanager.yml. */
const withAlertmanager = [
  ...goldenCases()
    .filter((name) => !name.startsWith('invalid-') && listFiles(join(goldenRoot, name, 'expected')).includes('alertmanager/alertmanager/alertmanager.yml'))
    .map((name) => [name, join(goldenRoot, name, 'definitions')] as const),
  ['the estate', join(repoRoot, 'definitions')] as const,
];

describe('amtool (Debian alertmanager 0.25)', () => {
  test('the golden cases checked include every one that writes Alertmanager files', () => {
    expect(withAlertmanager.map(([name]) => name)).toEqual(expect.arrayContaining(['alertmanager-routing', 'docs-runbooks']));
  });

  test.each(withAlertmanager)('check-config accepts the alertmanager.yml of %s', async (_, definitions) => {
    const { dir } = await build(definitions);
    const result = runTool('amtool', ['check-config', 'alertmanager.yml'], dir);
    expect(result.status, `${result.stdout}${result.stderr}`).toBe(0);
  });

  test.each(withAlertmanager)('template render defines every template the config of %s uses', async (_, definitions) => {
    const { dir } = await build(definitions);
    const config = readFileSync(join(dir, 'alertmanager.yml'), 'utf8');
    // The names the emitted config references, not the generator's own list.
    const used = [...new Set([...config.matchAll(/\{\{ template "([^"]+)" \. \}\}/g)].map((m) => m[1]!))].sort();
    expect(used.length, 'the config references templates').toBeGreaterThan(0);
    for (const name of used) {
      const result = runTool('amtool', ['template', 'render', '--template.glob=templates/*.tmpl', `--template.text={{ template "${name}" . }}`], dir);
      expect(result.status, `${name}: ${result.stderr}`).toBe(0);
      expect(result.stdout.trim().length, name).toBeGreaterThan(0);
    }
  });

  test.each(withAlertmanager)('config routes test agrees with the routing table for every alert of %s', async (_, definitions) => {
    const { dir, table } = await build(definitions);
    expect(table.length).toBeGreaterThan(0);
    for (const row of table) {
      const result = routesTest(dir, row.receivers, row.labels);
      expect(result.status, `${row.alert.name} ${JSON.stringify(row.labels)} expected ${row.receivers.join(',')}: ${result.stdout}`).toBe(0);
    }
  });

  test('template render fails on a template the files do not define, so the check can fail', async () => {
    const { dir } = await build(join(goldenRoot, 'alertmanager-routing/definitions'));
    const result = runTool('amtool', ['template', 'render', '--template.glob=templates/*.tmpl', '--template.text={{ template "monac.nope" . }}'], dir);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('monac.nope');
  });

  test('a receiver list amtool disagrees with fails, so these checks can fail', async () => {
    const { dir, table } = await build(join(goldenRoot, 'alertmanager-routing/definitions'));
    const row = table.find((r) => r.receivers.length > 1)!;
    expect(routesTest(dir, [...row.receivers].reverse(), row.labels).status).toBe(1);
  });
});
