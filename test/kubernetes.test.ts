import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, test } from 'vitest';
import { ScaledObject } from '@kubernetes-models/keda/keda.sh/v1alpha1';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2';
import { compileDefinitions, goldenCases, goldenRoot, repoRoot } from './support/compile-case.ts';
import { materialize } from './support/materialize.ts';
import { defineProject, defineScaling, defineService } from '../schemas/index.ts';
import { compile } from '../generators/core/pipeline.ts';

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
      const model = object.kind === 'ScaledObject' ? new ScaledObject(object as never) : new HorizontalPodAutoscaler(object as never);
      expect(() => model.validate(), path).not.toThrow();
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

  // The issue asks for this check where kubectl is installed and for no install in CI.
  const kubectl = spawnSync('sh', ['-c', 'command -v kubectl']).status === 0;
  test.runIf(kubectl).each(cases)('kubectl kustomize builds the kubernetes/ folder of %s', async (_, definitions) => {
    const { files } = await manifests(definitions);
    const result = spawnSync('kubectl', ['kustomize', join(materialize(files), 'kubernetes')], { encoding: 'utf8' });
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/kind: (ScaledObject|HorizontalPodAutoscaler)/);
  });
});
