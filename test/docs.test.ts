import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { listFiles } from '../generators/core/output.ts';
import { loadProject } from '../scripts/packs/load.ts';
import { compileDefinitions, goldenCases, goldenRoot, repoRoot } from './support/compile-case.ts';
import { startAlertmanager, type RunningAlertmanager } from './support/alertmanager.ts';
import { brokenRelativeLinks, brokenRunbookUrls, runbookUrls, type Tree } from './support/doc-links.ts';
import { materialize } from './support/materialize.ts';
import { runTool } from './support/tools.ts';

/** The committed out/ as a tree of files. */
function committedTree(): Tree {
  const root = join(repoRoot, 'out');
  return new Map(listFiles(root).map((path) => [path, readFileSync(join(root, path), 'utf8')]));
}

async function builtTree(definitions: string): Promise<Tree> {
  const { files, diagnostics } = await compileDefinitions(definitions);
  expect(files, diagnostics.join('\n')).toBeDefined();
  return new Map([...files!].map(([path, { content }]) => [path, content]));
}

async function runbooksBase(definitions: string): Promise<string | undefined> {
  const { project } = await loadProject(definitions);
  return (project as { links?: { runbooks?: string } }).links?.runbooks;
}

const withDocs = goldenCases().filter((name) => !name.startsWith('invalid-') && listFiles(join(goldenRoot, name, 'expected')).some((p) => p.startsWith('docs/docs/runbooks/')));

describe('every runbook_url and every link in out/docs resolves', () => {
  test('golden cases write runbook pages, so the checks below have cases', () => {
    expect(withDocs.length).toBeGreaterThanOrEqual(3);
    expect(withDocs).toContain('docs-runbooks');
  });

  test('every runbook_url of the committed out/ opens a generated page at an existing heading', async () => {
    const tree = committedTree();
    const base = (await runbooksBase(join(repoRoot, 'definitions')))!;
    expect(runbookUrls(tree).length).toBeGreaterThan(80);
    expect(brokenRunbookUrls(tree, base)).toEqual([]);
  });

  test('every relative link inside the committed out/docs opens a file and heading that exist', () => {
    const tree = committedTree();
    expect([...tree.keys()].filter((p) => p.startsWith('docs/')).length).toBeGreaterThan(10);
    expect(brokenRelativeLinks(tree)).toEqual([]);
  });

  test.each(withDocs)('golden case %s: every runbook_url and relative link resolves', async (name) => {
    const definitions = join(goldenRoot, name, 'definitions');
    const tree = await builtTree(definitions);
    const base = await runbooksBase(definitions);
    // Without links.runbooks the alerts carry no runbook_url; the pages and their links are still checked.
    if (base === undefined) expect(runbookUrls(tree)).toEqual([]);
    else {
      expect(runbookUrls(tree).length).toBeGreaterThan(0);
      expect(brokenRunbookUrls(tree, base)).toEqual([]);
    }
    expect(brokenRelativeLinks(tree)).toEqual([]);
  });

  test('a broken anchor, a missing page and a runbook_url without its section are found, so the checks can fail', () => {
    const tree: Tree = new Map([
      ['docs/README.md', '# Index\n\n[api](runbooks/api.md#apidown) [db](runbooks/db.md) [top](#index) [gone](#nowhere)\n\n```sh\n[not a link](nowhere.md)\n```\n'],
      ['docs/runbooks/api.md', '# api\n\n## ApiDown\n'],
      ['prometheus/rules/api.yml', 'groups:\n  - name: api\n    rules:\n      - alert: ApiSlow\n        expr: up == 0\n        annotations:\n          runbook_url: https://runbooks.example.org/api.md#apislow\n'],
    ]);
    expect(brokenRelativeLinks(tree)).toEqual([
      'docs/README.md: runbooks/db.md (no file docs/runbooks/db.md)',
      'docs/README.md: #nowhere (no heading #nowhere in docs/README.md)',
    ]);
    expect(brokenRunbookUrls(tree, 'https://runbooks.example.org')).toEqual([
      'prometheus/rules/api.yml ApiSlow: https://runbooks.example.org/api.md#apislow (no heading #apislow in docs/runbooks/api.md)',
    ]);
  });
});

describe('markdownlint (markdownlint-cli2, the committed .markdownlint-cli2.jsonc)', () => {
  const cli = join(repoRoot, 'node_modules/.bin/markdownlint-cli2');
  const config = join(repoRoot, '.markdownlint-cli2.jsonc');
  const lint = (dir: string) => spawnSync(cli, ['--config', config, 'docs/**/*.md'], { cwd: dir, encoding: 'utf8', timeout: 60_000 });

  test('passes the committed out/docs', () => {
    const result = lint(join(repoRoot, 'out'));
    expect(result.status, `${result.stdout}${result.stderr}`).toBe(0);
    expect(`${result.stdout}${result.stderr}`).toMatch(/Linting: \d{2,} files/);
  });

  test.each(withDocs)('passes the docs of golden case %s', async (name) => {
    const { files } = await compileDefinitions(join(goldenRoot, name, 'definitions'));
    const result = lint(materialize(files!));
    expect(result.status, `${result.stdout}${result.stderr}`).toBe(0);
  });

  test('fails on a page that breaks a rule, so the check can fail', () => {
    const dir = mkdtempSync(join(tmpdir(), 'monac-md-'));
    spawnSync('mkdir', ['-p', join(dir, 'docs')]);
    writeFileSync(join(dir, 'docs/bad.md'), '# Title\n## Skipped a blank line\n');
    const result = lint(dir);
    expect(result.status).toBe(1);
    expect(`${result.stdout}${result.stderr}`).toContain('MD022');
  });
});

/** Shell words of a documented command: spaces split, double quotes group. */
const words = (command: string) => [...command.matchAll(/(?:[^\s"]+|"[^"]*")+/g)].map((m) => m[0].replace(/"/g, ''));

describe('every amtool silence command in the docs works against a real Alertmanager (Debian 0.25)', () => {
  let url = '';
  let alertmanager: RunningAlertmanager | undefined;

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'monac-am-'));
    writeFileSync(join(dir, 'alertmanager.yml'), 'route:\n  receiver: default\nreceivers:\n  - name: default\n');
    alertmanager = await startAlertmanager(join(dir, 'alertmanager.yml'));
    url = alertmanager.url;
  }, 30_000);

  afterAll(() => alertmanager?.stop());

  /** The documented commands, pointed at the test's Alertmanager. */
  function commands(tree: Tree, verb: 'add' | 'expire'): string[] {
    return [...tree]
      .filter(([path]) => path.startsWith('docs/') && path.endsWith('.md'))
      .flatMap(([, content]) => content.split('\n').filter((line) => line.startsWith(`amtool silence ${verb} `)))
      .map((line) => line.replace(/--alertmanager\.url=\S+/g, `--alertmanager.url=${url}`));
  }

  const active = () => {
    const result = runTool('amtool', ['silence', 'query', `--alertmanager.url=${url}`, '-q']);
    expect(result.status, result.stderr).toBe(0);
    return result.stdout.split('\n').filter(Boolean);
  };

  /** The label sets of every alert of a build's rule files, as Prometheus sends them (alertname and the rule's labels). */
  function alertLabels(tree: Tree): Record<string, string>[] {
    return [...tree].filter(([path]) => /^prometheus\/rules\/.*\.yml$/.test(path))
      .flatMap(([, content]) => ((parse(content) as { groups?: { rules: { alert?: string; labels?: Record<string, string> }[] }[] }).groups ?? []))
      .flatMap((g) => g.rules.filter((r) => r.alert).map((r) => ({ ...r.labels, alertname: r.alert! })));
  }

  /** Fires `labels` at the test's Alertmanager, as Prometheus would, for ten minutes. */
  async function fire(labels: Record<string, string>): Promise<void> {
    const response = await fetch(`${url}/api/v2/alerts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([{ labels, startsAt: new Date().toISOString(), endsAt: new Date(Date.now() + 600_000).toISOString() }]),
    });
    expect(response.status, await response.text()).toBe(200);
  }

  /** The silences that mute the firing alert with exactly these labels, as Alertmanager reports them. */
  async function silencedBy(labels: Record<string, string>): Promise<string[]> {
    const filter = Object.entries(labels).map(([k, v]) => `filter=${encodeURIComponent(`${k}=${JSON.stringify(v)}`)}`).join('&');
    const alerts = (await (await fetch(`${url}/api/v2/alerts?${filter}`)).json()) as { labels: Record<string, string>; status: { silencedBy: string[] } }[];
    const alert = alerts.find((a) => Object.keys(a.labels).length === Object.keys(labels).length);
    expect(alert, `${JSON.stringify(labels)} among ${JSON.stringify(alerts.map((a) => a.labels))}`).toBeDefined();
    return alert!.status.silencedBy;
  }

  test.each([
    ['the estate', () => Promise.resolve(committedTree())],
    ['golden case docs-runbooks', () => builtTree(join(goldenRoot, 'docs-runbooks/definitions'))],
  ] as const)('%s: each add creates a silence that mutes its service\'s firing alert and no other service\'s, and the documented expire ends it', async (_, treeOf) => {
    const tree = await treeOf();
    const adds = commands(tree, 'add');
    const expires = commands(tree, 'expire');
    const alerts = alertLabels(tree);
    expect(adds.length).toBeGreaterThan(3);
    expect(expires.length).toBe(adds.length);
    for (const [i, add] of adds.entries()) {
      const [tool, ...args] = words(add);
      expect(tool).toBe('amtool');
      // The alerts the silence is for: those its matchers (label=value, as the docs write them) select.
      const matchers = args.filter((a) => !a.startsWith('--') && a.includes('=')).map((a) => a.split('=') as [string, string]);
      expect(matchers.length, add).toBeGreaterThan(0);
      // A rule whose labels match; else (a service whose alerts take service from its targets' series, such as up == 0) an alert with those labels.
      const rule = alerts.find((labels) => matchers.every(([k, v]) => labels[k] === v));
      if (!rule) {
        // Then the silence must name labels alerts carry, and a service whose targets carry that label.
        for (const [k, v] of matchers) {
          expect(alerts.some((labels) => k in labels), `${add}: alerts carry the label ${k}`).toBe(true);
          if (k === 'service') expect(tree.get('prometheus/prometheus.yml'), add).toContain(`service: ${v}\n`);
        }
      }
      const muted = rule ?? { alertname: 'FromTheSeries', severity: 'warning', ...Object.fromEntries(matchers) };
      const other = alerts.find((labels) => labels.service !== muted.service);
      await fire(muted!);
      if (other) await fire(other);
      const created = runTool('amtool', args);
      expect(created.status, `${add}\n${created.stderr}`).toBe(0);
      const id = created.stdout.trim();
      expect(id, add).toMatch(/^[0-9a-f-]{36}$/);
      expect(active()).toContain(id);
      expect(await silencedBy(muted!), `${add} mutes ${JSON.stringify(muted)}`).toContain(id);
      if (other) expect(await silencedBy(other), `${add} leaves ${JSON.stringify(other)} alone`).not.toContain(id);
      // The documented expire command, as a user pastes it into a shell.
      const expired = spawnSync('sh', ['-c', expires[i]!], { encoding: 'utf8', env: { ...process.env, PATH: process.env.PATH }, timeout: 60_000 });
      expect(expired.status, `${expires[i]}\n${expired.stderr}`).toBe(0);
      expect(active()).not.toContain(id);
      expect(await silencedBy(muted!)).not.toContain(id);
    }
  }, 300_000);

  test('amtool refuses a silence without a comment, so the check can fail', () => {
    const result = runTool('amtool', ['silence', 'add', `--alertmanager.url=${url}`, 'alertname=Nope']);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('comment required');
  });
});
