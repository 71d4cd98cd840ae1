import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { parseMatcher } from '../generators/model/matchers.ts';
import { routeLabels, routeTree, routingTable } from '../generators/model/routing.ts';
import { loadProject } from '../scripts/packs/load.ts';
import { listFiles } from '../generators/core/output.ts';
import { compile } from '../generators/compile.ts';
import { goldenCases, goldenRoot, repoRoot } from './support/compile-case.ts';
import { materialize, placeCredentialFiles } from './support/materialize.ts';
import { startAlertmanager, type RunningAlertmanager } from './support/alertmanager.ts';
import { runTool } from './support/tools.ts';

/** Compiles definitions, writes them out, and returns the Alertmanager folder and the routing table. */
async function build(definitions: string) {
  const { project } = await loadProject(definitions);
  const compilation = compile(project);
  expect(compilation.files, compilation.diagnostics.map((d) => d.message).join('\n')).toBeDefined();
  const out = materialize(compilation.files!);
  const dir = join(out, 'alertmanager');
  const config = join(dir, 'alertmanager.yml');
  placeCredentialFiles(config, readFileSync(config, 'utf8'));
  return { dir, table: routingTable(compilation.model!), tests: compilation.model!.project.alertmanager?.config.routingTests ?? [] };
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

  test('every routing expectation of alertmanager-routing holds in amtool config routes test, and a wrong one fails there too', async () => {
    const { dir, tests } = await build(join(goldenRoot, 'alertmanager-routing/definitions'));
    expect(tests.length).toBeGreaterThan(2);
    for (const expectation of tests) {
      const result = routesTest(dir, expectation.receivers, expectation.labels);
      expect(result.status, `${JSON.stringify(expectation.labels)} expected ${expectation.receivers.join(',')}: ${result.stdout}`).toBe(0);
    }
    const twoReceivers = tests.find((t) => t.receivers.length > 1)!;
    expect(routesTest(dir, [...twoReceivers.receivers].reverse(), twoReceivers.labels).status).toBe(1);
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

describe('the routing table agrees with amtool on label sets it was not written for', () => {
  test.each([['the estate', join(repoRoot, 'definitions')], ['alertmanager-routing', join(goldenRoot, 'alertmanager-routing/definitions')]] as const)(
    '%s: random label sets drawn from the alerts\' labels and the routes\' matchers go where amtool config routes test says',
    async (_, definitions) => {
      const { project } = await loadProject(definitions);
      const compilation = compile(project);
      const { dir } = await build(definitions);
      const root = routeTree(compilation.model!)!;
      // The vocabulary: every label name and value the estate's alerts carry, and every value its matchers name.
      const values = new Map<string, Set<string>>();
      const add = (name: string, value: string) => (values.get(name) ?? values.set(name, new Set()).get(name)!).add(value);
      for (const { labels } of routingTable(compilation.model!)) for (const [k, v] of Object.entries(labels)) add(k, v);
      const walk = (route: typeof root): void => {
        for (const m of route.matchers.map(parseMatcher)) if (m.op === '=' || m.op === '!=') add(m.label, m.value);
        route.routes.forEach(walk);
      };
      walk(root);
      const names = [...values.keys()].sort();
      const labelSet = fc.uniqueArray(fc.constantFrom(...names), { minLength: 1, maxLength: 6 })
        .chain((chosen) => fc.tuple(...chosen.map((name) => fc.constantFrom(...[...values.get(name)!].filter((v) => /^[\w.:-]+$/.test(v)), 'other'))).map((picked) => Object.fromEntries(chosen.map((name, i) => [name, picked[i]!]))));
      const seed = Number(process.env.ROUTES_SEED ?? Math.floor(Math.random() * 2 ** 31));
      fc.assert(fc.property(labelSet, (labels) => {
        const pairs = Object.entries(labels).map(([name, value]) => `${name}=${value}`);
        const result = runTool('amtool', ['config', 'routes', 'test', '--config.file=alertmanager.yml', ...pairs], dir);
        expect(result.status, result.stderr).toBe(0);
        expect(routeLabels(root, labels).join(','), `${pairs.join(' ')} (ROUTES_SEED=${seed})`).toBe(result.stdout.trim());
      }), { numRuns: 60, seed });
    },
    120_000,
  );
});

describe('inhibition expectations hold in a running Alertmanager (Debian 0.25)', () => {
  let alertmanager: RunningAlertmanager | undefined;
  let tests: Awaited<ReturnType<typeof build>>['tests'] = [];

  beforeAll(async () => {
    const built = await build(join(goldenRoot, 'alertmanager-routing/definitions'));
    tests = built.tests;
    alertmanager = await startAlertmanager(join(built.dir, 'alertmanager.yml'));
  }, 30_000);

  afterAll(() => alertmanager?.stop());

  const post = async (...alerts: Record<string, string>[]) => {
    const response = await fetch(`${alertmanager!.url}/api/v2/alerts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(alerts.map((labels) => ({ labels, startsAt: new Date().toISOString() }))),
    });
    expect(response.status, await response.text()).toBe(200);
  };

  /** The alert's state once Alertmanager has had it and its inhibitor for a moment: suppressed or active. */
  const stateOf = async (labels: Record<string, string>, want: string): Promise<string> => {
    const filter = Object.entries(labels).map(([k, v]) => `filter=${encodeURIComponent(`${k}=${JSON.stringify(v)}`)}`).join('&');
    let state = 'missing';
    for (const deadline = Date.now() + 10_000; Date.now() < deadline && state !== want;) {
      const found = (await (await fetch(`${alertmanager!.url}/api/v2/alerts?${filter}`)).json()) as { status: { state: string; inhibitedBy: string[] } }[];
      state = found.length === 1 ? found[0]!.status.state : `${found.length} alerts`;
      if (state !== want) await new Promise((resolve) => setTimeout(resolve, 250));
    }
    return state;
  };

  test('each alert expected muted is suppressed while its inhibitor fires, and the same alert for another service is not', async () => {
    const muted = tests.filter((t) => t.mutedWhile !== undefined);
    expect(muted.length).toBeGreaterThan(0);
    for (const expectation of muted) {
      await post(expectation.mutedWhile!, expectation.labels);
      expect(await stateOf(expectation.labels, 'suppressed'), alertmanager!.log()).toBe('suppressed');
      // Inhibition needs the equal labels equal: the same alert elsewhere stays active, so the check can fail.
      const elsewhere = { ...expectation.labels, service: 'elsewhere' };
      await post(elsewhere);
      expect(await stateOf(elsewhere, 'active')).toBe('active');
    }
  }, 60_000);
});
