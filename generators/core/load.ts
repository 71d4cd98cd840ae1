import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Diagnostic } from './diagnostic.ts';
import { UsageError } from './errors.ts';

/** Imports `<dir>/index.ts` and returns its default export: the project. */
export async function loadDefinitions(dir: string): Promise<{ project?: unknown; diagnostics: Diagnostic[] }> {
  const entry = resolve(dir, 'index.ts');
  if (!existsSync(entry)) throw new UsageError(`no definitions found: ${entry} does not exist`);
  let module: { default?: unknown };
  try {
    module = (await import(pathToFileURL(entry).href)) as { default?: unknown };
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
  const frame = (err.stack ?? '').split('\n').map((line) => /\(?((?:file:\/\/)?\/[^():]+):(\d+):(\d+)\)?$/.exec(line.trim())).find((m) => m && m[1]!.replace('file://', '').startsWith(join(dir, '/')));
  return {
    severity: 'error',
    code: 'load/failed',
    location: frame ? { file: frame[1]!.replace('file://', ''), line: Number(frame[2]), column: Number(frame[3]) } : { file: entry, line: 1, column: 1 },
    subject: 'definitions',
    message: `loading the definitions failed: ${err.message.split('\n')[0]}`,
  };
}
