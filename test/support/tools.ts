import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { installHint } from '../../scripts/required-tools.ts';


/** The absolute path of a real tool; a missing tool fails the test, never skips it. */
export function requireTool(name: string): string {
  const found = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' });
  const path = found.stdout.trim();
  if (found.status !== 0 || !path) throw new Error(`${name} is not installed (${installHint(name)})`);
  return path;
}

/** Runs a real tool and returns its exit code and output. */
export function runTool(name: string, args: readonly string[], cwd?: string): SpawnSyncReturns<string> {
  return spawnSync(requireTool(name), args, { encoding: 'utf8', cwd, timeout: 60_000 });
}
