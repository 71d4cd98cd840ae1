import { spawn } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { UsageError } from '../../generators/core/errors.ts';
import type { Component, StackProcess, WorkPaths } from './work.ts';

/** Fails with what to do when the port is taken: the stack binds only to loopback. */
export async function ensureFree(port: number, component: Component): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const server = createServer();
    server.once('error', (error: NodeJS.ErrnoException) => reject(error.code === 'EADDRINUSE'
      ? new UsageError(`port ${port} for ${component} is in use on 127.0.0.1; free it or pass --${component}-port`)
      : error));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve()));
  });
}

/** A free loopback port, for tests that run the stack beside other servers. */
export async function freePort(): Promise<number> {
  return await new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** Starts a program in the background, its output in its log, its PID in its PID file; it outlives this process. */
export function startProcess(paths: WorkPaths, component: Component, program: string, args: readonly string[], cwd?: string): StackProcess {
  const log = paths.log(component);
  const fd = openSync(log, 'a');
  const child = spawn(program, args, { detached: true, stdio: ['ignore', fd, fd], cwd });
  closeSync(fd);
  if (child.pid === undefined) throw new Error(`${program} did not start; see ${log}`);
  child.unref();
  writeFileSync(paths.pid(component), `${child.pid}\n`);
  return { pid: child.pid, program, args: [...args], log };
}

/**
 * Whether the PID still runs the command the stack started. A PID is reused
 * once its process ends, and a stale stack.json may name another user's
 * program, so the whole command line must match, not the program's name
 * (every Node program ends in `node`).
 */
export function isRunning(process_: StackProcess): boolean {
  let cmdline: string[];
  try {
    cmdline = readFileSync(`/proc/${process_.pid}/cmdline`, 'utf8').split('\0').filter((arg, i, all) => i < all.length - 1 || arg !== '');
  } catch {
    return false;
  }
  if (process_.args === undefined) {
    // A stack.json from before the arguments were recorded: only a program of its own, never a shared interpreter.
    const name = process_.program.split('/').at(-1)!;
    return name !== 'node' && cmdline[0] !== undefined && (cmdline[0] === process_.program || cmdline[0].endsWith(`/${name}`));
  }
  const expected = [process_.program, ...process_.args];
  return cmdline.length === expected.length && cmdline.every((arg, i) => arg === expected[i]);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** SIGTERM, then SIGKILL after `graceMs`; only when the PID still runs our program. */
export async function stopProcess(paths: WorkPaths, component: Component, process_: StackProcess, graceMs = 10_000): Promise<'stopped' | 'not running'> {
  const pidFile = paths.pid(component);
  if (!isRunning(process_)) {
    if (existsSync(pidFile)) rmSync(pidFile);
    return 'not running';
  }
  process.kill(process_.pid, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (isRunning(process_) && Date.now() < deadline) await sleep(100);
  if (isRunning(process_)) process.kill(process_.pid, 'SIGKILL');
  while (isRunning(process_)) await sleep(50);
  if (existsSync(pidFile)) rmSync(pidFile);
  return 'stopped';
}

/** Polls `url` until it answers 200, up to `timeoutMs`; the error names the log to read. */
export async function waitReady(url: string, timeoutMs: number, log: string, running: () => boolean): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(1000) });
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    if (!running()) throw new Error(`${url} never answered: the process exited; see ${log}`);
    if (Date.now() > deadline) throw new Error(`${url} did not answer within ${timeoutMs / 1000} s; see ${log}`);
    await sleep(200);
  }
}
