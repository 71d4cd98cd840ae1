import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { listFiles } from '../generators/core/output.ts';
import { compileDefinitions, repoRoot } from './support/compile-case.ts';
import { materialize } from './support/materialize.ts';
import { alertLabelSets, canonicalPromql, ruleGroups, scrapeJobs } from './support/semantic.ts';
import { runTool } from './support/tools.ts';

const work = join(repoRoot, 'test/.work');
mkdirSync(work, { recursive: true });
const root = mkdtempSync(join(work, 'import-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** `monac import` as a user runs it, from `cwd`. */
function monacImport(args: readonly string[], cwd = repoRoot) {
  const result = spawnSync(process.execPath, ['--import', import.meta.resolve('tsx'), join(repoRoot, 'scripts/cli.ts'), 'import', ...args], { cwd, encoding: 'utf8' });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

/** The files of a folder, path to content. */
function tree(dir: string): Map<string, string> {
  return new Map(listFiles(dir).map((path) => [path, readFileSync(join(dir, path), 'utf8')]));
}

/** A project around an imported folder, with the settings the import does not carry (they are the project's). */
function projectAround(definitions: string, settings: string) {
  writeFileSync(join(definitions, 'index.ts'), [
    `import { defineProject } from '#schemas';`,
    `import * as imported from './imported/index.ts';`,
    `export default defineProject({ ${settings}, services: imported.services, alertmanager: imported.alertmanager });`,
    '',
  ].join('\n'));
}

const estateSettings = `name: 'reimported',
  targets: { prometheus: '2.42.0', alertmanager: '0.25.0', grafana: '11.3.0', kubernetes: '1.30' },
  prometheus: { scrapeInterval: '15s', scrapeTimeout: '10s', evaluationInterval: '15s', externalLabels: { environment: 'production' }, alertmanagers: [{ targets: ['alertmanager:9093'] }] }`;

const inputs = ['out/prometheus/rules', 'out/prometheus/prometheus.yml', 'out/alertmanager/alertmanager.yml'];

function rulesOf(files: Map<string, string>, prefix = 'prometheus/rules/'): string[] {
  return [...files].filter(([path]) => path.startsWith(prefix) && path.endsWith('.yml')).map(([, content]) => content);
}

function routes(config: string, labels: Record<string, string>): string {
  const result = runTool('amtool', ['config', 'routes', 'test', `--config.file=${config}`, ...Object.entries(labels).map(([k, v]) => `${k}=${v}`)]);
  expect(result.status, result.stderr).toBe(0);
  return result.stdout.trim();
}

describe('monac import of the estate\'s own output', () => {
  const first = join(root, 'first');
  const estate = tree(join(repoRoot, 'out'));
  let rebuilt: Map<string, string>;

  test('converts every rule file, the Alertmanager and the scrape configs, and builds them back', async () => {
    cpSync(join(repoRoot, 'out'), join(first, 'out'), { recursive: true });
    const result = monacImport([...inputs, '--into', join(first, 'definitions/imported')], first);
    expect(result.output).toContain('converted (20 of 20 file(s))');
    expect(result.status, result.output).toBe(0);
    projectAround(join(first, 'definitions'), estateSettings);
    const build = await compileDefinitions(join(first, 'definitions'));
    expect(build.diagnostics.filter((d) => d.includes(' error '))).toEqual([]);
    rebuilt = new Map([...build.files!].map(([path, { content }]) => [path, content]));
  });

  test('rebuilds every rule group with the same rules, expressions, labels and annotations', () => {
    const before = ruleGroups(rulesOf(estate));
    const after = ruleGroups(rulesOf(rebuilt));
    expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
    for (const [name, group] of before) expect(after.get(name), name).toEqual(group);
  });

  test('rebuilds every scrape job as it was', () => {
    expect(scrapeJobs(rebuilt.get('prometheus/prometheus.yml')!)).toEqual(scrapeJobs(estate.get('prometheus/prometheus.yml')!));
  });

  test('rebuilds alertmanager.yml byte for byte, so every alert reaches the same receivers', () => {
    expect(rebuilt.get('alertmanager/alertmanager.yml')).toBe(estate.get('alertmanager/alertmanager.yml'));
  });

  test('importing the rebuilt output a second time writes identical TypeScript', () => {
    const second = join(root, 'second');
    mkdirSync(second, { recursive: true });
    writeFileSync(join(second, 'placeholder'), '');
    const out = materialize(new Map([...rebuilt].map(([path, content]) => [path, { content, generator: 'x' }])));
    cpSync(out, join(second, 'out'), { recursive: true });
    // The estate's SLO rule files are now part of their services' files; the same inputs, by folder.
    const result = monacImport([...inputs, '--into', join(second, 'definitions/imported')], second);
    expect(result.status, result.output).toBe(0);
    const a = tree(join(first, 'definitions/imported'));
    const b = tree(join(second, 'definitions/imported'));
    expect([...b.keys()]).toEqual([...a.keys()]);
    for (const [path, content] of a) {
      // Headers name the input files, which moved (the SLO files are in their services' files now).
      const body = (text: string) => text.split('\n').filter((line) => !line.startsWith('//')).join('\n');
      expect(body(b.get(path)!), path).toBe(body(content));
    }
  });
});

describe('monac import refuses bad input and writes nothing', () => {
  const cases: [string, string, string, RegExp][] = [
    ['a YAML syntax error', 'rules.yml', 'groups:\n  - name: api\n    rules:\n      - alert: Down\n        expr: up == 0\n       labels: [\n', /rules\.yml:6:\d+ error import\/syntax/],
    ['invalid PromQL', 'rules.yml', 'groups:\n  - name: api\n    rules:\n      - alert: Down\n        expr: sum(up ==\n        labels: { severity: critical, team: api }\n', /rules\.yml:5:15 error import\/promql group "api", rule 1 "Down": invalid PromQL/],
    ['an inline secret', 'alertmanager.yml', 'route:\n  receiver: slack\nreceivers:\n  - name: slack\n    slack_configs:\n      - channel: "#alerts"\n        api_url: https://hooks.slack.com/services/T/B/secret\n', /alertmanager\.yml:7:18 error import\/inline-secret receiver "slack": api_url holds a secret inline; put it in a file and write api_url_file instead/],
    ['an alert without a severity', 'rules.yml', 'groups:\n  - name: api\n    rules:\n      - alert: Down\n        expr: up == 0\n        labels: { team: api }\n', /rules\.yml:6:\d+ error import\/severity .*--severity-map =TIER/],
  ];
  test.each(cases)('%s', (_, file, content, expected) => {
    const dir = mkdtempSync(join(root, 'bad-'));
    writeFileSync(join(dir, file), content);
    const result = monacImport([file, '--into', join(dir, 'imported')], dir);
    expect(result.status).toBe(1);
    expect(result.output).toMatch(expected);
    expect(result.output).toContain('nothing was written');
    expect(existsSync(join(dir, 'imported'))).toBe(false);
  });
});

test('canonical PromQL ignores formatting but not meaning', () => {
  expect(canonicalPromql('sum by (job) (\n  rate(x[5m])\n) > 0')).toBe(canonicalPromql('sum by(job)(rate(x[5m]))>0'));
  expect(canonicalPromql('rate(x[5m]) > 0')).not.toBe(canonicalPromql('rate(x[1m]) > 0'));
});

export { alertLabelSets, routes };
