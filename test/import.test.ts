import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, parseAllDocuments, stringify } from 'yaml';
import { comparableDashboard, difference } from '../scripts/import/grafana/index.ts';
import { kebab } from '../scripts/import/source.ts';
import { afterAll, describe, expect, test } from 'vitest';
import { listFiles } from '../generators/core/output.ts';
import { compileDefinitions, repoRoot } from './support/compile-case.ts';
import { materialize } from './support/materialize.ts';
import { alertLabelSets, canonicalPromql, dashboardView, ruleGroups, scrapeJobs, scrapeJobView } from './support/semantic.ts';
import { runTool } from './support/tools.ts';
import { expectGoldenTree, tree } from './support/imported.ts';

const work = join(repoRoot, 'test/.work');
mkdirSync(work, { recursive: true });
const root = mkdtempSync(join(work, 'import-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** `monac import` as a user runs it, from `cwd`. */
function monacImport(args: readonly string[], cwd = repoRoot) {
  const result = spawnSync(process.execPath, [join(repoRoot, 'scripts/monac.mjs'), 'import', ...args], { cwd, encoding: 'utf8' });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}


/** A project around an imported folder, with the settings the import does not carry (they are the project's). */
function projectAround(definitions: string, settings: string) {
  writeFileSync(join(definitions, 'index.ts'), [
    `import { defineProject } from '#schemas';`,
    `import * as imported from './imported/index.ts';`,
    `export default defineProject({ ${settings}, services: imported.services, dashboards: imported.dashboards,${existsSync(join(definitions, 'imported/alertmanager.ts')) ? ' alertmanager: imported.alertmanager,' : ''}`,
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

  test('at its fixpoint the round trip is a no-op: the rebuilt output builds again to the same bytes and imports to the same TypeScript, headers included', async () => {
    const second = join(root, 'second');
    projectAround(join(second, 'definitions'), estateSettings);
    const build = await compileDefinitions(join(second, 'definitions'));
    expect(build.diagnostics.filter((d) => d.includes(' error '))).toEqual([]);
    const again = new Map([...build.files!].map(([path, { content }]) => [path, content]));
    expect([...again.keys()]).toEqual([...rebuilt.keys()]);
    for (const [path, content] of rebuilt) expect(again.get(path), path).toBe(content);
    const third = join(root, 'third');
    cpSync(join(second, 'out'), join(third, 'out'), { recursive: true });
    const result = monacImport([...inputs, '--into', join(third, 'definitions/imported')], third);
    expect(result.status, result.output).toBe(0);
    const b = tree(join(second, 'definitions/imported'));
    const c = tree(join(third, 'definitions/imported'));
    expect([...c.keys()]).toEqual([...b.keys()]);
    for (const [path, content] of b) expect(c.get(path), path).toBe(content);
  });

  test('every alert of the estate reaches the same receivers under amtool config routes test before and after', () => {
    const dir = join(root, 'routes');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'before.yml'), estate.get('alertmanager/alertmanager.yml')!);
    writeFileSync(join(dir, 'after.yml'), rebuilt.get('alertmanager/alertmanager.yml')!);
    const sets = alertLabelSets(rulesOf(estate));
    expect(sets.length).toBeGreaterThan(50);
    for (const labels of sets) expect(routes(join(dir, 'after.yml'), labels), JSON.stringify(labels)).toBe(routes(join(dir, 'before.yml'), labels));
  });
});

/**
 * kube-prometheus's manifests as it publishes them, read in place from
 * ../shared/corpus: PrometheusRule objects, and every dashboard in one
 * ConfigMapList (each a ConfigMap whose .json key holds the dashboard).
 */
describe('monac import of kube-prometheus\'s published manifests', () => {
  const corpus = join(repoRoot, '../shared/corpus/kube-prometheus-subset');
  const dir = join(root, 'kube-prometheus');
  let built: Map<string, string>;

  test('reads the dashboards out of the ConfigMapList and the rules out of the PrometheusRules, and builds them', async () => {
    mkdirSync(join(dir, 'definitions'), { recursive: true });
    const result = monacImport([corpus, '--into', join(dir, 'definitions/imported'), '--team', 'platform'], dir);
    expect(result.status, result.output).toBe(0);
    expect(result.output).toContain('converted 8 document(s) of 5 file(s)');
    expect(result.output).toMatch(/grafana-dashboardDefinitions\.yaml: dashboard alertmanager-overview with \d+ panel/);
    projectAround(join(dir, 'definitions'), estateSettings);
    const build = await compileDefinitions(join(dir, 'definitions'));
    expect(build.diagnostics.filter((d) => d.includes(' error '))).toEqual([]);
    built = new Map([...build.files!].map(([path, { content }]) => [path, content]));
  });

  test('every dashboard of the ConfigMapList is built under its upstream uid with every query as published', () => {
    const list = parse(readFileSync(join(corpus, 'grafana-dashboardDefinitions.yaml'), 'utf8')) as { items: { data: Record<string, string> }[] };
    const upstream = list.items.flatMap((item) => Object.values(item.data)).map((text) => JSON.parse(text) as { uid: string; panels: unknown[] });
    expect(upstream).toHaveLength(4);
    const exprs = (dashboard: { panels?: unknown[] }): string[] => (dashboard.panels ?? []).flatMap((panel) => {
      const p = panel as { panels?: unknown[]; targets?: { expr?: string }[] };
      return [...(p.targets ?? []).map((t) => t.expr ?? ''), ...exprs({ panels: p.panels })];
    });
    const ours = new Map([...built].filter(([path]) => path.startsWith('grafana/dashboards/') && path.endsWith('.json')).map(([, content]) => JSON.parse(content) as { uid: string; panels: unknown[] }).map((d) => [d.uid, d]));
    for (const dashboard of upstream) {
      expect(ours.has(dashboard.uid), dashboard.uid).toBe(true);
      expect(exprs(ours.get(dashboard.uid)!), dashboard.uid).toEqual(exprs(dashboard));
    }
  });

  test('every alert of the PrometheusRules is a rule of the build, with its expression as published', () => {
    const published = readdirSync(corpus).filter((f) => f.endsWith('prometheusRule.yaml'))
      .flatMap((f) => (parse(readFileSync(join(corpus, f), 'utf8')) as { spec: { groups: { rules: { alert?: string; record?: string; expr: string }[] }[] } }).spec.groups)
      .flatMap((g) => g.rules).map((r) => `${r.alert ?? r.record}: ${canonicalPromql(r.expr)}`).sort();
    type Rule = { alert?: string; record?: string; expr: string };
    const ours = [...ruleGroups(rulesOf(built)).values()].flatMap((g) => [...(g.records as Rule[]), ...(g.alerts as Rule[])]).map((r) => `${r.alert ?? r.record}: ${r.expr}`).sort();
    expect(ours).toEqual(published);
  });
});

describe('monac import refuses bad input and writes nothing', () => {
  const cases: [string, string, string, RegExp][] = [
    ['a YAML syntax error', 'rules.yml', 'groups:\n  - name: api\n    rules:\n      - alert: Down\n        expr: up == 0\n       labels: [\n', /rules\.yml:6:\d+ error import\/syntax/],
    ['invalid PromQL', 'rules.yml', 'groups:\n  - name: api\n    rules:\n      - alert: Down\n        expr: sum(up ==\n        labels: { severity: critical, team: api }\n', /rules\.yml:5:15 error import\/promql group "api", rule 1 "Down": invalid PromQL/],
    ['an inline secret', 'alertmanager.yml', 'route:\n  receiver: slack\nreceivers:\n  - name: slack\n    slack_configs:\n      - channel: "#alerts"\n        api_url: https://hooks.slack.com/services/T/B/secret\n', /alertmanager\.yml:7:18 error import\/inline-secret receiver "slack": api_url holds a secret inline; put it in a file and write api_url_file instead/],
    ['an alert without a severity', 'rules.yml', 'groups:\n  - name: api\n    rules:\n      - alert: Down\n        expr: up == 0\n        labels: { team: api }\n', /rules\.yml:6:\d+ error import\/severity .*--severity-map =TIER/],
    ['an unknown dashboard schema version', 'dashboard.json', '{\n  "title": "Old",\n  "rows": [],\n  "panels": [],\n  "schemaVersion": 12\n}\n', /dashboard\.json:5:20 error import\/dashboard-schema dashboard "Old": schemaVersion 12 is not a classic dashboard the importer reads/],
    ['an OpenSLO calendar window of two weeks', 'openslo.yml', 'apiVersion: openslo/v1\nkind: SLO\nmetadata: { name: s }\nspec:\n  service: api\n  indicator:\n    spec:\n      ratioMetric:\n        counter: true\n        bad: { metricSource: { type: Prometheus, spec: { query: e_total } } }\n        total: { metricSource: { type: Prometheus, spec: { query: t_total } } }\n  timeWindow:\n    - duration: 2w\n      isRolling: false\n  budgetingMethod: Occurrences\n  objectives: [{ target: 0.99 }]\n', /openslo\.yml:13:\d+ error import\/openslo-window slo "s": a calendar window of "2w" is not one month \(1M\) or one week \(1w\)/],
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

test('a folder of mixed files: each file\'s kind is read from its content, and the report says what was converted, kept raw and skipped (--skip-unknown)', () => {
  const dir = mkdtempSync(join(root, 'mixed-'));
  for (const name of cases) cpSync(join(caseRoot, name, 'input'), join(dir, 'mixed', name), { recursive: true });
  // One Alertmanager per project, one job per name: a second of either is refused (import/duplicate, import/duplicate-job).
  rmSync(join(dir, 'mixed/seeds-genesis/monitoring/alertmanager.yml'));
  rmSync(join(dir, 'mixed/seeds-genesis/monitoring/prometheus.yml'));
  writeFileSync(join(dir, 'mixed', 'docker-compose.yml'), 'services:\n  prometheus:\n    image: prom/prometheus\n');
  const result = monacImport(['mixed', '--into', join(dir, 'imported'), '--team', 'platform', '--severity-map', 'page=critical', '--severity-map', 'ticket=warning', '--skip-unknown'], dir);
  expect(result.status, result.output).toBe(0);
  for (const line of [
    'mixed/every-field/alertmanager.yml: Alertmanager', 'mixed/every-field/api-rules.yml: 1 rule group(s)', 'mixed/every-field/checkout-dashboard.json: dashboard checkout-api-overview',
    'mixed/every-field/platform-rules.yaml: 1 rule group(s)', 'mixed/every-field/prometheus.yml: 4 scrape job(s)', 'mixed/slo-specs/sloth-checkout.yml: Sloth spec with 2 SLO(s)',
    'mixed/slo-specs/openslo.yml: OpenSLO SLO search-availability', 'mixed/every-field/mimir-rules.yml: 1 rule group(s)',
  ]) expect(result.output).toContain(line);
  expect(result.output).toMatch(/mixed\/docker-compose\.yml:1:1 warning import\/skipped .*not a kind the importer reads.*\(--skip-unknown\)/);
  expect(result.output).toMatch(/kept raw, dropped or skipped \(\d+\):/);
  expect(result.output).toMatch(/warning import\/raw dashboard checkout-api-overview panel "Requests": kept raw: fieldConfig\.defaults\.custom/);
});

test('a job name imported twice is refused at its second declaration', () => {
  const dir = mkdtempSync(join(root, 'jobs-'));
  cpSync(join(caseRoot, 'every-field/input/prometheus.yml'), join(dir, 'a.yml'));
  cpSync(join(caseRoot, 'seeds-genesis/input/monitoring/prometheus.yml'), join(dir, 'b.yml'));
  const result = monacImport(['a.yml', 'b.yml', '--into', join(dir, 'imported'), '--team', 'platform'], dir);
  expect(result.status).toBe(1);
  expect(result.output).toMatch(/b\.yml:25:15 error import\/duplicate-job job "node": a job of this name is already imported from a\.yml:\d+/);
});

test('--kind reads every file as that kind, and a file of another kind is refused', () => {
  const dir = mkdtempSync(join(root, 'kind-'));
  cpSync(join(caseRoot, 'every-field/input/prometheus.yml'), join(dir, 'prometheus.yml'));
  const result = monacImport(['prometheus.yml', '--kind', 'rules', '--into', join(dir, 'imported')], dir);
  expect(result.status).toBe(1);
  expect(result.output).toMatch(/prometheus\.yml:1:1 error import\/kind prometheus\.yml: is not a rules file/);
});

test('canonical PromQL ignores formatting but not meaning', () => {
  expect(canonicalPromql('sum by (job) (\n  rate(x[5m])\n) > 0')).toBe(canonicalPromql('sum by(job)(rate(x[5m]))>0'));
  expect(canonicalPromql('rate(x[5m]) > 0')).not.toBe(canonicalPromql('rate(x[1m]) > 0'));
});

/** The fixture cases: test/import/<case>/{input/, case.json, expected/}. */
const caseRoot = join(repoRoot, 'test/import');
const cases = readdirSync(caseRoot).filter((name) => statSync(join(caseRoot, name)).isDirectory()).sort();

interface CaseSettings {
  /** The round-trip checks the case's input calls for: declared, so a detection regression fails them instead of dropping them. */
  readonly roundTrip: readonly ('rules' | 'alertmanager' | 'prometheus' | 'slos' | 'dashboards')[];
  readonly args?: readonly string[];
  readonly prometheus?: { readonly scrapeInterval?: string; readonly scrapeTimeout?: string };
  readonly labelSets?: readonly Record<string, string>[];
  /** What each imported SLO must compile to, read off the Sloth and OpenSLO specs by hand. */
  readonly slos?: readonly { id: string; objective: number; days: number; errors: string; total: string; alert?: string; page: boolean; ticket: boolean; by?: string[] }[];
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
  const inputRules = docs.filter((d) => typeof d === 'object' && d !== null && ('groups' in d || (d as { kind?: unknown }).kind === 'PrometheusRule')).map((d) => stringify(d));
  const inputAlertmanager = docs.find((d) => typeof d === 'object' && d !== null && 'route' in d);
  const inputPrometheus = docs.find((d) => typeof d === 'object' && d !== null && 'scrape_configs' in d) as { global?: { scrape_interval?: string; scrape_timeout?: string } } | undefined;
  let rebuilt: Map<string, string>;

  test('writes the golden TypeScript', () => {
    const result = monacImport(['input', '--into', join(definitions, 'imported'), ...(settings.args ?? [])], dir);
    expect(result.status, result.output).toBe(0);
    expectGoldenTree(join(definitions, 'imported'), join(dir, 'expected'));
  });

  test('builds back to the input', async () => {
    const prometheus = { scrapeInterval: '1m', scrapeTimeout: '10s', ...settings.prometheus };
    projectAround(definitions, `name: 'imported', targets: { prometheus: '2.42.0', alertmanager: '0.25.0', grafana: '11.3.0', kubernetes: '1.30' }, prometheus: ${JSON.stringify(prometheus)}, lint: ${JSON.stringify(settings.lint ?? {})}`);
    const build = await compileDefinitions(definitions);
    expect(build.diagnostics.filter((d) => d.includes(' error '))).toEqual([]);
    rebuilt = new Map([...build.files!].map(([path, { content }]) => [path, content]));
  });

  const declared = (check: CaseSettings['roundTrip'][number]) => settings.roundTrip.includes(check);
  test('finds in its input exactly the kinds the case declares', () => {
    const found = { rules: inputRules.length > 0, alertmanager: inputAlertmanager !== undefined, prometheus: inputPrometheus !== undefined, slos: docs.some((d) => typeof d === 'object' && d !== null && ((d as { version?: unknown }).version === 'prometheus/v1' || /openslo/i.test(String((d as { apiVersion?: unknown }).apiVersion)))), dashboards: inputDashboards.length > 0 };
    expect(Object.entries(found).filter(([, yes]) => yes).map(([kind]) => kind).sort()).toEqual([...settings.roundTrip].sort());
  });

  if (declared('rules')) test('rule groups keep their rules, expressions, labels and annotations', () => {
    expect(inputRules.length, 'the input\'s rule files are found').toBeGreaterThan(0);
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

  if (declared('prometheus')) test('scrape jobs are scraped as before', () => {
    expect(inputPrometheus, 'the input\'s Prometheus configuration is found').toBeDefined();
    const global = { interval: inputPrometheus?.global?.scrape_interval ?? '1m', timeout: inputPrometheus?.global?.scrape_timeout ?? '10s' };
    const view = (text: string) => new Map([...scrapeJobs(text)].map(([job, config]) => [job, scrapeJobView(config, global, ['service', 'team'])]));
    expect(view(rebuilt.get('prometheus/prometheus.yml')!)).toEqual(view(stringify(inputPrometheus)));
  });

  if (declared('slos')) test('SLOs compile to their specs\' objective, period, selectors and alerts', () => {
    const rules = rulesOf(rebuilt).flatMap((text) => ((parse(text) as { groups: { name: string; rules: Record<string, unknown>[] }[] }).groups));
    for (const slo of settings.slos!) {
      const group = (suffix: string) => rules.find((g) => g.name === `slo-${slo.id}-${suffix}`)?.rules ?? [];
      const record = (name: string) => group('recordings').find((r) => r.record === name);
      expect(record('slo:objective:ratio')?.expr, slo.id).toBe(`vector(${slo.objective})`);
      expect(record('slo:time_period:days')?.expr, slo.id).toBe(`vector(${slo.days})`);
      const by = slo.by ? `sum by (${slo.by.join(', ')}) ` : 'sum';
      expect(canonicalPromql(String(record('slo:sli_errors:rate5m')?.expr)), slo.id).toContain(canonicalPromql(`${by}(rate(${slo.errors}[5m]))`));
      expect(canonicalPromql(String(record('slo:sli_requests:rate5m')?.expr)), slo.id).toBe(canonicalPromql(`${by}(rate(${slo.total}[5m]))`));
      const alerts = group('alerts').filter((r) => typeof r.alert === 'string' && String(r.alert).endsWith(slo.alert ?? 'BudgetBurn'));
      const tiers = new Set(alerts.map((a) => (a.labels as Record<string, string>).slo_tier));
      expect(tiers.has('page'), `${slo.id} pages`).toBe(slo.page);
      expect(tiers.has('ticket'), `${slo.id} opens tickets`).toBe(slo.ticket);
    }
  });

  const inputDashboards = docs.filter((d) => typeof d === 'object' && d !== null && 'panels' in d) as Record<string, unknown>[];
  if (declared('dashboards')) test('dashboards keep their panels, queries, units, thresholds, variables and layout', () => {
    expect(inputDashboards.length, 'the input\'s dashboards are found').toBeGreaterThan(0);
    const built = [...rebuilt].filter(([path]) => path.startsWith('grafana/dashboards/')).map(([, content]) => JSON.parse(content) as Record<string, unknown>);
    for (const input of inputDashboards) {
      const output = built.find((d) => d.title === input.title);
      expect(output, String(input.title)).toBeDefined();
      expect(dashboardView(output!), String(input.title)).toEqual(dashboardView(input));
      // Beyond the view: everything the input says, the rebuilt dashboard says too (ids, versions and datasources aside).
      expect(difference(comparableDashboard(input), comparableDashboard(output!)), String(input.title)).toBeUndefined();
    }
  });

  if (declared('alertmanager')) test('every alert reaches the same receivers under amtool config routes test', () => {
    expect(inputAlertmanager, 'the input\'s alertmanager.yml is found').toBeDefined();
    const original = join(root, name, 'original-alertmanager.yml');
    writeFileSync(original, stringify(inputAlertmanager));
    const imported = join(root, name, 'imported-alertmanager.yml');
    writeFileSync(imported, rebuilt.get('alertmanager/alertmanager.yml')!);
    // Every template the rebuilt configuration uses renders as it did with the input's own template files.
    const out = materialize(new Map([...rebuilt].map(([path, content]) => [path, { content, generator: 'x' }])));
    const inputDir = join(dir, 'input');
    const inputGlobs = ((inputAlertmanager as { templates?: string[] }).templates ?? []).map((t) => join(inputDir, t));
    for (const name of new Set([...rebuilt.get('alertmanager/alertmanager.yml')!.matchAll(/\{\{ template "([^"]+)" \. \}\}/g)].map((m) => m[1]!))) {
      // Alertmanager's own defaults (slack.default.title, ...) are built into the server, not into amtool's renderer.
      if (/^[a-z]+\.default\./.test(name)) continue;
      const render = (globs: readonly string[]) => runTool('amtool', ['template', 'render', ...globs.map((g) => `--template.glob=${g}`), `--template.text={{ template "${name}" . }}`]);
      const after = render([join(out, 'alertmanager/templates/*.tmpl')]);
      expect(after.status, `${name}: ${after.stderr}`).toBe(0);
      if (name.startsWith('monac.')) continue;
      const before = render(inputGlobs);
      expect(after.stdout, name).toBe(before.stdout);
    }
    const sets = [...alertLabelSets(inputRules), ...(settings.labelSets ?? [])];
    expect(sets.length).toBeGreaterThan(0);
    for (const labels of sets) {
      const mapped = labels.severity === undefined ? labels : { ...labels, severity: severityMap.get(labels.severity) ?? labels.severity };
      const before = routes(original, labels).split(',').map(kebab).join(',');
      expect(routes(imported, mapped), JSON.stringify(labels)).toBe(before);
    }
  });
});

test('everything the imports above wrote type-checks under tsc --strict', () => {
  // Runs after the imports in this file: the estate's, every fixture's and the mixed folder's definitions, with their projects.
  writeFileSync(join(root, 'tsconfig.json'), JSON.stringify({ extends: join(repoRoot, 'tsconfig.json'), compilerOptions: { strict: true, noEmit: true }, include: ['**/*.ts'], exclude: [] }));
  expect(listFiles(root).filter((f) => f.endsWith('.ts')).length).toBeGreaterThan(40);
  const result = spawnSync(process.execPath, [join(repoRoot, 'node_modules/typescript/bin/tsc'), '-p', join(root, 'tsconfig.json')], { encoding: 'utf8' });
  expect(`${result.stdout}${result.stderr}`).toBe('');
  expect(result.status).toBe(0);
}, 120_000);
