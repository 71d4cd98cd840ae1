import { describe, expect, test } from 'vitest';
import { buildMetricCatalog, scrapedMetrics } from '../../generators/core/metric-catalog.ts';
import type { ScrapeJob, ServiceModel } from '../../generators/core/model.ts';
import { exporterMetrics } from '../../generators/promql/exporter-metrics.ts';

const job = (jobName: string, service: string, exporter?: ScrapeJob['exporter']) => ({ jobName, service, exporter }) as ScrapeJob;

describe('the metric catalog', () => {
  test('a job has the per-job series, its preset\'s metrics, then its service\'s declared ones, histograms as their series', () => {
    const catalog = scrapedMetrics([job('api', 'api'), job('api-node', 'api', 'node')], new Map([['api', { latency_seconds: 'histogram' as const, jobs_total: 'counter' as const }]]));
    expect(catalog.get('up')?.producers).toEqual(['api', 'api-node']);
    expect(catalog.get('latency_seconds_bucket')).toEqual({ type: 'counter', producers: ['api', 'api-node'] });
    expect(catalog.get('node_load1')).toEqual({ type: 'gauge', producers: ['api-node'] });
    expect(catalog.get('ALERTS')?.producers).toEqual(['prometheus']);
    // In insertion order: the node preset's metrics come before the declared ones on the node job.
    const nodeJob = [...scrapedMetrics([job('api-node', 'api', 'node')], new Map([['api', { jobs_total: 'counter' as const }]])).keys()];
    expect(nodeJob.indexOf('node_load1')).toBeLessThan(nodeJob.indexOf('jobs_total'));
  });

  test('a declared metric retypes a preset\'s metric in the preset\'s place, and only for that service', () => {
    const preset = Object.keys(exporterMetrics.node);
    const retyped = preset[1]!;
    const catalog = scrapedMetrics(
      [job('a-node', 'a', 'node'), job('b-node', 'b', 'node')],
      new Map([['a', { [retyped]: 'histogram' as const }], ['b', {}]]),
    );
    // The first job to produce a name gives its type: a's declaration.
    expect(catalog.get(retyped)?.type).toBe('histogram');
    expect(catalog.get(`${retyped}_bucket`)?.producers).toEqual(['a-node']);
    expect(catalog.get(retyped)?.producers).toEqual(['a-node', 'b-node']);
    const names = [...catalog.keys()];
    expect(names.indexOf(retyped)).toBeLessThan(names.indexOf(preset[2]!));
  });

  test('the whole catalog adds the recording rules and leaves the scraped one as it was', () => {
    const scraped = scrapedMetrics([job('api', 'api')], new Map());
    const service = { id: 'api', ruleGroups: [{ file: undefined, records: [{ name: 'job:up:sum' }, { name: 'up' }] }] } as unknown as ServiceModel;
    const catalog = buildMetricCatalog([service], scraped);
    expect(catalog.get('job:up:sum')).toEqual({ type: 'gauge', producers: ['rule:api'] });
    expect(catalog.get('up')?.producers).toEqual(['api', 'rule:api']);
    expect(scraped.get('up')?.producers).toEqual(['api']);
    expect(scraped.has('job:up:sum')).toBe(false);
  });
});
