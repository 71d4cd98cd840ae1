import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseAllDocuments, stringify } from 'yaml';
import { comparableDashboard, difference } from '../scripts/import/grafana/index.ts';
import { kebab } from '../scripts/import/source.ts';
import { afterAll, describe, expect, test } from 'vitest';
import { listFiles } from '../generators/core/output.ts';
import { compileDefinitions, repoRoot } from './support/compile-case.ts';
import { materialize } from './support/materialize.ts';
import { alertLabelSets, canonicalPromql, dashboardView, ruleGroups, scrapeJobs, scrapeJobView } from './support/semantic.ts';
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
    `export default defineProject({ ${settings}, services: imported.services, alertmanager: imported.alertmanager, dashboards: imported.dashboards,`,
    `  grafana: { datasource: { url: 'http://prometheus:9090' }, serviceDashboards: false, sloDashboards: false, infrastructure: false } });`,
    '',
  ].join('\n'));
}

const estateSettings = `name: 'reimported',
  targets: { prometheus: '2.42.0', alertmanager: '0.25.0', grafana: '11.3.0', kubernetes: '1.30' },
  prometheus: { scrapeInterval: '15s', scrapeTimeout: '10s', evaluationInterval: '15s', externalLabels: { environment: 'production' }, alertmanagers: [{ targets: ['alertmanager:9093'] }] }`;

const inputs = ['out/prometheus/rules', 'out/prometheus/prometheus.yml', 'out/alertmanager/alertmanager.yml', 'out/grafana/dashboards'];

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
    expect(result.output).toContain('converted 41 document(s) of 41 file(s)');
    // The estate's own dashboards need no raw passthrough: the language built them.
    expect(result.output).not.toContain('import/raw');
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

  test('rebuilds every dashboard, generated ones included, as the same JSON under the same uid', () => {
    const byUid = (files: Map<string, string>) => new Map([...files].filter(([path]) => path.startsWith('grafana/dashboards/') && path.endsWith('.json'))
      .map(([, content]) => JSON.parse(content) as { uid: string }).map((d) => [d.uid, d]));
    const before = byUid(estate);
    const after = byUid(rebuilt);
    expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
    for (const [uid, dashboard] of before) expect(after.get(uid), uid).toEqual(dashboard);
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

/** The fixture cases: test/import/<case>/{input/, case.json, expected/}. */
const caseRoot = join(repoRoot, 'test/import');
const cases = readdirSync(caseRoot).filter((name) => statSync(join(caseRoot, name)).isDirectory()).sort();

interface CaseSettings {
  readonly args?: readonly string[];
  readonly prometheus?: { readonly scrapeInterval?: string; readonly scrapeTimeout?: string };
  readonly labelSets?: readonly Record<string, string>[];
  /** Lint levels of the rebuilt project, as the user sets them after reading the import's report. */
  readonly lint?: Readonly<Record<string, string>>;
}

/** Every document of the case's input files, parsed. */
function inputDocuments(dir: string): unknown[] {
  return listFiles(dir).flatMap((path) => parseAllDocuments(readFileSync(join(dir, path), 'utf8')).map((doc) => doc.toJS() as unknown));
}

describe.each(cases)('monac import of the %s fixtures', (name) => {
  const dir = join(caseRoot, name);
  const settings = JSON.parse(readFileSync(join(dir, 'case.json'), 'utf8')) as CaseSettings;
  const definitions = join(root, name, 'definitions');
  const severityMap = new Map<string, string>();
  (settings.args ?? []).forEach((arg, i, all) => {
    if (all[i - 1] === '--severity-map') severityMap.set(arg.split('=')[0]!, arg.split('=')[1]!);
  });
  const docs = inputDocuments(join(dir, 'input'));
  const inputRules = docs.filter((d) => typeof d === 'object' && d !== null && ('groups' in d || 'spec' in d)).map((d) => stringify(d));
  const inputAlertmanager = docs.find((d) => typeof d === 'object' && d !== null && 'route' in d);
  const inputPrometheus = docs.find((d) => typeof d === 'object' && d !== null && 'scrape_configs' in d) as { global?: { scrape_interval?: string; scrape_timeout?: string } } | undefined;
  let rebuilt: Map<string, string>;

  test('writes the golden TypeScript', () => {
    const result = monacImport(['input', '--into', join(definitions, 'imported'), ...(settings.args ?? [])], dir);
    expect(result.status, result.output).toBe(0);
    const written = tree(join(definitions, 'imported'));
    const expectedDir = join(dir, 'expected');
    if (process.env.UPDATE_GOLDEN) {
      rmSync(expectedDir, { recursive: true, force: true });
      for (const [path, content] of written) {
        mkdirSync(dirname(join(expectedDir, path)), { recursive: true });
        writeFileSync(join(expectedDir, path), content);
      }
    }
    const expected = tree(expectedDir);
    expect([...written.keys()], 'a written file without a golden, or a golden nothing wrote').toEqual([...expected.keys()]);
    for (const [path, content] of written) expect(content, path).toBe(expected.get(path));
  });

  test('builds back to the input', async () => {
    const prometheus = { scrapeInterval: '1m', scrapeTimeout: '10s', ...settings.prometheus };
    projectAround(definitions, `name: 'imported', targets: { prometheus: '2.42.0', alertmanager: '0.25.0', grafana: '11.3.0', kubernetes: '1.30' }, prometheus: ${JSON.stringify(prometheus)}, lint: ${JSON.stringify(settings.lint ?? {})}`);
    const build = await compileDefinitions(definitions);
    expect(build.diagnostics.filter((d) => d.includes(' error '))).toEqual([]);
    rebuilt = new Map([...build.files!].map(([path, { content }]) => [path, content]));
  });

  test('rule groups keep their rules, expressions, labels and annotations', () => {
    // What the import changes on purpose: group names become ids, severities follow --severity-map,
    // and every alert carries its service and team (compared separately below).
    const strip = (group: Record<string, unknown>, map: boolean) => ({
      ...group,
      alerts: (group.alerts as Record<string, unknown>[]).map((alert): Record<string, unknown> => {
        const { service: _s, team: _t, ...labels } = alert.labels as Record<string, string>;
        if (map && labels.severity !== undefined) labels.severity = severityMap.get(labels.severity) ?? labels.severity;
        return { ...alert, labels };
      }).sort((a, b) => JSON.stringify([a.alert, a.labels]).localeCompare(JSON.stringify([b.alert, b.labels]))),
    });
    const before = new Map([...ruleGroups(inputRules)].map(([name, group]) => [kebab(name), strip(group, true)]));
    const after = ruleGroups(rulesOf(rebuilt));
    expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
    for (const [name, group] of before) expect(strip(after.get(name)!, false), name).toEqual(group);
    for (const group of after.values()) {
      for (const alert of group.alerts as Record<string, Record<string, string>>[]) {
        expect(alert.labels!.service, `${alert.alert} has a service label`).toBeTruthy();
        expect(alert.labels!.team, `${alert.alert} has a team label`).toBeTruthy();
      }
    }
    // A service or team label the input gave an alert is kept.
    const given = alertLabelSets(inputRules).filter((labels) => labels.service || labels.team);
    const rebuiltSets = alertLabelSets(rulesOf(rebuilt));
    for (const labels of given) {
      const mapped = { ...labels, severity: severityMap.get(labels.severity!) ?? labels.severity! };
      expect(rebuiltSets, JSON.stringify(labels)).toContainEqual(expect.objectContaining(mapped));
    }
  });

  test.runIf(inputPrometheus !== undefined)('scrape jobs are scraped as before', () => {
    const global = { interval: inputPrometheus?.global?.scrape_interval ?? '1m', timeout: inputPrometheus?.global?.scrape_timeout ?? '10s' };
    const view = (text: string) => new Map([...scrapeJobs(text)].map(([job, config]) => [job, scrapeJobView(config, global, ['service', 'team'])]));
    expect(view(rebuilt.get('prometheus/prometheus.yml')!)).toEqual(view(stringify(inputPrometheus)));
  });

  const inputDashboards = docs.filter((d) => typeof d === 'object' && d !== null && 'panels' in d) as Record<string, unknown>[];
  test.runIf(inputDashboards.length > 0)('dashboards keep their panels, queries, units, thresholds, variables and layout', () => {
    const built = [...rebuilt].filter(([path]) => path.startsWith('grafana/dashboards/')).map(([, content]) => JSON.parse(content) as Record<string, unknown>);
    for (const input of inputDashboards) {
      const output = built.find((d) => d.title === input.title);
      expect(output, String(input.title)).toBeDefined();
      expect(dashboardView(output!), String(input.title)).toEqual(dashboardView(input));
      // Beyond the view: everything the input says, the rebuilt dashboard says too (ids, versions and datasources aside).
      expect(difference(comparableDashboard(input), comparableDashboard(output!)), String(input.title)).toBeUndefined();
    }
  });

  test.runIf(inputAlertmanager !== undefined)('every alert reaches the same receivers under amtool config routes test', () => {
    const original = join(root, name, 'original-alertmanager.yml');
    writeFileSync(original, stringify(inputAlertmanager));
    const imported = join(root, name, 'imported-alertmanager.yml');
    writeFileSync(imported, rebuilt.get('alertmanager/alertmanager.yml')!);
    const sets = [...alertLabelSets(inputRules), ...(settings.labelSets ?? [])];
    expect(sets.length).toBeGreaterThan(0);
    for (const labels of sets) {
      const mapped = labels.severity === undefined ? labels : { ...labels, severity: severityMap.get(labels.severity) ?? labels.severity };
      const before = routes(original, labels).split(',').map(kebab).join(',');
      expect(routes(imported, mapped), JSON.stringify(labels)).toBe(before);
    }
  });
});
