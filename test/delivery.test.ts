import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, test } from 'vitest';
import { compileDefinitions, goldenRoot, repoRoot } from './support/compile-case.ts';
import { materialize } from './support/materialize.ts';
import { inParallel, runTool, runToolAsync } from './support/tools.ts';
import type { OutputFiles } from '../generators/core/output.ts';
import { compile } from '../generators/compile.ts';
import { reviewOperator } from '../generators/kubernetes/operator/checks.ts';
import { defineProject, defineService } from '../schemas/index.ts';

interface KubeObject {
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  spec?: Record<string, unknown>;
  data?: Record<string, string>;
  stringData?: Record<string, string>;
}

const operatorCases = [
  ['the estate', join(repoRoot, 'definitions')],
  ['delivery-prometheus-operator', join(goldenRoot, 'delivery-prometheus-operator/definitions')],
] as const;

async function build(definitions: string): Promise<OutputFiles> {
  const { files, diagnostics } = await compileDefinitions(definitions);
  expect(files, diagnostics.join('\n')).toBeDefined();
  return files!;
}

function objectsOf(files: OutputFiles, kind: string): [string, KubeObject][] {
  return [...files]
    .filter(([path]) => path.startsWith('kubernetes/') && !path.endsWith('kustomization.yaml'))
    .map(([path, f]) => [path, parse(f.content) as KubeObject] as [string, KubeObject])
    .filter(([, o]) => o.kind === kind);
}

function withFile<T>(files: OutputFiles, path: string, read: (content: string) => T): T {
  const file = files.get(path);
  expect(file, `${path} is written`).toBeDefined();
  return read(file!.content);
}

describe('prometheus-operator delivery', () => {
  test.each(operatorCases)('the PrometheusRules of %s hold exactly the groups of the rule files', async (_, definitions) => {
    const files = await build(definitions);
    const rules = objectsOf(files, 'PrometheusRule');
    const ruleFiles = [...files.keys()].filter((p) => p.startsWith('prometheus/rules/'));
    expect(rules.length).toBe(ruleFiles.length);
    for (const [path, rule] of rules) {
      const body = withFile(files, `prometheus/rules/${rule.metadata.name}.yml`, (c) => parse(c) as { groups: unknown });
      expect(rule.spec!.groups, path).toEqual(body.groups);
      expect(rule.metadata.labels).toMatchObject({ 'app.kubernetes.io/managed-by': 'monac' });
    }
  });

  test.each(operatorCases)('promtool checks and unit-tests the groups taken out of the PrometheusRules of %s', async (_, definitions) => {
    const files = await build(definitions);
    // Only the PrometheusRules and the test files: the rule files the tests load are rebuilt from the objects.
    const dir = mkdtempSync(join(tmpdir(), 'monac-operator-rules-'));
    mkdirSync(join(dir, 'rules'));
    mkdirSync(join(dir, 'tests'));
    for (const [, rule] of objectsOf(files, 'PrometheusRule')) {
      writeFileSync(join(dir, 'rules', `${rule.metadata.name}.yml`), JSON.stringify({ groups: rule.spec!.groups }));
    }
    // The one-minute test files: the SLOs' multi-day scenarios (-long.yml) load the same groups, which the test
    // above holds equal to the rule files' and promtool-rules-estate.test.ts replays them; here they would take minutes again.
    const tests = [...files].filter(([path]) => path.startsWith('prometheus/tests/') && !path.endsWith('-long.yml'));
    expect(tests.length).toBeGreaterThan(0);
    for (const [path, file] of tests) writeFileSync(join(dir, 'tests', path.split('/').at(-1)!), file.content);
    const ruleFiles = readdirSync(join(dir, 'rules')).map((f) => `rules/${f}`);
    const checked = runTool('promtool', ['check', 'rules', '--lint-fatal', ...ruleFiles], dir);
    expect(checked.status, checked.stdout + checked.stderr).toBe(0);
    // One promtool per test file, as many at once as there are cores: the estate's SLO scenarios span days.
    const results = await inParallel(readdirSync(join(dir, 'tests')), (f) => runToolAsync('promtool', ['test', 'rules', `tests/${f}`], dir));
    for (const [file, result] of results) expect(result.status, `${file}: ${result.output}`).toBe(0);
  }, 300_000);

  test.each(operatorCases)('the Alertmanager Secret of %s passes amtool, with every credential at a mounted Secret key', async (_, definitions) => {
    const files = await build(definitions);
    const [[, secret]] = objectsOf(files, 'Secret') as [[string, KubeObject]];
    const data = secret.stringData!;
    const config = parse(data['alertmanager.yaml']!) as { templates: string[] };
    const credentials = JSON.stringify(config).match(/"[a-z_]+_file":"[^"]+"/g) ?? [];
    expect(credentials.length).toBeGreaterThan(0);
    for (const credential of credentials) expect(credential).toMatch(/:"\/etc\/alertmanager\/secrets\/[a-z0-9.-]+\/[-._a-zA-Z0-9]+"$/);
    // The operator mounts the Secret's other keys beside alertmanager.yaml: check them from a folder standing in for the mount.
    const dir = mkdtempSync(join(tmpdir(), 'monac-am-secret-'));
    for (const [key, content] of Object.entries(data)) writeFileSync(join(dir, key), content.replaceAll('/etc/alertmanager/config/', `${dir}/`));
    expect(config.templates.every((t) => t.startsWith('/etc/alertmanager/config/'))).toBe(true);
    const result = runTool('amtool', ['check-config', join(dir, 'alertmanager.yaml')]);
    expect(result.status, result.stdout + result.stderr).toBe(0);
    expect(result.stdout).toMatch(/1 templates/);
    // The same routing as the files delivery.
    const files_ = parse(files.get('alertmanager/alertmanager.yml')!.content) as { route: unknown };
    expect((config as unknown as { route: unknown }).route).toEqual(files_.route);
  });

  test.each(operatorCases)('every dashboard of %s has a sidecar ConfigMap with the same JSON and its folder', async (_, definitions) => {
    const files = await build(definitions);
    const dashboards = [...files.keys()].filter((p) => p.startsWith('grafana/dashboards/'));
    const maps = objectsOf(files, 'ConfigMap').filter(([, o]) => o.metadata.labels?.grafana_dashboard === '1');
    expect(maps.length).toBe(dashboards.length);
    for (const path of dashboards) {
      const uid = path.split('/').at(-1)!.replace(/\.json$/, '');
      const found = maps.find(([, o]) => o.data?.[`${uid}.json`] !== undefined);
      expect(found, path).toBeDefined();
      expect(found![1].data![`${uid}.json`]).toBe(files.get(path)!.content);
      expect(found![1].metadata.annotations?.grafana_folder).toBeTruthy();
    }
    expect(objectsOf(files, 'ConfigMap').filter(([, o]) => o.metadata.labels?.grafana_datasource === '1')).toHaveLength(1);
  });

  test('the ServiceMonitors keep the job names the alerts select on, and reference Secret keys for credentials', async () => {
    const files = await build(operatorCases[1][1]);
    const [[, monitor]] = objectsOf(files, 'ServiceMonitor') as [[string, KubeObject]];
    const [endpoint] = monitor.spec!.endpoints as Record<string, unknown>[];
    expect(endpoint!.relabelings).toContainEqual({ action: 'replace', targetLabel: 'job', replacement: 'api' });
    expect(endpoint!.authorization).toEqual({ credentials: { name: 'api-scrape-token', key: 'token' } });
    expect(monitor.metadata.labels?.release).toBe('kube-prometheus-stack');
    expect(objectsOf(files, 'PodMonitor')).toHaveLength(1);
    const [[, probe]] = objectsOf(files, 'Probe') as [[string, KubeObject]];
    expect(probe.spec).toMatchObject({ jobName: 'api-health', module: 'http_2xx', prober: { url: 'blackbox-exporter:9115' } });
  });

  test('kubectl kustomize builds each delivery case into exactly its objects', async () => {
    for (const [, definitions] of operatorCases) {
      const files = await build(definitions);
      const result = runTool('kubectl', ['kustomize', join(materialize(files), 'kubernetes')]);
      expect(result.status, result.stderr).toBe(0);
      const kinds = new Set([...result.stdout.matchAll(/^kind: (\w+)$/gm)].map((m) => m[1]));
      for (const kind of ['PrometheusRule', 'ServiceMonitor', 'Probe', 'Secret', 'ConfigMap']) expect(kinds, kind).toContain(kind);
    }
  });

  test('a broken object fails the review: a PrometheusRule with a "for" the CRD refuses', () => {
    const project = defineProject({ name: 'x', targets: { prometheus: '2.42.0', alertmanager: '0.25.0', grafana: '11.3.0', kubernetes: '1.30' }, services: [] });
    const { model } = compile(project);
    const broken = {
      apiVersion: 'monitoring.coreos.com/v1',
      kind: 'PrometheusRule',
      metadata: { name: 'x', namespace: 'monitoring' },
      spec: { groups: [{ name: 'g', rules: [{ alert: 'A', expr: 'up == 0', for: '2 minutes' }] }] },
    };
    const findings = reviewOperator(model!, [{ path: 'kubernetes/monitoring/x-prometheusrule.yaml', format: 'yaml', data: broken }]);
    expect(findings.map((f) => f.code)).toEqual(['delivery/schema']);
    expect(findings[0]!.message).toMatch(/for must match pattern/);
  });

  test('a dashboard over 1 MiB is an error, over 256 KiB a warning that recommends server-side apply', () => {
    const project = defineProject({ name: 'x', targets: { prometheus: '2.42.0', alertmanager: '0.25.0', grafana: '11.3.0', kubernetes: '1.30' }, services: [] });
    const { model } = compile(project);
    const configMap = (bytes: number) => ({
      path: 'kubernetes/monitoring/big-configmap.yaml', format: 'yaml' as const,
      data: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'big', namespace: 'monitoring' }, data: { 'big.json': 'x'.repeat(bytes) } },
    });
    expect(reviewOperator(model!, [configMap(300 * 1024)]).map((f) => [f.severity, f.code])).toEqual([['warning', 'delivery/apply-size']]);
    expect(reviewOperator(model!, [configMap(1100 * 1024)]).map((f) => [f.severity, f.code])).toEqual([['error', 'delivery/object-size']]);
    expect(reviewOperator(model!, [configMap(100 * 1024)])).toEqual([]);
  });

  test('files: false leaves out the plain files and keeps the Kubernetes objects', () => {
    const api = defineService({ id: 'api', team: 'shop', endpoints: [{ job: 'api', kubernetes: { namespace: 'shop', selector: { app: 'api' }, port: 'http' } }] });
    const project = defineProject({
      name: 'x',
      targets: { prometheus: '2.42.0', alertmanager: '0.25.0', grafana: '11.3.0', kubernetes: '1.30', prometheusOperator: '0.75.0' },
      delivery: { files: false, prometheusOperator: {} },
      services: [api],
    });
    const { files, diagnostics } = compile(project);
    expect(diagnostics).toEqual([]);
    expect([...files!.keys()].filter((p) => /^(prometheus|alertmanager|grafana)\//.test(p))).toEqual([]);
    expect([...files!.keys()]).toContain('kubernetes/shop/api-servicemonitor.yaml');
  });
});

/** The plain rule body under a ruler's wrapper: what promtool reads. */
function plainBody(content: string): string {
  const file = parse(content) as { namespace?: string; groups: Record<string, unknown>[] };
  return JSON.stringify({ groups: file.groups.map(({ source_tenants: _t, partial_response_strategy: _p, ...group }) => group) });
}

describe('rule evaluators', () => {
  const definitions = join(goldenRoot, 'delivery-rule-evaluators/definitions');

  test('each evaluator gets its own format: Mimir a namespace per file with source tenants, Thanos a partial response strategy', async () => {
    const files = await build(definitions);
    const mimir = parse(files.get('mimir/rules/payments.yml')!.content) as { namespace: string; groups: { source_tenants?: string[] }[] };
    expect(mimir.namespace).toBe('payments');
    expect(mimir.groups.every((g) => g.source_tenants?.join() === 'eu-1,us-1')).toBe(true);
    const thanos = parse(files.get('thanos/rules/checkout-checkout-errors.yml')!.content) as { groups: { partial_response_strategy: string }[] };
    expect(thanos.groups[0]!.partial_response_strategy).toBe('warn');
    expect([...files.keys()].filter((p) => p.startsWith('prometheus/rules/'))).toEqual([]);
  });

  test('promtool checks and unit-tests every evaluator\'s rules once the wrapper is taken off', async () => {
    const files = await build(definitions);
    const dir = materialize(files);
    const plain = mkdtempSync(join(tmpdir(), 'monac-plain-'));
    cpSync(dir, plain, { recursive: true });
    const ruleFiles = [...files.keys()].filter((p) => /^(mimir|thanos|vmalert)\/rules\//.test(p));
    expect(ruleFiles.length).toBe(3);
    for (const path of ruleFiles) writeFileSync(join(plain, path), plainBody(files.get(path)!.content));
    const checked = runTool('promtool', ['check', 'rules', '--lint-fatal', ...ruleFiles], plain);
    expect(checked.status, checked.stdout + checked.stderr).toBe(0);
    const tests = [...files.keys()].filter((p) => /^(mimir|thanos|vmalert)\/tests\//.test(p));
    expect(tests.length).toBeGreaterThan(2);
    for (const test of tests) {
      const tested = runTool('promtool', ['test', 'rules', test.split('/').at(-1)!], join(plain, dirname(test)));
      expect(tested.status, `${test}: ${tested.stdout}${tested.stderr}`).toBe(0);
    }
  }, 300_000);

  test('vmalert accepts every rule file of the vmalert evaluator, and refuses a broken one', async () => {
    const files = await build(definitions);
    const dir = materialize(files);
    const vmalertFiles = [...files.keys()].filter((p) => p.startsWith('vmalert/rules/'));
    expect(vmalertFiles.length).toBeGreaterThan(0);
    for (const path of vmalertFiles) {
      const result = runTool('vmalert', ['-dryRun', `-rule=${join(dir, path)}`]);
      expect(result.status, result.stderr).toBe(0);
    }
    const broken = join(dir, 'vmalert/rules/broken.yml');
    writeFileSync(broken, readFileSync(join(dir, vmalertFiles[0]!), 'utf8').replace(/expr: (.*)/, 'expr: $1 >'));
    const result = runTool('vmalert', ['-dryRun', `-rule=${broken}`]);
    expect(result.status).not.toBe(0);
    expect(result.stderr).toMatch(/bad prometheus expr/);
  });
});
