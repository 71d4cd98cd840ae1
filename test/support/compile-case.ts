import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { formatDiagnostic } from '../../generators/core/diagnostic.ts';
import { loadProject } from '../../scripts/packs/load.ts';
import type { OutputFiles } from '../../generators/core/output.ts';
import { compile } from '../../generators/compile.ts';

export const repoRoot = resolve(import.meta.dirname, '../..');
export const goldenRoot = join(repoRoot, 'test/golden');

/** Every golden case folder name, sorted. */
export function goldenCases(): string[] {
  return readdirSync(goldenRoot).filter((name) => statSync(join(goldenRoot, name)).isDirectory()).sort();
}

/** Loads and compiles a definitions folder as the CLI does; diagnostics printed relative to the repository. */
export async function compileDefinitions(dir: string): Promise<{ diagnostics: string[]; files?: OutputFiles | undefined }> {
  const loaded = await loadProject(dir);
  const compilation = loaded.project === undefined ? { diagnostics: [], files: undefined } : compile(loaded.project);
  return { diagnostics: [...loaded.diagnostics, ...compilation.diagnostics].map((d) => formatDiagnostic(d, repoRoot)), files: compilation.files };
}
