import { spawn, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { requireTool } from '../../scripts/required-tools.ts';

export { requireTool };

/**
 * Runs a real tool and returns its exit code and output. Killed after 170 s,
 * within the 180 s of the longest promtool tests: an SLO's multi-day scenarios
 * take most of a minute alone, longer on a machine running other test files.
 */
export function runTool(name: string, args: readonly string[], cwd?: string): SpawnSyncReturns<string> {
  return spawnSync(requireTool(name), args, { encoding: 'utf8', cwd, timeout: 170_000, maxBuffer: 64 * 1024 * 1024 });
}

/** Runs a real tool without blocking; its exit code (null when killed at the timeout) and its output, both streams. */
export function runToolAsync(name: string, args: readonly string[], cwd?: string, timeoutMs = 240_000): Promise<{ status: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(requireTool(name), args, { cwd, timeout: timeoutMs });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, output }));
  });
}

/** `run` over every item, at most as many at once as the machine has cores; results keyed by item. */
export async function inParallel<T, R>(items: readonly T[], run: (item: T) => Promise<R>): Promise<[T, R][]> {
  const results: [T, R][] = [];
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++]!;
      results.push([item, await run(item)]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(availableParallelism(), items.length) }, worker));
  return results;
}
