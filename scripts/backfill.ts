import { spawn, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePort } from './stack/processes.ts';
import { requireTool as tool } from './required-tools.ts';

/**
 * `promtool tsdb create-blocks-from openmetrics` of `history` (a path relative
 * to `dir`) into `dir/data`. The longest block duration keeps months to a few
 * blocks: promtool reads the whole file again per block.
 */
export function createBlocks(dir: string, history: string, data = 'data'): void {
  const result = spawnSync(tool('promtool'), ['tsdb', 'create-blocks-from', '--max-block-duration=1000h', 'openmetrics', history, data], {
    cwd: dir, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024,
  });
  if (result.status !== 0) throw new Error(`promtool tsdb create-blocks-from openmetrics ${history} failed:\n${result.stderr}`);
}

export interface RunningPrometheus {
  readonly url: string;
  /** SIGKILL by PID: the data folder is thrown away after. */
  stop(): void;
}

/**
 * Debian's Prometheus on a free loopback port over `dir/<data>`, with
 * `config` written as its prometheus.yml; a retention long enough to keep
 * backfilled history (the default 15 days would drop it) unless `retention`
 * says. Ready within `timeoutMs`, or stopped and failed.
 */
export async function startPrometheus(dir: string, config: string, data = 'data', timeoutMs = 30_000, retention = '100y'): Promise<RunningPrometheus> {
  const configFile = join(dir, `${data}.prometheus.yml`);
  writeFileSync(configFile, config);
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(tool('prometheus'), [
    `--config.file=${configFile}`, `--storage.tsdb.path=${join(dir, data)}`, `--storage.tsdb.retention.time=${retention}`,
    `--web.listen-address=127.0.0.1:${port}`,
  ], { stdio: 'ignore' });
  const stop = () => {
    if (child.exitCode === null) child.kill('SIGKILL');
  };
  const deadline = Date.now() + timeoutMs;
  while (!(await fetch(`${url}/-/ready`, { signal: AbortSignal.timeout(1000) }).then((r) => r.ok).catch(() => false))) {
    if (Date.now() > deadline || child.exitCode !== null) {
      stop();
      throw new Error(`Prometheus on the backfilled blocks in ${join(dir, data)} did not get ready within ${timeoutMs / 1000} s`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return { url, stop };
}
