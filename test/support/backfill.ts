import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect } from 'vitest';
import { freePort } from '../../scripts/stack/processes.ts';
import { requireTool, runTool } from './tools.ts';

/**
 * Debian's Prometheus on loopback serving history written as OpenMetrics:
 * `promtool tsdb create-blocks-from openmetrics` turns it into blocks (the
 * hidden longest block duration keeps months to a few blocks; promtool reads
 * the whole file again per block), and the retention is long enough to keep
 * them (the default 15 days would drop older history). `stop` kills it by PID.
 */
export async function startBackfilledPrometheus(openMetrics: string): Promise<{ url: string; dir: string; stop: () => void }> {
  const dir = mkdtempSync(join(tmpdir(), 'monac-backfill-'));
  writeFileSync(join(dir, 'history.om'), openMetrics);
  const blocks = runTool('promtool', ['tsdb', 'create-blocks-from', '--max-block-duration=1000h', 'openmetrics', 'history.om', 'data'], dir);
  expect(blocks.status, blocks.stderr).toBe(0);
  writeFileSync(join(dir, 'prometheus.yml'), 'global:\n  scrape_interval: 1m\n');
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(requireTool('prometheus'), [
    `--config.file=${join(dir, 'prometheus.yml')}`, `--storage.tsdb.path=${join(dir, 'data')}`, '--storage.tsdb.retention.time=100y',
    `--web.listen-address=127.0.0.1:${port}`,
  ], { stdio: 'ignore' });
  const stop = () => {
    child.kill('SIGKILL');
  };
  const deadline = Date.now() + 30_000;
  while (!(await fetch(`${url}/-/ready`).then((r) => r.ok).catch(() => false))) {
    if (Date.now() > deadline || child.exitCode !== null) {
      stop();
      throw new Error(`Prometheus on the backfilled blocks in ${dir} did not get ready within 30 s`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return { url, dir, stop };
}

/** The same for a describe block: started before its tests, stopped after them, its URL and folder read inside the tests. */
export function useBackfilledPrometheus(openMetrics: () => string): { readonly url: string; readonly dir: string } {
  let server: Awaited<ReturnType<typeof startBackfilledPrometheus>> | undefined;
  beforeAll(async () => {
    server = await startBackfilledPrometheus(openMetrics());
  }, 90_000);
  afterAll(() => server?.stop());
  return {
    get url() {
      return server!.url;
    },
    get dir() {
      return server!.dir;
    },
  };
}
