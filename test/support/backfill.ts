import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { createBlocks, startPrometheus } from '../../scripts/backfill.ts';

/**
 * Debian's Prometheus on loopback serving history written as OpenMetrics
 * (scripts/backfill.ts); `stop` kills it by PID.
 */
export async function startBackfilledPrometheus(openMetrics: string): Promise<{ url: string; dir: string; stop: () => void }> {
  const dir = mkdtempSync(join(tmpdir(), 'monac-backfill-'));
  writeFileSync(join(dir, 'history.om'), openMetrics);
  createBlocks(dir, 'history.om');
  const { url, stop } = await startPrometheus(dir, 'global:\n  scrape_interval: 1m\n');
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
