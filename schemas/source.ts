import { findSourceMap } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where a declaration was written: the user's file, line and column (1-based). */
export interface SourceLocation {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

const schemasDir = dirname(fileURLToPath(import.meta.url));

/** A frame as V8 reports it: the position in the code that runs, before any source map. */
interface RawSite {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly frame: NodeJS.CallSite;
  /** A stack formatter installed when the frame was taken (a test runner's, which maps its own transforms). */
  readonly prepare?: ((error: Error, frames: NodeJS.CallSite[]) => unknown) | undefined;
}

/** The CLI bundles the user's definitions here (scripts/monac.mjs): their frames are the user's, although under node_modules. */
const userBundles = '/node_modules/.cache/monac/definitions/';

const framePattern = /\(?((?:file:\/\/)?\/[^()]*?):(\d+):(\d+)\)?$/;

/**
 * One record for the whole process, kept on `globalThis`: `npm run build`
 * runs the compiler from a bundle with its own copy of this module
 * (scripts/monac.mjs), while the definitions load this file through tsx, and
 * `monac plan` loads a base revision's copy. Each copy records and reads here.
 */
const shared = ((globalThis as Record<symbol, unknown>)[Symbol.for('monac.sources')] ??= {
  sources: new WeakMap<object, RawSite | SourceLocation>(),
  mapped: new WeakSet<object>(),
}) as { readonly sources: WeakMap<object, RawSite | SourceLocation>; readonly mapped: WeakSet<object> };
const { sources, mapped } = shared;

/**
 * Records the call site of the `define*()` helper that created `value`: the
 * first stack frame outside the declaration language itself, so helpers that
 * call each other still point at the user's own line. Only the raw frame is
 * kept; the source map turns it into the user's line when a diagnostic asks
 * (formatting a source-mapped stack for each of thousands of declarations
 * cost more than validating them).
 */
export function recordSource<T extends object>(value: T): T {
  const site = findCallSite();
  if (site) sources.set(value, site);
  return value;
}

/** Records where a declaration read from a file (an upstream rule of a pack) was written: diagnostics about it point there. */
export function placeSource<T extends object>(value: T, location: SourceLocation): T {
  sources.set(value, location);
  mapped.add(value);
  return value;
}

/** The call site recorded for a declaration, if any. */
export function sourceOf(value: unknown): SourceLocation | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const site = sources.get(value);
  if (!site || mapped.has(value)) return site;
  const location = original(site as RawSite);
  sources.set(value, location);
  mapped.add(value);
  return location;
}

/** The position in the user's own file: through the module's source map when it has one (tsx writes them). */
function original(site: RawSite): SourceLocation {
  if (site.prepare) {
    // Whoever formats stacks here maps them: format this one frame the same way.
    const text = String(site.prepare(new Error(), [site.frame]));
    for (const line of text.split('\n')) {
      const match = framePattern.exec(line.trim());
      if (match) return { file: toPath(match[1]!), line: Number(match[2]), column: Number(match[3]) };
    }
  }
  const entry = findSourceMap(site.file)?.findEntry(site.line - 1, site.column - 1) as { originalSource?: string; originalLine?: number; originalColumn?: number } | undefined;
  if (!entry || entry.originalLine === undefined || entry.originalColumn === undefined) return { file: toPath(site.file), line: site.line, column: site.column };
  return { file: entry.originalSource ? toPath(entry.originalSource) : toPath(site.file), line: entry.originalLine + 1, column: entry.originalColumn + 1 };
}

const toPath = (file: string) => (file.startsWith('file://') ? fileURLToPath(file) : file);

function findCallSite(): RawSite | undefined {
  const { stackTraceLimit, prepareStackTrace: prepare } = Error;
  Error.stackTraceLimit = 50;
  // The structured frames, without formatting or source-mapping the whole stack.
  Error.prepareStackTrace = (_, frames) => frames;
  const holder: { stack?: NodeJS.CallSite[] } = {};
  Error.captureStackTrace(holder, findCallSite);
  const frames = holder.stack ?? [];
  Error.stackTraceLimit = stackTraceLimit;
  Error.prepareStackTrace = prepare;
  for (const frame of frames) {
    const file = frame.getFileName();
    const line = frame.getLineNumber();
    const column = frame.getColumnNumber();
    if (!file || line === null || column === null) continue;
    const path = toPath(file);
    if (!path.startsWith('/') || path.startsWith(schemasDir + '/') || (path.includes('/node_modules/') && !path.includes(userBundles))) continue;
    return { file, line, column, frame, prepare };
  }
  return undefined;
}
