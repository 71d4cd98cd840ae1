import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Diagnostic } from './diagnostic.ts';
import { UsageError } from './errors.ts';

/**
 * Imports a TypeScript module of the user's. The CLI's launcher
 * (scripts/monac.mjs) runs the compiler as plain JavaScript and leaves here a
 * function that bundles and imports such a module; under tsx or a test runner
 * TypeScript imports as it is.
 */
export async function importTypeScript(url: string): Promise<unknown> {
  const loader = (globalThis as Record<symbol, unknown>)[Symbol.for('monac.typescript')];
  return typeof loader === 'function' ? await (loader as (url: string) => Promise<unknown>)(url) : await import(url);
}

/** Imports `<dir>/index.ts` and returns its default export: the project. */
export async function loadDefinitions(dir: string): Promise<{ project?: unknown; diagnostics: Diagnostic[] }> {
  const entry = resolve(dir, 'index.ts');
  if (!existsSync(entry)) throw new UsageError(`no definitions found: ${entry} does not exist`);
  let module: { default?: unknown };
  try {
    module = (await importTypeScript(pathToFileURL(entry).href)) as { default?: unknown };
  } catch (error) {
    return { diagnostics: [loadFailure(error, resolve(dir), entry)] };
  }
  if (module.default === undefined) {
    return {
      diagnostics: [{
        severity: 'error',
        code: 'load/no-project',
        location: { file: entry, line: 1, column: 1 },
        subject: 'project',
        message: 'index.ts must `export default defineProject({...})`',
      }],
    };
  }
  return { project: module.default, diagnostics: [] };
}

/** An exception thrown while the user's definitions ran, at the first frame inside them. */
function loadFailure(error: unknown, dir: string, entry: string): Diagnostic {
  const err = error instanceof Error ? error : new Error(String(error));
  // A syntax error the launcher's bundler found says where.
  const location = (err as { location?: Diagnostic['location'] }).location;
  if (location) return { severity: 'error', code: 'load/failed', location, subject: 'definitions', message: `loading the definitions failed: ${err.message.split('\n')[0]}` };
  const frame = (err.stack ?? '').split('\n').map((line) => /\(?((?:file:\/\/)?\/[^():]+):(\d+):(\d+)\)?$/.exec(line.trim())).find((m) => m && m[1]!.replace('file://', '').startsWith(join(dir, '/')));
  return {
    severity: 'error',
    code: 'load/failed',
    location: frame ? { file: frame[1]!.replace('file://', ''), line: Number(frame[2]), column: Number(frame[3]) } : { file: entry, line: 1, column: 1 },
    subject: 'definitions',
    message: `loading the definitions failed: ${err.message.split('\n')[0]}`,
  };
}
