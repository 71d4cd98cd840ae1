import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { formatDiagnostic } from '../generators/core/diagnostic.ts';
import { compile } from '../generators/compile.ts';
import { addMatchers } from '../generators/promql/inject.ts';
import { refIdOf, withRefIds } from '../scripts/import/grafana/index.ts';
import { loadProject } from '../scripts/packs/load.ts';
import { withSelector } from '../scripts/packs/dashboards.ts';
import { repoRoot } from './support/compile-case.ts';
import { runTool } from './support/tools.ts';

/**
 * Packs over real upstream content: the kube-prometheus manifests of
 * ../shared/corpus, copied for each case into a temporary definitions folder
 * (a pack reads only under its definitions folder) that is removed afterwards.
 */
const corpus = join(repoRoot, '../shared/corpus/kube-prometheus-subset');
const work = join(repoRoot, 'test/.work');
mkdirSync(work, { recursive: true });
const root = mkdtempSync(join(work, 'packs-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

type Json = Record<string, unknown>;
let n = 0;

/** A definitions folder whose index.ts declares one pack (`pack` is TypeScript source of definePack's argument) over a copy of the corpus. */
function fixture(pack: string, extra: (vendor: string) => void = () => {}): string {
  const dir = join(root, `case-${++n}`);
  const vendor = join(dir, 'vendor/kube-prometheus');
  mkdirSync(vendor, { recursive: true });
  for (const file of readdirSync(corpus).filter((f) => f.endsWith('.yaml'))) cpSync(join(corpus, file), join(vendor, file));
  extra(vendor);
  writeFileSync(join(dir, 'index.ts'), `import { defineProject, definePack } from ${JSON.stringify(join(repoRoot, 'schemas/index.ts'))};

export default defineProject({
  name: 'packs',
  targets: { prometheus: '2.42.0', alertmanager: '0.25.0', grafana: '11.3.0', kubernetes: '1.30' },
  services: [],
  grafana: { datasource: { url: 'http://prometheus:9090' } },
  packs: [
    definePack(${pack}),
  ],
});
`);
  return dir;
}

async function build(dir: string) {
  const loaded = await loadProject(dir);
  const compilation = loaded.project === undefined ? { diagnostics: loaded.diagnostics, files: undefined } : compile(loaded.project);
  return { ...compilation, messages: compilation.diagnostics.map((d) => formatDiagnostic(d, dir)) };
}

/**
 * kube-prometheus's general.rules (not in the corpus subset), as its
 * kubePrometheus-prometheusRule.yaml ships them: two alerts of severity none.
 */
const generalRules = `apiVersion: monitoring.coreos.com/v1
kind: PrometheusRule
metadata:
  name: kube-prometheus-rules
  namespace: monitoring
spec:
  groups:
  - name: general.rules
    rules:
    - alert: Watchdog
      annotations:
        summary: An alert that should always be firing to certify that Alertmanager is working properly.
      expr: vector(1)
      labels:
        severity: none
    - alert: InfoInhibitor
      annotations:
        summary: Info-level alert inhibition.
      expr: ALERTS{severity = "info"} == 1 unless on (namespace) ALERTS{alertname != "InfoInhibitor", severity =~ "warning|critical", alertstate="firing"} == 1
      labels:
        severity: none
`;
const withGeneralRules = (vendor: string) => writeFileSync(join(vendor, 'kubePrometheus-prometheusRule.yaml'), generalRules);

/** Every upstream rule of the corpus and general.rules, by group, as published. */
function upstreamRules(): { group: string; rule: Json }[] {
  const texts = [...readdirSync(corpus).filter((f) => f.endsWith('prometheusRule.yaml')).map((file) => readFileText(join(corpus, file))), generalRules];
  return texts.flatMap((text) =>
    parseAllDocuments(text).flatMap((doc) => {
      const spec = (doc.toJS() as { spec: { groups: { name: string; rules: Json[] }[] } }).spec;
      return spec.groups.flatMap((g) => g.rules.map((rule) => ({ group: g.name, rule })));
    }));
}

/** Every upstream dashboard of the corpus, parsed out of its ConfigMapList. */
function upstreamDashboards(): { name: string; json: Json }[] {
  const list = parse(readFileText(join(corpus, 'grafana-dashboardDefinitions.yaml'))) as { items: { data: Record<string, string> }[] };
  return list.items.flatMap((item) => Object.entries(item.data).map(([key, text]) => ({ name: key.replace(/\.json$/, ''), json: JSON.parse(text) as Json })));
}

const readFileText = (path: string) => readFileSync(path, 'utf8');

/** A rule's identity: its group, its name, and which of the rules of that name it is (upstream repeats names in warning/critical pairs). */
function keyer(): (group: string, name: string) => string {
  const seen = new Map<string, number>();
  return (group, name) => {
    const k = `${group} ${name}`;
    const count = seen.get(k) ?? 0;
    seen.set(k, count + 1);
    return `${k} #${count + 1}`;
  };
}

describe('a pack over kube-prometheus as published', () => {
  const declared = `{
    name: 'kube-prometheus',
    from: 'vendor/kube-prometheus',
    team: 'platform',
    severityMap: { none: 'info' },
    drop: ['Watchdog', 'config-reloaders', 'NodeFilesystemAlmostOutOfSpace{severity="warning"}'],
    alerts: {
      PrometheusBadConfig: { severity: 'high', for: '30m', annotations: { summary: 'Prometheus cannot load its configuration.' } },
      'NodeFilesystemSpaceFillingUp{severity="critical"}': { labels: { page: 'yes' }, keepFiringFor: '10m' },
      NodeClockNotSynchronising: { expr: 'min_over_time(node_timex_sync_status{job="node-exporter"}[5m]) == 0' },
    },
    records: { 'instance:node_cpu_utilisation:rate5m': { labels: { source: 'pack' }, interval: '1m' } },
    selector: 'cluster="prod"',
    dashboards: { folder: 'Kubernetes', drop: ['alertmanager-overview'] },
  }`;
  const built = build(fixture(declared, withGeneralRules));

  test('builds with no lint level changed, style findings on upstream content said once each as warnings', async () => {
    const { files, diagnostics, messages } = await built;
    expect(messages.filter((m) => / error /.test(m))).toEqual([]);
    expect(files).toBeDefined();
    const upstream = diagnostics.filter((d) => d.message.includes('upstream content of pack kube-prometheus'));
    expect(upstream.length).toBeGreaterThan(3);
    expect(upstream.every((d) => d.severity === 'warning')).toBe(true);
    expect(new Set(upstream.map((d) => d.code)).size).toBe(upstream.length);
    // Each points into the vendored file it is about.
    expect(upstream.every((d) => d.location?.file.includes('/vendor/kube-prometheus/'))).toBe(true);
  });

  test('promtool accepts the rules', async () => {
    const { files } = await built;
    const dir = join(root, 'rules-check');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'kube-prometheus.yml'), files!.get('prometheus/rules/kube-prometheus.yml')!.content);
    const result = runTool('promtool', ['check', 'rules', join(dir, 'kube-prometheus.yml')]);
    expect(result.stdout + result.stderr).toMatch(/SUCCESS: \d+ rules found/);
    expect(result.status).toBe(0);
  });

  test('rules differ from upstream exactly as declared, and in nothing else', async () => {
    const { files } = await built;
    const out = parse(files!.get('prometheus/rules/kube-prometheus.yml')!.content) as { groups: { name: string; interval?: string; rules: Json[] }[] };
    const outKey = keyer();
    const got = new Map(out.groups.flatMap((g) => g.rules.map((r) => [outKey(g.name, String(r.alert ?? r.record)), { group: g, rule: r }] as const)));
    const expected = new Map<string, Json>();
    const key = keyer();
    for (const { group, rule } of upstreamRules()) {
      const name = String(rule.alert ?? rule.record);
      const labels = { ...(rule.labels as Json | undefined) };
      if (name === 'Watchdog' || group === 'config-reloaders' || (name === 'NodeFilesystemAlmostOutOfSpace' && labels.severity === 'warning')) continue;
      const want: Json = { ...rule, expr: addMatchers(String(rule.expr).trim(), 'cluster="prod"') };
      if (rule.alert) {
        want.labels = { ...labels, severity: labels.severity === 'none' ? 'info' : labels.severity, service: 'kube-prometheus', team: 'platform' };
      }
      if (name === 'PrometheusBadConfig') Object.assign(want, { for: '30m', labels: { ...(want.labels as Json), severity: 'high' }, annotations: { ...(rule.annotations as Json), summary: 'Prometheus cannot load its configuration.' } });
      if (name === 'NodeFilesystemSpaceFillingUp' && labels.severity === 'critical') Object.assign(want, { keep_firing_for: '10m', labels: { ...(want.labels as Json), page: 'yes' } });
      if (name === 'NodeClockNotSynchronising') want.expr = 'min_over_time(node_timex_sync_status{job="node-exporter"}[5m]) == 0';
      if (name === 'instance:node_cpu_utilisation:rate5m') want.labels = { ...labels, source: 'pack' };
      expected.set(key(group, name), want);
    }
    expect([...got.keys()].sort()).toEqual([...expected.keys()].sort());
    for (const [k, want] of expected) {
      const rule = got.get(k)!.rule;
      expect({ ...rule, expr: String(rule.expr).trim() }, k).toEqual(want);
    }
    // The group of the record whose interval was overridden; no other group gained one.
    expect(out.groups.filter((g) => g.interval !== undefined).map((g) => [g.name, g.interval])).toEqual([['node-exporter.rules', '1m']]);
    expect(out.groups.map((g) => g.name)).not.toContain('config-reloaders');
  });

  test('every dashboard not dropped is provisioned in the folder, with its upstream uid and the selector in every query', async () => {
    const { files } = await built;
    const written = [...files!.keys()].filter((f) => f.startsWith('grafana/dashboards/kubernetes/'));
    const dashboards = written.map((f) => JSON.parse(files!.get(f)!.content) as Json);
    const upstream = upstreamDashboards().filter((d) => d.name !== 'alertmanager-overview');
    expect(dashboards.map((d) => d.uid).sort()).toEqual(upstream.map((d) => d.json.uid).sort());
    expect(files!.get('grafana/provisioning/dashboards/dashboards.yaml')!.content).toContain('Kubernetes');
    const exprs = (d: Json) => {
      const panels = (list: unknown): Json[] => (Array.isArray(list) ? (list as Json[]).flatMap((p) => [p, ...panels(p.panels)]) : []);
      return panels(d.panels).flatMap((p) => (Array.isArray(p.targets) ? (p.targets as Json[]).map((t) => String(t.expr)) : [])).sort();
    };
    for (const d of upstream) {
      const out = dashboards.find((b) => b.uid === d.json.uid)!;
      expect(exprs(out), String(d.json.title)).toEqual(exprs(d.json).map((e) => withSelector(e, 'cluster="prod"')).sort());
      expect(exprs(out).every((e) => e.includes('cluster="prod"'))).toBe(true);
    }
  });
});

describe('mistakes in a pack are build errors at the pack\'s line', () => {
  test('a misspelt override names the closest alerts of the pack', async () => {
    const dir = fixture(`{ name: 'kp', from: 'vendor/kube-prometheus', team: 'platform', severityMap: { none: 'info' },
    alerts: {
      PrometheusBadConfi: { for: '1h' },
    },
    drop: ['NodeClockSkewDetectd'],
  }`);
    const { files, messages } = await build(dir);
    expect(files).toBeUndefined();
    expect(messages).toContainEqual(expect.stringMatching(/^index\.ts:\d+:\d+ error pack\/unknown-name kp\.alerts\.PrometheusBadConfi: no alert of the pack is called PrometheusBadConfi; did you mean PrometheusBadConfig\?/));
    expect(messages).toContainEqual(expect.stringMatching(/error pack\/unknown-name kp\.drop\[0\]: .*did you mean NodeClockSkewDetected/));
    const line = readFileText(join(dir, 'index.ts')).split('\n').findIndex((l) => l.includes('PrometheusBadConfi:')) + 1;
    expect(messages.find((m) => m.includes('PrometheusBadConfi:'))).toMatch(new RegExp(`^index\\.ts:${line}:`));
  });

  test('an upstream severity with no tier is an error at its line in the vendored file', async () => {
    const { files, messages } = await build(fixture(`{ name: 'kp', from: 'vendor/kube-prometheus', team: 'platform' }`, withGeneralRules));
    expect(files).toBeUndefined();
    const line = generalRules.split('\n').findIndex((l) => l.includes('severity: none')) + 1;
    expect(messages).toContainEqual(expect.stringMatching(new RegExp(`^vendor/kube-prometheus/kubePrometheus-prometheusRule\\.yaml:${line}:\\d+ error pack/severity .*Watchdog: severity "none" is not one of critical, high, warning, info; add severityMap: \\{ none: 'TIER' \\} to the pack`)));
  });

  test('a folder outside the definitions folder is refused, also through a symbolic link', async () => {
    const outside = await build(fixture(`{ name: 'kp', from: '../../..', team: 'platform' }`));
    expect(outside.messages).toContainEqual(expect.stringMatching(/error pack\/from kp\.from: \.\.\/\.\.\/\.\. is outside the definitions folder/));
    const linked = fixture(`{ name: 'kp', from: 'linked', team: 'platform' }`);
    symlinkSync(corpus, join(linked, 'linked'));
    const result = await build(linked);
    expect(result.files).toBeUndefined();
    expect(result.messages).toContainEqual(expect.stringMatching(/error pack\/from kp\.from: linked is outside the definitions folder/));
  });

  test('a selector that is not a list of matchers is an error', async () => {
    const { messages } = await build(fixture(`{ name: 'kp', from: 'vendor/kube-prometheus', team: 'platform', severityMap: { none: 'info' }, selector: 'cluster=prod' }`));
    expect(messages).toContainEqual(expect.stringMatching(/error pack\/selector kp\.selector: "cluster=prod" is not a list of label matchers/));
  });
});

describe('dashboards as Grafana loads them', () => {
  test('a $quantile custom variable and targets without refId build; the refIds are those Grafana assigns', async () => {
    const dashboard = {
      uid: 'latency', title: 'Latency', schemaVersion: 39,
      templating: { list: [{ name: 'quantile', type: 'custom', query: '0.5,0.9,0.99', current: { text: '0.99', value: '0.99' } }] },
      panels: [{
        type: 'timeseries', title: 'Latency', description: 'Request latency at the chosen quantile.', gridPos: { x: 0, y: 0, w: 24, h: 8 },
        datasource: { type: 'prometheus', uid: '$datasource' }, fieldConfig: { defaults: { unit: 's' }, overrides: [] },
        targets: [
          { expr: 'histogram_quantile($quantile, sum by (le) (rate(prometheus_http_request_duration_seconds_bucket[$__rate_interval])))' },
          { refId: 'A', expr: 'histogram_quantile(0.5, sum by (le) (rate(prometheus_http_request_duration_seconds_bucket[$__rate_interval])))' },
        ],
      }],
    };
    const dir = fixture(`{ name: 'kp', from: 'vendor/kube-prometheus', team: 'platform', severityMap: { none: 'info' } }`, (vendor) => {
      writeFileSync(join(vendor, 'latency.json'), JSON.stringify(dashboard, null, 2));
    });
    const { files, messages } = await build(dir);
    expect(messages.filter((m) => / error /.test(m))).toEqual([]);
    const out = JSON.parse(files!.get('grafana/dashboards/kp/latency.json')!.content) as { panels: { targets: { refId: string }[] }[] };
    expect(out.panels[0]!.targets.map((t) => t.refId)).toEqual(['B', 'A']);
  });

  test('refIds run A..Z, then AA, AB', () => {
    expect([0, 1, 25, 26, 27, 51, 52, 701, 702].map(refIdOf)).toEqual(['A', 'B', 'Z', 'AA', 'AB', 'AZ', 'BA', 'ZZ', 'AAA']);
    expect(withRefIds({ targets: [{}, { refId: 'A' }, {}] })).toEqual({ targets: [{ refId: 'B' }, { refId: 'A' }, { refId: 'C' }] });
    const named = { targets: [{ refId: 'A' }] };
    expect(withRefIds(named)).toBe(named);
  });
});

describe('packs are read by the commands', () => {
  test('compile() on a project whose pack was not read is an error, not a silent empty build', () => {
    const result = compile({
      name: 'unread',
      targets: { prometheus: '2.42.0', alertmanager: '0.25.0', grafana: '11.3.0', kubernetes: '1.30' },
      services: [],
      packs: [{ name: 'kp', from: 'vendor/kube-prometheus', team: 'platform' }],
    });
    expect(result.files).toBeUndefined();
    expect(result.diagnostics.map((d) => d.code)).toEqual(['pack/not-read']);
  });
});
