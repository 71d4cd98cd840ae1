import { describe, expect, test } from 'vitest';
import { compile } from '../../generators/compile.ts';
import { defineProject, defineService } from '../../schemas/index.ts';

const targets = { prometheus: '2.42.0', alertmanager: '0.25.0', grafana: '11.3.0', kubernetes: '1.30', prometheusOperator: '0.75.0' };

/** The promql/window-over-retention findings of a project whose one recording rule reads `range` of a counter. */
function findings(range: string, settings: { prometheus?: object; rules?: object; delivery?: object; kubernetes?: boolean } = {}): string[] {
  const project = defineProject({
    name: 'retention', targets,
    ...(settings.prometheus ? { prometheus: settings.prometheus } : {}),
    ...(settings.rules ? { rules: settings.rules } : {}),
    ...(settings.delivery ? { delivery: settings.delivery } : {}),
    services: [defineService({
      id: 'api', team: 'shop',
      endpoints: [{ job: 'api', targets: ['api:8000'], ...(settings.kubernetes ? { kubernetes: { namespace: 'shop', selector: { app: 'api' }, port: 'metrics' } } : {}) }],
      metrics: { http_requests_total: 'counter' },
      ruleGroups: [{ name: 'api', records: [{ record: 'job:http_requests:rate', expr: `sum by (job) (rate(http_requests_total{job="api"}[${range}])) / sum by (job) (rate(http_requests_total{job="api"}[5m]))` }] }],
    })],
  });
  const { diagnostics } = compile(project);
  expect(diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.code}: ${d.message}`)).toEqual([]);
  return diagnostics.filter((d) => d.code === 'promql/window-over-retention').map((d) => `${d.severity} ${d.subject}: ${d.message}`);
}

describe('promql/window-over-retention: a window longer than the Prometheus keeps', () => {
  test('over the declared retention.time, the longest window of the rule is named', () => {
    expect(findings('10d', { prometheus: { retention: { time: '7d' } } })).toEqual([
      'warning api.ruleGroups[0].records[0].expr: job:http_requests:rate reads http_requests_total{job="api"}[10d], but Prometheus keeps 7d (prometheus.retention.time): the window covers at most 7d',
    ]);
  });

  test('a window as long as the retention, or shorter, is no finding', () => {
    expect(findings('7d', { prometheus: { retention: { time: '7d' } } })).toEqual([]);
    expect(findings('14d', {})).toEqual([]);
  });

  test('with no retention declared, Prometheus\' default 15d, which monac\'s files leave in place', () => {
    expect(findings('16d')).toEqual([
      'warning api.ruleGroups[0].records[0].expr: job:http_requests:rate reads http_requests_total{job="api"}[16d], but Prometheus keeps 15d (its default, as prometheus.retention sets none): the window covers at most 15d',
    ]);
  });

  test('a size alone sets no time (Prometheus then keeps no default time), so nothing is known to check', () => {
    expect(findings('30d', { prometheus: { retention: { size: '50GB' } } })).toEqual([]);
  });

  test('a Mimir or Thanos ruler reads long-term storage: its rules are not checked', () => {
    expect(findings('30d', { rules: { evaluation: { engine: 'mimir' } } })).toEqual([]);
    expect(findings('30d', { rules: { evaluation: { engine: 'thanos' } } })).toEqual([]);
  });

  test('under the operator delivery alone, the Prometheus resource sets the retention, not monac: only a declared one is checked', () => {
    const operator = { files: false, prometheusOperator: { namespace: 'monitoring', selectorLabels: { release: 'kube-prometheus-stack' } } };
    expect(findings('30d', { delivery: operator, kubernetes: true })).toEqual([]);
    expect(findings('30d', { delivery: operator, kubernetes: true, prometheus: { retention: { time: '10d' } } })).toHaveLength(1);
  });

  test('the project can make it an error', () => {
    const project = (level: string) => defineProject({
      name: 'retention', targets, lint: { 'promql/window-over-retention': level as 'error' },
      services: [defineService({ id: 'api', team: 'shop', endpoints: [{ job: 'api', targets: ['api:8000'] }], metrics: { x_total: 'counter' }, ruleGroups: [{ name: 'api', records: [{ record: 'job:x:rate30d', expr: 'sum by (job) (rate(x_total{job="api"}[30d]))' }] }] })],
    });
    expect(compile(project('error')).diagnostics.filter((d) => d.code === 'promql/window-over-retention').map((d) => d.severity)).toEqual(['error']);
  });
});
