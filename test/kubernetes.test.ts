import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import { describe, expect, test } from 'vitest';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2';
import { compileDefinitions, goldenCases, goldenRoot, repoRoot } from './support/compile-case.ts';
import { materialize } from './support/materialize.ts';
import { defineProject, defineScaling, defineService } from '../schemas/index.ts';
import { compile } from '../generators/compile.ts';
import { listFiles } from '../generators/core/output.ts';
import { parsePromql } from '../generators/promql/parse.ts';
import { runTool } from './support/tools.ts';
import { objectModels } from '../generators/kubernetes/operator/checks.ts';

const cases = [
  ...goldenCases().filter((name) => name.startsWith('scaling-')).map((name) => [name, join(goldenRoot, name, 'definitions')] as const),
  ['the estate', join(repoRoot, 'definitions')] as const,
];

async function manifests(definitions: string) {
  const { files, diagnostics } = await compileDefinitions(definitions);
  expect(files, diagnostics.join('\n')).toBeDefined();
  return { files: files!, objects: [...files!].filter(([path]) => path.startsWith('kubernetes/') && !path.endsWith('kustomization.yaml')).map(([path, f]) => [path, parse(f.content) as { kind: string }] as const) };
}

describe('scaling manifests', () => {
  test.each(cases)('every manifest of %s passes the kubernetes-models validation', async (_, definitions) => {
    const { objects } = await manifests(definitions);
    expect(objects.length).toBeGreaterThan(0);
    for (const [path, object] of objects) {
      const Model = objectModels[object.kind];
      expect(Model, `${path}: a kind with no model`).toBeDefined();
      expect(() => new Model!(object as never).validate(), path).not.toThrow();
      expect(object, path).not.toHaveProperty('status');
    }
  });

  test('the validation can fail: a string maxReplicas is rejected', () => {
    const hpa = new HorizontalPodAutoscaler({ metadata: { name: 'x' }, spec: { scaleTargetRef: { kind: 'Deployment', name: 'x' }, maxReplicas: '20' as never } });
    expect(() => hpa.validate()).toThrow(/maxReplicas/);
  });

  test('the build checks each manifest against its schema and reports a mismatch at the policy', () => {
    const project = defineProject({
      name: 'schema',
      targets: { prometheus: '2.42.0', alertmanager: '0.25.0', grafana: '11.3.0', kubernetes: '1.30' },
      services: [defineService({
        id: 'api',
        team: 'web',
        scaling: [defineScaling({ workload: { name: 'api', namespace: 'web' }, minReplicas: 1, maxReplicas: 2 ** 31, signals: [{ cpu: { utilization: 70 } }] })],
      })],
    });
    const codes = compile(project).diagnostics.map((d) => `${d.code} ${d.message}`);
    expect(codes).toEqual([expect.stringMatching(/^scaling\/schema .*maxReplicaCount/)]);
  });

  test("an adapter HPA's Pods metric is the name.as of its prometheus-adapter rule", async () => {
    const { files } = await manifests(join(goldenRoot, 'scaling-hpa-adapter/definitions'));
    const rules = parse(files.get('prometheus-adapter/rules.yaml')!.content) as { rules: { name: { as: string } }[] };
    const hpa = parse(files.get('kubernetes/shop/api-hpa.yaml')!.content) as { spec: { metrics: { type: string; pods?: { metric: { name: string } } }[] } };
    const pods = hpa.spec.metrics.filter((m) => m.type === 'Pods').map((m) => m.pods!.metric.name);
    expect(pods).toEqual(['http_requests_per_second']);
    expect(rules.rules.map((r) => r.name.as)).toEqual(pods);
  });

  test('HPA metrics list memory before cpu', async () => {
    const { files } = await manifests(join(goldenRoot, 'scaling-hpa-resource/definitions'));
    const hpa = parse(files.get('kubernetes/web/frontend-hpa.yaml')!.content) as { spec: { metrics: { resource: { name: string } }[] } };
    expect(hpa.spec.metrics.map((m) => m.resource.name)).toEqual(['memory', 'cpu']);
  });

  test.each(cases)('kubectl kustomize builds the kubernetes/ folder of %s, with every manifest in it', async (_, definitions) => {
    const { files, objects } = await manifests(definitions);
    const built = kustomize(join(materialize(files), 'kubernetes'));
    expect(built.map((o) => `${o.kind}/${o.metadata.namespace}/${o.metadata.name}`).sort()).toEqual(
      objects.map(([, o]) => `${o.kind}/${(o as unknown as KubeObject).metadata.namespace}/${(o as unknown as KubeObject).metadata.name}`).sort(),
    );
  });

  test('kubectl kustomize builds the committed out/kubernetes, each namespace folder, and the whole', () => {
    const root = join(repoRoot, 'out/kubernetes');
    const manifestFiles = listFiles(root).filter((f) => !f.endsWith('kustomization.yaml'));
    expect(manifestFiles.length).toBeGreaterThan(0);
    const namespaces = [...new Set(manifestFiles.map((f) => f.split('/')[0]!))];
    const perNamespace = namespaces.flatMap((ns) => kustomize(join(root, ns)));
    expect(perNamespace.length).toBe(manifestFiles.length);
    expect(kustomize(root).length).toBe(manifestFiles.length);
  });

  test('kubectl kustomize fails on a kustomization that lists a missing file, so these checks can fail', async () => {
    const { files } = await manifests(join(repoRoot, 'definitions'));
    const dir = join(materialize(files), 'kubernetes');
    const namespace = readdirSync(dir).find((name) => !name.endsWith('.yaml'))!;
    writeFileSync(join(dir, namespace, 'kustomization.yaml'), 'resources:\n  - missing-scaledobject.yaml\n');
    const result = runTool('kubectl', ['kustomize', dir]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('missing-scaledobject.yaml');
  });
});

describe('prometheus-adapter rules', () => {
  const adapterCases = [
    ['scaling-hpa-adapter', join(goldenRoot, 'scaling-hpa-adapter/definitions')] as const,
  ];

  /** prometheus-adapter's template fields, filled as the adapter fills them, so the result parses as PromQL. */
  const fill = (query: string) => query.replace(/<<\.Series>>/g, 'series_total').replace(/<<\.LabelMatchers>>/g, 'namespace="ns",pod=~"a|b"').replace(/<<\.GroupBy>>/g, 'pod');

  function checkAdapterRules(content: string): string[] {
    const { rules } = parse(content) as { rules: AdapterRule[] };
    const problems: string[] = [];
    expect(rules.length).toBeGreaterThan(0);
    for (const [i, rule] of rules.entries()) {
      const where = `rules[${i}]`;
      const series = parsePromql(rule.seriesQuery);
      if (series.error || series.selectors.length !== 1) problems.push(`${where}.seriesQuery is not one series selector: ${rule.seriesQuery}`);
      const metrics = parsePromql(fill(rule.metricsQuery));
      if (metrics.error) problems.push(`${where}.metricsQuery does not parse once filled: ${metrics.error.message}`);
      for (const template of rule.metricsQuery.match(/<<[^>]*>>/g) ?? []) {
        if (!['<<.Series>>', '<<.LabelMatchers>>', '<<.GroupBy>>'].includes(template)) problems.push(`${where}.metricsQuery uses ${template}, which the adapter does not fill`);
      }
      try {
        const matched = new RegExp(rule.name.matches).exec(series.selectors[0]?.metric ?? '');
        if (!matched) problems.push(`${where}.name.matches ${rule.name.matches} does not match the series ${series.selectors[0]?.metric}`);
      } catch {
        problems.push(`${where}.name.matches is not a regular expression: ${rule.name.matches}`);
      }
      if (!/^[a-zA-Z_:][a-zA-Z0-9_:]*$/.test(rule.name.as)) problems.push(`${where}.name.as is not a metric name: ${rule.name.as}`);
      for (const [label, { resource }] of Object.entries(rule.resources.overrides)) {
        if (!['namespace', 'pod'].includes(resource)) problems.push(`${where}.resources.overrides.${label} maps to ${resource}, not a namespace or pod`);
        if (!series.selectors[0]?.matchers.some((m) => m.label === label)) problems.push(`${where}.seriesQuery does not select on ${label}`);
      }
    }
    return problems;
  }

  test.each(adapterCases)('the rules of %s have selector series queries, PromQL metrics queries and names that match', async (_, definitions) => {
    const { files } = await manifests(definitions);
    const content = files.get('prometheus-adapter/rules.yaml')?.content;
    expect(content).toBeDefined();
    expect(checkAdapterRules(content!)).toEqual([]);
  });

  test('the committed out/ has adapter rules only when the estate declares hpa-adapter policies, and then they pass', async () => {
    const { files } = await manifests(join(repoRoot, 'definitions'));
    const committed = join(repoRoot, 'out/prometheus-adapter/rules.yaml');
    expect(existsSync(committed)).toBe(files.has('prometheus-adapter/rules.yaml'));
    if (existsSync(committed)) expect(checkAdapterRules(readFileSync(committed, 'utf8'))).toEqual([]);
  });

  test('a broken metrics query, a name that matches nothing and an override the query lacks are found, so the check can fail', async () => {
    const { files } = await manifests(join(goldenRoot, 'scaling-hpa-adapter/definitions'));
    const broken = files.get('prometheus-adapter/rules.yaml')!.content
      .replace('[2m])) by', '[2m) by')
      .replace('matches: ^http_requests_total$', 'matches: ^grpc_requests_total$')
      .replace('seriesQuery: http_requests_total{namespace!="",pod!=""}', 'seriesQuery: http_requests_total{namespace!=""}');
    const problems = checkAdapterRules(broken);
    expect(problems).toEqual([
      expect.stringContaining('metricsQuery does not parse'),
      expect.stringContaining('name.matches ^grpc_requests_total$ does not match'),
      expect.stringContaining('does not select on pod'),
    ]);
  });
});

interface KubeObject {
  readonly kind: string;
  readonly metadata: { readonly name: string; readonly namespace?: string };
}

interface AdapterRule {
  readonly seriesQuery: string;
  readonly metricsQuery: string;
  readonly name: { readonly matches: string; readonly as: string };
  readonly resources: { readonly overrides: Record<string, { readonly resource: string }> };
}

/** `kubectl kustomize DIR`: the objects it builds; a failure fails the test with kubectl's message. */
function kustomize(dir: string): KubeObject[] {
  const result = runTool('kubectl', ['kustomize', dir]);
  expect(result.status, `kubectl kustomize ${dir}: ${result.stderr}`).toBe(0);
  return parseAllDocuments(result.stdout).map((doc) => doc.toJS() as KubeObject).filter((o) => o !== null);
}
