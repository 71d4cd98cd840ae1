import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { compileDefinitions, goldenCases, goldenRoot, repoRoot } from './support/compile-case.ts';
import { materialize, placeCredentialFiles } from './support/materialize.ts';
import { requireTool, runTool } from './support/tools.ts';
import { defineProject, defineService } from '../schemas/index.ts';
import { compile } from '../generators/compile.ts';
import { compareVersions, prometheusFeatures } from '../generators/core/features.ts';
import type { RelabelAction } from '../schemas/scrape.ts';

const validCases = goldenCases().filter((name) => !name.startsWith('invalid-'));

/** Compiles a definitions folder into a temporary out/ and runs the real promtool on its prometheus.yml. */
async function checkConfig(definitions: string) {
  const { files, diagnostics } = await compileDefinitions(definitions);
  expect(files, diagnostics.join('\n')).toBeDefined();
  const out = materialize(files!);
  const config = join(out, 'prometheus/prometheus.yml');
  placeCredentialFiles(config, readFileSync(config, 'utf8'));
  return { out, result: runTool('promtool', ['check', 'config', config]) };
}

describe('promtool check config (Debian prometheus 2.42)', () => {
  test('there are valid golden cases to check', () => {
    expect(validCases.length).toBeGreaterThan(15);
  });

  test.each(validCases)('accepts the prometheus.yml of golden case %s', async (name) => {
    const { result } = await checkConfig(join(goldenRoot, name, 'definitions'));
    expect(result.status, `${result.stdout}${result.stderr}`).toBe(0);
    expect(result.stdout).toContain('SUCCESS');
  });

  test("accepts the estate's prometheus.yml as built from definitions/", async () => {
    const { result } = await checkConfig(join(repoRoot, 'definitions'));
    expect(result.status, `${result.stdout}${result.stderr}`).toBe(0);
    console.log(result.stdout.trim());
  });

  test('accepts the committed out/prometheus/prometheus.yml', () => {
    const result = runTool('promtool', ['check', 'config', join(repoRoot, 'out/prometheus/prometheus.yml')]);
    expect(result.status, `${result.stdout}${result.stderr}`).toBe(0);
  });

  test('rejects a config that Prometheus would reject, so these checks can fail', () => {
    const dir = mkdtempSync(join(tmpdir(), 'monac-'));
    const config = join(dir, 'prometheus.yml');
    writeFileSync(config, 'scrape_configs:\n  - job_name: a\n    scrape_interval: 15x\n');
    const result = runTool('promtool', ['check', 'config', config]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('15x');
  });
});

describe('prometheus (Debian 2.42) runs the estate', () => {
  test('starts with the generated flags and config and becomes ready', async () => {
    const { out } = await checkConfig(join(repoRoot, 'definitions'));
    const flags = readFileSync(join(out, 'prometheus/prometheus.flags'), 'utf8').trim().split('\n');
    const port = 20000 + Math.floor(Math.random() * 20000);
    const child = spawn(requireTool('prometheus'), [
      `--config.file=${join(out, 'prometheus/prometheus.yml')}`,
      `--storage.tsdb.path=${join(out, '..', 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
      ...flags,
    ], { stdio: ['ignore', 'ignore', 'pipe'] });
    let log = '';
    child.stderr.on('data', (chunk: Buffer) => (log += chunk.toString()));
    try {
      expect(await waitReady(`http://127.0.0.1:${port}/-/ready`, 20_000), log).toBe(true);
      const flagsPage = await (await fetch(`http://127.0.0.1:${port}/api/v1/status/flags`)).json() as { data: Record<string, string> };
      expect(flagsPage.data['storage.tsdb.retention.time']).toBe('90d');
      // Prometheus reads size units as powers of two.
      expect(flagsPage.data['storage.tsdb.retention.size']).toBe('50GiB');
    } finally {
      child.kill('SIGTERM');
    }
  });
});

async function waitReady(url: string, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url)).ok) return true;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return false;
}

describe('the version table agrees with the installed Prometheus 2.42', () => {
  const installed = '2.42.0';

  const tableActions = Object.values(prometheusFeatures).flatMap((f) =>
    ('relabelActions' in f ? f.relabelActions : []).map((action) => ({ action: action as RelabelAction, since: f.since })));

  test('the table dates the four relabel actions newer than 2.35', () => {
    expect(tableActions.map((a) => a.action).sort()).toEqual(['dropequal', 'keepequal', 'lowercase', 'uppercase']);
  });

  /** A one-job project targeting `version`, using every feature of the table. */
  function featureProject(version: string) {
    return defineProject({
      name: 'features',
      targets: { prometheus: version, alertmanager: '0.25.0', grafana: '11.3.0', kubernetes: '1.30' },
      prometheus: { retention: { time: '30d' } },
      services: [defineService({
        id: 'api',
        team: 'web',
        endpoints: [{
          job: 'api',
          targets: ['api:8000'],
          keepDroppedTargets: compareVersions(version, prometheusFeatures['keep-dropped-targets'].since) >= 0 ? 10 : undefined,
          // Every relabel action the table dates, each in the release the project targets or later.
          relabel: tableActions
            .filter(({ since }) => compareVersions(version, since) >= 0)
            .map(({ action }) => ({ sourceLabels: ['__address__'], targetLabel: action === 'keepequal' || action === 'dropequal' ? 'instance' : 'zone', action })),
        }],
      })],
    });
  }

  function promtoolOn(version: string) {
    const { files, diagnostics } = compile(featureProject(version));
    expect(files, JSON.stringify(diagnostics)).toBeDefined();
    return runTool('promtool', ['check', 'config', join(materialize(files!), 'prometheus/prometheus.yml')]);
  }

  test('every feature the table dates at or before 2.42 is accepted by promtool 2.42', () => {
    const older = Object.values(prometheusFeatures).filter((f) => compareVersions(f.since, installed) <= 0);
    expect(older.length).toBeGreaterThan(0);
    const result = promtoolOn(installed);
    expect(result.status, result.stderr).toBe(0);
    const config = compile(featureProject(installed)).files!.get('prometheus/prometheus.yml')!.content;
    for (const { action } of tableActions) expect(config).toContain(`action: ${action}`);
  });

  test.each(Object.entries(prometheusFeatures).filter(([, f]) => compareVersions(f.since, installed) > 0))(
    '%s, dated after 2.42, is rejected by promtool 2.42 when the project targets a newer release',
    (feature, { since }) => {
      const result = promtoolOn(since);
      expect(result.status).toBe(1);
      const entry = prometheusFeatures[feature as keyof typeof prometheusFeatures];
      const field = 'relabelActions' in entry ? entry.relabelActions[0] : feature === 'keep-dropped-targets' ? 'keep_dropped_targets' : 'retention';
      expect(result.stderr).toContain(field);
    },
  );
});
