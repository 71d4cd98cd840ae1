import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { compileDefinitions, goldenCases, goldenRoot, repoRoot } from './support/compile-case.ts';
import { materialize, placeCredentialFiles } from './support/materialize.ts';
import { requireTool, runTool } from './support/tools.ts';

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
