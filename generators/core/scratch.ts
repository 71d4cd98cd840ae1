/**
 * Folders a command makes for its own work (a staging copy of out/, the
 * import's build check, the plan's worktree). Each is removed when the command
 * ends, also on Ctrl-C or SIGTERM; each holds a `.gitignore` of `*` so git
 * never lists one a killed run left behind; and the next run removes those
 * whose process is gone (their name carries its PID).
 */
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const cleanups = new Set<() => void>();
let installed = false;

/** Runs every registered cleanup, then ends the process as the signal would have. */
function onSignal(signal: NodeJS.Signals): void {
  for (const cleanup of [...cleanups].reverse()) {
    try {
      cleanup();
    } catch {
      // The others still run: one leftover is better than several.
    }
  }
  process.exit(signal === 'SIGINT' ? 130 : 143);
}

/** Registers `cleanup` to run if the process is interrupted before `release()`; returns `release`. */
export function onInterrupt(cleanup: () => void): () => void {
  if (!installed) {
    installed = true;
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  }
  cleanups.add(cleanup);
  return () => void cleanups.delete(cleanup);
}

/** Makes (anew) a scratch folder that git ignores; the returned function removes it and unregisters it. */
export function scratchFolder(path: string): () => void {
  const remove = () => rmSync(path, { recursive: true, force: true });
  // Registered before the folder exists: a Ctrl-C from then on removes it.
  const release = onInterrupt(remove);
  remove();
  mkdirSync(path, { recursive: true });
  writeFileSync(join(path, '.gitignore'), '# monac scratch folder: removed when the command ends\n*\n');
  return () => {
    release();
    remove();
  };
}

/** Whether a process with this PID runs (one we may not signal runs too). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The scratch names `<prefix><pid>` a command gives its folders, the PID as the first group. */
export function pidSuffixed(prefix: string): RegExp {
  return new RegExp(`^${prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(\\d+)$`);
}

/**
 * The entries of `parent` that `pattern` matches (its first group the PID)
 * whose process is gone: each is removed, or handed to `dispose`.
 */
export function pruneStale(parent: string, pattern: RegExp, dispose = (path: string) => rmSync(path, { recursive: true, force: true })): string[] {
  if (!existsSync(parent)) return [];
  const removed: string[] = [];
  for (const name of readdirSync(parent)) {
    const pid = pattern.exec(name)?.[1];
    if (pid === undefined || Number(pid) === process.pid || isAlive(Number(pid))) continue;
    dispose(join(parent, name));
    removed.push(name);
  }
  return removed;
}
