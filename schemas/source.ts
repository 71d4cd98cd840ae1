import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where a declaration was written: the user's file, line and column (1-based). */
export interface SourceLocation {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

const schemasDir = dirname(fileURLToPath(import.meta.url));
const sources = new WeakMap<object, SourceLocation>();
const framePattern = /\(?((?:file:\/\/)?\/[^()]*?):(\d+):(\d+)\)?$/;

/**
 * Records the call site of the `define*()` helper that created `value`: the
 * first stack frame outside the declaration language itself, so helpers that
 * call each other still point at the user's own line.
 */
export function recordSource<T extends object>(value: T): T {
  const site = findCallSite();
  if (site) sources.set(value, site);
  return value;
}

/** The call site recorded for a declaration, if any. */
export function sourceOf(value: unknown): SourceLocation | undefined {
  return typeof value === 'object' && value !== null ? sources.get(value) : undefined;
}

function findCallSite(): SourceLocation | undefined {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 50;
  const stack = new Error().stack ?? '';
  Error.stackTraceLimit = limit;
  for (const frame of stack.split('\n').slice(1)) {
    const match = framePattern.exec(frame.trim());
    if (!match) continue;
    const file = match[1]!.startsWith('file://') ? fileURLToPath(match[1]!) : match[1]!;
    if (file.startsWith(schemasDir + '/') || file.includes('/node_modules/')) continue;
    return { file, line: Number(match[2]), column: Number(match[3]) };
  }
  return undefined;
}
