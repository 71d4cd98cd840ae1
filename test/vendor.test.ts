import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { repoRoot } from './support/compile-case.ts';

/**
 * `monac vendor` and a pack over what it wrote, as a user runs them: a
 * fixture repository in a temporary folder, the corpus of kube-prometheus
 * manifests read in place, and `monac plan` after a newer upstream is vendored.
 */
const corpus = join(repoRoot, '../shared/corpus/kube-prometheus-subset');
const work = join(repoRoot, 'test/.work');
mkdirSync(work, { recursive: true });
const repo = mkdtempSync(join(work, 'vendor-'));
afterAll(() => rmSync(repo, { recursive: true, force: true }));

function monac(...args: string[]) {
  const result = spawnSync(process.execPath, [join(repoRoot, 'scripts/monac.mjs'), ...args], { cwd: repo, encoding: 'utf8', timeout: 120_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function git(...args: string[]): string {
  const result = spawnSync('git', args, { cwd: repo, encoding: 'utf8', env: { ...process.env, GIT_AUTHOR_NAME: 'Test', GIT_AUTHOR_EMAIL: 't@example.org', GIT_COMMITTER_NAME: 'Test', GIT_COMMITTER_EMAIL: 't@example.org' } });
  expect(result.status, result.stderr).toBe(0);
  return result.stdout;
}

git('init', '-q', '-b', 'main');
writeFileSync(join(repo, 'package.json'), '{ "type": "module", "imports": { "#schemas": "./schemas/index.ts" } }\n');
symlinkSync(join(repoRoot, 'schemas'), join(repo, 'schemas'), 'dir');
mkdirSync(join(repo, 'definitions'));
const vendor = join(repo, 'definitions/vendor/kube-prometheus');

describe('monac vendor', () => {
  test('copies rule files verbatim, splits the ConfigMapList into one JSON file per dashboard, and records each source and hash', () => {
    const result = monac('vendor', corpus, '--into', 'definitions/vendor/kube-prometheus');
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain("from: 'vendor/kube-prometheus'");
    const rules = readdirSync(corpus).filter((f) => f.endsWith('prometheusRule.yaml'));
    for (const file of rules) expect(readFileSync(join(vendor, file), 'utf8'), file).toBe(readFileSync(join(corpus, file), 'utf8'));
    const list = parse(readFileSync(join(corpus, 'grafana-dashboardDefinitions.yaml'), 'utf8')) as { items: { data: Record<string, string> }[] };
    const dashboards = list.items.flatMap((item) => Object.entries(item.data));
    expect(readdirSync(join(vendor, 'dashboards')).sort()).toEqual(dashboards.map(([key]) => key).sort());
    for (const [key, text] of dashboards) expect(readFileSync(join(vendor, 'dashboards', key), 'utf8').trimEnd(), key).toBe(text.trimEnd());
    expect(existsSync(join(vendor, 'README.md')), 'only YAML and JSON are vendored').toBe(false);
    const manifest = JSON.parse(readFileSync(join(vendor, 'vendor.json'), 'utf8')) as { files: { path: string; from: string; sha256: string }[] };
    expect(manifest.files.map((f) => f.path).sort()).toEqual([...rules, ...dashboards.map(([key]) => `dashboards/${key}`)].sort());
    for (const entry of manifest.files) expect(entry.sha256, entry.path).toBe(createHash('sha256').update(readFileSync(join(vendor, entry.path))).digest('hex'));
  });

  test('writes the pack\'s names as types, so a misspelt override is a type error in the editor', () => {
    const names = readFileSync(join(vendor, 'names.ts'), 'utf8');
    expect(names).toContain('| "PrometheusBadConfig"');
    expect(names).toContain('| "node-exporter.rules"');
    expect(names).toContain('| "nodes"');
    const check = (alert: string) => {
      writeFileSync(join(repo, 'definitions/typed.ts'), `import { definePack } from '#schemas';
import type { Names } from './vendor/kube-prometheus/names.ts';

export const pack = definePack<Names>({
  name: 'kube-prometheus',
  from: 'vendor/kube-prometheus',
  team: 'platform',
  alerts: { ${alert}: { for: '30m' }, 'NodeFilesystemSpaceFillingUp{severity="critical"}': { for: '1h' } },
  drop: ['node-exporter.rules'],
  dashboards: { drop: ['nodes'] },
});
`);
      const tsc = join(repoRoot, 'node_modules/typescript/bin/tsc');
      return spawnSync(process.execPath, [tsc, '--noEmit', '--strict', '--skipLibCheck', '--allowImportingTsExtensions', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--target', 'es2022', join(repo, 'definitions/typed.ts')], { cwd: repo, encoding: 'utf8', timeout: 120_000 });
    };
    const good = check('PrometheusBadConfig');
    expect(good.status, good.stdout).toBe(0);
    const misspelt = check('PrometheusBadConfi');
    expect(misspelt.status).not.toBe(0);
    expect(misspelt.stdout).toContain("'PrometheusBadConfi' does not exist in type");
    rmSync(join(repo, 'definitions/typed.ts'));
  }, 120_000);

  test('refuses a folder outside the definitions, one that holds its input, and one of the user\'s own files, and touches nothing', () => {
    const outside = monac('vendor', corpus, '--into', 'vendor-outside');
    expect(outside.status).toBe(2);
    expect(outside.stderr).toContain('a pack reads only below the definitions folder');
    expect(existsSync(join(repo, 'vendor-outside'))).toBe(false);
    const own = join(repo, 'definitions/vendor/mine');
    mkdirSync(own, { recursive: true });
    writeFileSync(join(own, 'notes.yaml'), 'mine: true\n');
    const refused = monac('vendor', corpus, '--into', 'definitions/vendor/mine');
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain('no .monac-output marker');
    expect(readFileSync(join(own, 'notes.yaml'), 'utf8')).toBe('mine: true\n');
    const holding = monac('vendor', 'definitions/vendor/mine/notes.yaml', '--into', 'definitions/vendor/mine');
    expect(holding.status).toBe(2);
    expect(holding.stderr).toContain('it holds the input');
    rmSync(own, { recursive: true });
  });

  test('the printed pack builds, and plan after vendoring a newer upstream lists the changed and removed alerts and who they page', () => {
    writeFileSync(join(repo, 'definitions/index.ts'), `import { defineProject, definePack } from '#schemas';

export const kubePrometheus = definePack({ name: 'kube-prometheus', from: 'vendor/kube-prometheus', team: 'platform' });

export default defineProject({
  name: 'vendored',
  targets: { prometheus: '2.42.0', alertmanager: '0.25.0', grafana: '11.3.0', kubernetes: '1.30' },
  services: [],
  grafana: { datasource: { url: 'http://prometheus:9090' } },
  alertmanager: {
    receivers: [{ name: 'platform' }, { name: 'pager' }],
    route: { receiver: 'platform', routes: [{ matchers: ['severity="critical"'], receiver: 'pager' }] },
  },
  packs: [kubePrometheus],
});
`);
    const built = monac('build', '--out', 'out');
    expect(built.status, built.stderr).toBe(0);
    expect(readdirSync(join(repo, 'out/grafana/dashboards/kube-prometheus')).length).toBe(4);
    git('add', '-A');
    git('commit', '-q', '-m', 'vendor kube-prometheus');
    // A newer upstream: PrometheusBadConfig waits longer and no longer pages; PrometheusNotIngestingSamples is gone.
    const newer = mkdtempSync(join(work, 'upstream-'));
    try {
      cpSync(corpus, newer, { recursive: true });
      const file = join(newer, 'prometheus-prometheusRule.yaml');
      const text = readFileSync(file, 'utf8');
      const at = text.indexOf('alert: PrometheusBadConfig');
      const changed = text.slice(0, at) + text.slice(at).replace('for: 10m', 'for: 20m').replace('severity: critical', 'severity: warning');
      const doc = parse(changed) as { spec: { groups: { rules: { alert?: string }[] }[] } };
      expect(doc.spec.groups.some((g) => g.rules.some((r) => r.alert === 'PrometheusNotIngestingSamples'))).toBe(true);
      const start = changed.indexOf('    - alert: PrometheusNotIngestingSamples');
      const end = changed.indexOf('    - alert:', start + 10);
      writeFileSync(file, changed.slice(0, start) + changed.slice(end));
      const revendored = monac('vendor', newer, '--into', 'definitions/vendor/kube-prometheus');
      expect(revendored.status, revendored.stderr).toBe(0);
    } finally {
      rmSync(newer, { recursive: true, force: true });
    }
    const plan = monac('plan', '--base', 'main', '--format', 'json');
    expect(plan.stdout, plan.stderr).not.toBe('');
    const items = (JSON.parse(plan.stdout) as { items: { change: string; kind: string; id: string; fields?: { field: string; before?: unknown; after?: unknown }[] }[] }).items;
    const alerts = items.filter((i) => i.kind === 'alert').map((i) => `${i.change} ${i.id}`);
    expect(alerts).toEqual(expect.arrayContaining([expect.stringMatching(/^changed .*PrometheusBadConfig/), expect.stringMatching(/^removed .*PrometheusNotIngestingSamples/)]));
    expect(alerts).toHaveLength(2);
    const badConfig = items.find((i) => i.kind === 'alert' && i.id.includes('PrometheusBadConfig'))!;
    expect(badConfig.fields).toEqual(expect.arrayContaining([{ field: 'for', before: '10m', after: '20m' }]));
    expect(items.filter((i) => i.kind === 'routing').map((i) => i.id)).toEqual(expect.arrayContaining([expect.stringContaining('PrometheusBadConfig')]));
  }, 180_000);
});
