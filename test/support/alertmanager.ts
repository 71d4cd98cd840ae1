import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { requireTool } from './tools.ts';

/** A free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** A running Alertmanager (the Debian server) and how to stop it. */
export interface RunningAlertmanager {
  readonly url: string;
  /** The server's last 20 kB of log, for failure messages. */
  log(): string;
  stop(): void;
}

/**
 * Starts the Debian Alertmanager on a free port of 127.0.0.1 with this
 * configuration file, without clustering, and waits (20 s at most) until it
 * is ready; stopped by its PID, also when it never became ready.
 */
export async function startAlertmanager(configFile: string): Promise<RunningAlertmanager> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(requireTool('prometheus-alertmanager'), [
    `--config.file=${configFile}`,
    `--storage.path=${mkdtempSync(join(tmpdir(), 'monac-am-'))}`,
    `--web.listen-address=127.0.0.1:${port}`,
    '--cluster.listen-address=',
  ], { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  child.stderr!.on('data', (chunk: Buffer) => (log = (log + chunk.toString()).slice(-20_000)));
  const running = { url, log: () => log, stop: () => void (child.pid && child.exitCode === null && process.kill(child.pid, 'SIGTERM')) };
  for (const deadline = Date.now() + 20_000; Date.now() < deadline;) {
    try {
      if ((await fetch(`${url}/-/ready`)).ok) return running;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  running.stop();
  throw new Error(`alertmanager did not become ready on ${url}:\n${log}`);
}
